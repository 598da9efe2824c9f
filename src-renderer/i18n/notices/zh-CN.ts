// 紧急通知横幅及全文。键与 en.ts 完全一致。
export default {
  label: '紧急通知',
  tapToRead: '点击查看',
  // Chinese has one plural form; _one is here only so the keys match en.ts.
  moreNotices_one: '另有 {{count}} 条通知',
  moreNotices_other: '另有 {{count}} 条通知',
  heading: '紧急通知',
  window: '{{start}} 至 {{end}}',
  close: '关闭',
};
