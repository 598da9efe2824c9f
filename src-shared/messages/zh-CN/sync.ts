export default {
  summary: '从网址、文件夹或 U 盘安装更新的已签名数据快照',
  help: [
    '用法：minsheng sync --source 网址|文件夹|usb (--trust 文件 | --root-key 文件... --threshold 个数)',
    '                    --data-dir 文件夹 [--region 代码]',
    '',
    '  --source     数据包所在位置：http(s) 网址、本地文件夹，或 usb（在已插入的 U 盘上查找',
    '               minsheng-bundles/<区划代码>/）',
    '  --trust      信任文件：根元数据（N.root.json），或发布方公钥（PEM，Ed25519 或 SM2）',
    '  --root-key   根公钥文件（PEM），每个密钥写一次；须同时给出 --threshold',
    '  --threshold  根元数据第 1 版至少要有几个 --root-key 密钥签名',
    '  --data-dir   终端数据文件夹（快照、指针、信任状态），首次同步时创建',
    '  --region     本终端所属的 6 位县级区划代码；默认沿用已安装快照的区划。',
    '               已安装的是其他县的快照时，由本县的数据包替换，不比较版本号（终端调往他县）。',
    '',
    '退出码 0：已安装或已是最新。1：数据包被拒绝或同步失败，已安装的数据保持不变。',
  ].join('\n'),
  installed: '已安装数据快照第 {{version}} 版（替换第 {{previous}} 版）。',
  installedFirst: '已安装数据快照第 {{version}} 版。',
  installedByDelta: '已通过增量包安装数据快照第 {{version}} 版（替换第 {{previous}} 版）。',
  installedOlder:
    '已安装数据快照第 {{version}} 版，低于被替换的第 {{previous}} 版：省里已更换本县的发布方密钥，新密钥签名的版本重新计数。如果并未有意更换密钥，请立即报告省里。',
  upToDate: '已是最新：已安装第 {{version}} 版。',
  rejected: '已拒绝来自 {{source}} 的数据包，已安装的数据保持不变。原因：{{reason}}',
  failed: '从 {{source}} 同步失败，已安装的数据保持不变。{{reason}}',
  trustInvalid:
    '无法从 {{file}} 读取信任设置：{{reason}}。请用 --trust 指定根元数据文件（N.root.json）或发布方公钥文件（PEM），或用 --root-key 逐个指定根公钥文件（PEM），并用 --threshold 指定所需签名个数。',
  trustOptions: '请给出 --trust 文件，或给出一个或多个 --root-key 文件并同时给出 --threshold 个数，二者选一。',
  invalidThreshold: '选项 --threshold 的值“{{value}}”无效：应为 1 到根密钥个数之间的整数。',
  unsupportedSource:
    '选项 --source 的值“{{value}}”不受支持：请填写 http:// 或 https:// 网址、文件夹路径、本机文件夹的 file:// 网址，或 usb。',
  trustIsPrivateKey:
    '{{file}} 是私钥。终端的 --trust 和 --root-key 需要公钥或根元数据；私钥只留在发布方和省级管理方，不得复制到终端。',
  invalidRegion: '选项 --region 的值“{{value}}”无效：应为 6 位县级区划代码，如 430121。',
  source: {
    usbNotFound:
      '没有找到存有 {{folder}} 的 U 盘或其他已挂载的存储设备（已查找 {{roots}} 及其下两层文件夹）。请插入 U 盘，并确认其中有这个文件夹。',
    usbNotRegular: 'U 盘上的 {{file}} 不是普通文件（而是链接、管道或设备）。请把数据包本身复制到 U 盘上，不要放链接。',
    usbManyRegions: '已挂载的存储设备中有多个区划的数据包：{{regions}}。请设置本终端的区划（--region）以选定其一。',
  },
  file: {
    payload: '压缩数据包',
    sqlite: '数据库文件',
    delta: '增量包',
    'delta-sqlite': '增量数据库文件',
  },
  reason: {
    'malformed-manifest': '清单文件格式错误（{{problem}}）。',
    'unsupported-format': '数据包使用 {{field}} {{actual}}，本终端只支持 {{expected}}。请升级终端软件。',
    'unknown-key':
      '数据包未经任何受信任的公钥签名（签名公钥 ID：{{keyIds}}，受信任的公钥 ID：{{trusted}}）。请检查信任锚：--trust 文件或 --root-key 文件，或终端配置中的 sync.trust 或 sync.rootKeys。',
    'no-publisher-role': '根元数据第 {{root}} 版没有为区划 {{region}} 指定发布方公钥。请联系省级管理方添加。',
    'bad-signature': '受信任公钥 {{keyId}} 的签名验证失败：清单已被改动或损坏。',
    'threshold-not-met': '有效的受信任签名只有 {{valid}} 个，需要 {{threshold}} 个。',
    'wrong-region': '数据包属于区划 {{actual}}，本终端属于区划 {{expected}}。如要把本终端改为区划 {{actual}}，请加 --region {{actual}} 运行同步。',
    rollback: '数据包为第 {{offered}} 版，早于本终端已信任的第 {{installed}} 版。',
    expired: '清单已于 {{expiresAt}} 过期（终端时间 {{now}}）。请联系县里重新发布。',
    expiredRoot: '根元数据已于 {{expiresAt}} 过期（终端时间 {{now}}）。请联系省里签发新版根元数据（minsheng root rotate），再由县里用它重新发布。',
    'length-mismatch': '{{file}}长度为 {{actual}} 字节，与签名的 {{expected}} 字节不符：文件被截断、填充或替换。',
    'hash-mismatch': '{{file}}与签名的摘要不符：文件在传输中被改动或损坏。',
    'integrity-check-failed': '数据库文件检查未通过（{{problem}}）。',
    'content-digest-mismatch': '快照的数据行与签名的内容摘要不符。',
    'malformed-root': '根元数据 {{file}} 格式错误（{{problem}}）。',
    'root-sequence': '根元数据 {{file}} 的版本是 {{actual}}，应为 {{expected}}。',
    'root-threshold': '根元数据 {{file}} 只有 {{valid}} 个有效签名，{{signer}}根密钥需要 {{threshold}} 个。',
    'no-root': '数据源没有根元数据文件 {{file}}，而从配置的根公钥开始建立信任链需要这个文件。',
    network:
      '从数据源下载失败：{{problem}}。如果服务器返回了 HTTP 状态码（如 404），请检查网址以及服务器上是否有该数据包；如果服务器没有响应，请检查网络。然后重试。',
    io: '读写文件失败：{{problem}}。请检查文件夹及其权限后重试。',
    busy: '另一个同步进程（进程号 {{pid}}）正在使用这个数据文件夹，本次没有做任何改动。请等它结束后重试。',
    'disk-full':
      '磁盘已满：{{problem}}。下载并暂存新版本需要约为已安装快照两倍大小的剩余空间。请清理数据文件夹所在磁盘的空间后重试。',
    'read-only': '数据文件夹无法写入：{{problem}}。请检查磁盘是否为只读，以及文件夹权限。',
  },
  signer: {
    previous: '原',
    self: '新',
  },
} as const;
