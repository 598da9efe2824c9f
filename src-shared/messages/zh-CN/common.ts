export default {
  yes: '是',
  no: '否',
} as const;
