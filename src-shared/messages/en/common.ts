export default {
  yes: 'yes',
  no: 'no',
} as const;
