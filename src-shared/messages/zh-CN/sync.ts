export default {
  summary: '从网址或文件夹安装更新的已签名数据快照',
  help: [
    '用法：minsheng sync --source 网址|文件夹 --trust 文件 --db 文件 [--region 代码]',
    '',
    '  --source   数据包所在位置：http(s) 网址，或本地文件夹（如 U 盘）',
    '  --trust    本终端信任的发布方公钥文件（PEM）',
    '  --db       已安装的数据快照文件（SQLite），首次同步时创建',
    '  --region   本终端所属的 6 位县级区划代码；默认沿用已安装快照的区划。',
    '             已安装的是其他县的快照时，由本县的数据包替换，不比较版本号（终端调往他县）。',
    '',
    '退出码 0：已安装或已是最新。1：数据包被拒绝或同步失败，已安装的数据保持不变。',
  ].join('\n'),
  installed: '已安装数据快照第 {{version}} 版（替换第 {{previous}} 版）。',
  installedFirst: '已安装数据快照第 {{version}} 版。',
  upToDate: '已是最新：已安装第 {{version}} 版。',
  rejected: '已拒绝来自 {{source}} 的数据包，已安装的数据保持不变。原因：{{reason}}',
  failed: '从 {{source}} 同步失败，已安装的数据保持不变。{{reason}}',
  trustInvalid: '无法从 {{file}} 读取信任的公钥：{{reason}}。请用 --trust 指定发布方公钥文件（PEM）。',
  unsupportedSource:
    '选项 --source 的值“{{value}}”不受支持：请填写 http:// 或 https:// 网址、文件夹路径，或本机文件夹的 file:// 网址。',
  trustIsPrivateKey:
    '{{file}} 是私钥。终端的 --trust 需要发布方的公钥（publisher.pub）；私钥（publisher.key）只留在发布方，不得复制到终端。',
  invalidRegion: '选项 --region 的值“{{value}}”无效：应为 6 位县级区划代码，如 430121。',
  source: {
    usbNotFound:
      '没有找到存有 {{folder}} 的 U 盘或其他已挂载的存储设备（已查找 {{roots}} 及其下两层文件夹）。请插入 U 盘，并确认其中有这个文件夹。',
    usbManyRegions: '已挂载的存储设备中有多个区划的数据包：{{regions}}。请设置本终端的区划（--region）以选定其一。',
  },
  file: {
    payload: '压缩数据包',
    sqlite: '数据库文件',
  },
  reason: {
    'malformed-manifest': '清单文件格式错误（{{problem}}）。',
    'unsupported-format': '数据包使用 {{field}} {{actual}}，本终端只支持 {{expected}}；请升级终端软件。',
    'unknown-key': '数据包未经任何受信任的公钥签名（签名公钥 ID：{{keyIds}}）；请检查 --trust 文件。',
    'bad-signature': '受信任公钥 {{keyId}} 的签名验证失败：清单已被改动或损坏。',
    'wrong-region': '数据包属于区划 {{actual}}，本终端属于区划 {{expected}}。如要把本终端改为区划 {{actual}}，请加 --region {{actual}} 运行同步。',
    rollback: '数据包为第 {{offered}} 版，早于已安装的第 {{installed}} 版。',
    expired: '数据包已于 {{expiresAt}} 过期；请联系县里重新发布。',
    'length-mismatch': '{{file}}长度为 {{actual}} 字节，与签名的 {{expected}} 字节不符：文件被截断、填充或替换。',
    'hash-mismatch': '{{file}}与签名的 SHA-256 不符：文件在传输中被改动或损坏。',
    'integrity-check-failed': '数据库文件检查未通过（{{problem}}）。',
    network: '无法连接数据源：{{problem}}。请检查网络和网址后重试。',
    io: '读写文件失败：{{problem}}。请检查文件夹、权限和剩余空间后重试。',
  },
} as const;
