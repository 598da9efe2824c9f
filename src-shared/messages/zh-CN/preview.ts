// Messages of `minsheng preview`.
export default {
  summary: '在本机浏览器中预览尚未发布的数据：群众在查询终端上将看到的样子',
  help: [
    '用法：minsheng preview --data 文件夹 [--port 端口] [--static 目录] [--error-limit 条数]',
    '',
    '  --data         要发布的数据文件夹（与 minsheng publish 的 --data 相同）',
    '  --port         127.0.0.1 上的 TCP 端口（默认 {{defaultPort}}；0 表示自动选择空闲端口）',
    '  --static       已构建界面的目录（默认为本程序包的 dist/renderer）',
    '  --error-limit  数据有误时最多列出多少条错误（默认 100）',
    '',
    '预览不签名、不写入发布目录，终端看不到它。按 Ctrl+C 结束预览，临时数据随即删除。',
  ].join('\n'),
  building: '正在检查并生成 {{dir}} 的预览数据……',
  rejected: '数据有误，无法预览。请先改正下列错误（minsheng check 会给出完整报告）：',
  errorCount: '显示 {{shown}} 条，共 {{total}} 条错误。',
  ready: '预览数据已生成：{{code}} {{name}}，数据截至 {{dataAsOf}}。',
  counts: '共 {{households}} 户、{{persons}} 人、{{payments}} 笔发放记录。',
  warnings: '另有 {{count}} 条提醒，见 minsheng check 的报告。',
  notPublished: '这是预览，尚未发布：终端看不到它。核对无误后，用 minsheng publish 签名发布。',
} as const;
