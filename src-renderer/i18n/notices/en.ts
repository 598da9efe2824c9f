// Emergency notice banner and its full view. Keys mirror zh-CN.ts exactly.
export default {
  label: 'Emergency notice',
  tapToRead: 'Tap to read',
  moreNotices_one: '{{count}} more notice',
  moreNotices_other: '{{count}} more notices',
  heading: 'Emergency notices',
  window: 'From {{start}} to {{end}}',
  close: 'Close',
};
