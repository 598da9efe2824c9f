// Texts of the print buttons and their feedback.
export default {
  statement: '打印补贴明细',
  receipt: '打印回执',
  busy: '正在打印，请稍候…',
  printed: '打印完成，请在出纸口取走。',
  notConfigured: '本机没有设置打印机，暂时不能打印。',
  failed: '打印失败：请联系工作人员，您也可以用手机拍下屏幕。',
  retry: '重试',
};
