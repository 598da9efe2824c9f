export default {
  configErrorTitle: '终端配置有误，程序无法启动',
  configErrorHint: '请修改配置文件后重新启动。配置说明见 kiosk-config/README.zh-CN.md。',
  building: '正在编译（npm run build）……',
  installingDemo: '正在用同步程序安装演示数据包 {{bundle}} ……',
  demoBundleMissing:
    '未找到演示数据包 {{bundle}}。请运行 npm run demo:rebuild 生成它，或从仓库重新取得 resources/demo-bundle/。',
  electronMissing:
    '本机没有 Electron 程序文件（{{reason}}）：安装时无法从 GitHub 下载。可在能访问 GitHub 的网络下重新运行 npm ci 安装它；现在改用浏览器方式启动查询终端。',
  browserHostStarting: '正在启动浏览器方式的查询终端（minsheng serve）……',
  browserHostUrl: '查询终端已在 {{url}} 运行。',
  openInChromium: '用 Chromium 以全屏终端方式打开：',
  stopHint: '按 Ctrl+C 停止。',
  commandFailed: '命令执行失败（退出码 {{code}}）：{{command}}',
} as const;
