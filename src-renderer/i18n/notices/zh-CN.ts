// 紧急通知横幅及全文。键与 en.ts 完全一致。
export default {
  label: '紧急通知',
  tapToRead: '点击查看',
  moreNotices: '另有 {{count}} 条通知',
  heading: '紧急通知',
  window: '{{start}} 至 {{end}}',
  close: '关闭',
};
