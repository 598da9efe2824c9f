export default {
  summary: '在本机回环地址上以 HTTP 提供查询界面和接口，供 Chromium 全屏（kiosk）模式使用',
  help: [
    '用法：minsheng serve (--data-dir 文件夹 | --config 文件) [--port 端口] [--static 目录]',
    '',
    '  --data-dir 终端数据文件夹，首次同步前其中可以还没有快照；与 --config 同时给出时，取代配置中的 dataDir',
    '  --port     127.0.0.1 上的 TCP 端口（默认 {{defaultPort}}；0 表示自动选择空闲端口）',
    '  --config   终端配置文件（JSON），提供终端名称、语言、无操作超时、首页地区、大额标记金额、举报和打印机设置；未给出 --data-dir 时也提供 dataDir。给出它时，日志还写入数据文件夹的 logs/kiosk.log（JSON，info 级别及以上），管理界面显示这些日志',
    '  --static   已构建界面的目录（默认为本程序包的 dist/renderer）',
  ].join('\n'),
  staticMissing: '在 {{dir}} 中没有找到已构建的查询界面（缺少 index.html）。请先运行 npm run build。',
  configInvalid: '终端配置 {{file}} 有误，无法启动：',
  invalidPort: '选项 --port 的值“{{value}}”无效：端口应在 0 到 {{max}} 之间（0 表示自动选择空闲端口）。',
  regionMismatch:
    '警告：终端配置的区划为 {{configRegion}}，但已安装的数据快照属于 {{snapshotRegion}} {{regionName}}；{{configRegion}} 的群众将查不到任何记录。请运行 minsheng sync --region {{configRegion}}，或改正配置中的 regionCode。',
  listenFailed: '无法在 127.0.0.1:{{port}} 上监听：{{reason}}。请用 --port 换一个端口。',
  noSnapshot:
    '{{dir}} 中尚未安装数据快照。在 minsheng sync 安装之前，界面会显示“本机还没有安装数据，暂时不能查询。请联系工作人员。”，数字键不能使用；安装后一分钟内界面自动恢复查询。',
  recovered: '已安装的数据快照第 {{damaged}} 版已损坏；在下次同步装好完整副本之前，改用上一版（第 {{version}} 版）。详见管理状态和日志。',
  unusable: '{{dir}} 中的数据快照已损坏（{{problem}}），且没有完好的上一版；在下次同步之前，界面显示“暂无数据”。',
  running: '查询终端已在 {{url}} 运行',
  openInChromium: '用 Chromium 全屏（kiosk）模式打开，请运行：',
  stopHint: '按 Ctrl+C 停止。',
  stopped: '已停止。',
} as const;
