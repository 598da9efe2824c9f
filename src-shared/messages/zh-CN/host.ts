export default {
  configErrorTitle: '终端配置有误，程序无法启动',
  configErrorHint: '请修改配置文件后重新启动。配置说明见 kiosk-config/README.zh-CN.md。',
  configMissingTitle: '终端尚未配置，程序无法启动',
  configMissing:
    '未找到终端配置文件 {{file}}。请用本账户运行 minsheng provision --config {{file}} 写入配置（见技术人员手册 docs/technician.zh-CN.md），然后重新启动。',
  installingDemo: '正在用同步程序安装演示数据包 {{bundle}} ……',
  demoBundleMissing:
    '未找到演示数据包 {{bundle}}。请运行 npm run demo:rebuild 生成它，或从仓库重新取得 resources/demo-bundle/。',
  electronMissing:
    '本机没有安装 Electron 程序文件（{{reason}}）：Electron 在首次使用时从 GitHub 下载，这台机器无法下载。如需使用 Electron 方式，请在能访问 GitHub 的网络下运行 npx install-electron。现在改用浏览器方式启动查询终端。',
  electronStarting: '正在以 Electron 方式启动查询终端，配置文件 {{config}} ……',
  browserHostStarting: '正在启动浏览器方式的查询终端（minsheng serve）……',
  commandFailed: '命令执行失败（退出码 {{code}}）：{{command}}',
} as const;
