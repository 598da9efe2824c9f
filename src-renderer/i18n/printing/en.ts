// Texts of the print buttons and their feedback. Keys mirror zh-CN.ts exactly.
export default {
  statement: 'Print statement',
  receipt: 'Print receipt',
  busy: 'Printing, please wait…',
  printed: 'Printed. Please take the paper from the slot.',
  notConfigured: 'Printing is not set up on this terminal.',
  failed: 'Printing failed. Please ask the staff for help, or take a photo of the screen with your phone.',
  retry: 'Try again',
};
