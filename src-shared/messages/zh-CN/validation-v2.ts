// Messages of the data standard version 2 checks (the disclosure boards). The CLI prints the file,
// line, column and value in front of each message, so a message states what is wrong and how to
// fix it. Problems that read the same as in version 1 use the validation namespace.
export default {
  file: {
    headerOnly: '{{file}} 只有表头，没有数据行，相应栏目为空。如本地区有这类记录，请补上；确实没有时无需处理。',
  },
  cell: {
    invalidDate: '{{column}} 须为真实日期，写作 YYYY-MM-DD，如 2024-03-15。',
    dateInFuture: '{{column}} 晚于今天（{{today}}）。请核对年份。',
    invalidPeriod: '{{column}} 须为月份，写作 YYYY-MM，如 2024-03。',
    invalidYear: '{{column}} 须为四位年份，在 {{min}} 到 {{max}} 之间。',
    invalidInteger: '{{column}} 须为 {{min}} 到 {{max}} 之间的整数，不带单位。',
    invalidDecimal: '{{column}} 须为不小于 0、最多两位小数的数，如 12.5，不带单位。',
    invalidEnum: '{{column}} 须为以下取值之一，逐字相同：{{allowed}}。',
    duplicate: '{{column}} 重复，第 {{firstLine}} 行已有此值。每行须填不同的值。',
  },
  region: {
    invalidCode: '{{column}} 须为 6、9 或 12 位区划代码（{{allowed}}）。',
    notFound: '区划代码在 regions.csv 中不存在。请在其中补上该区划，或改正代码。',
    wrongLevel: '此代码是 {{level}} 级区划，而 {{column}} 只接受 {{allowed}} 级的代码。',
    otherCounty: '此区划属于{{county}}，而本次发布的是{{publicationCounty}}。一次发布只含一个县：请改正代码或删去此行。',
  },
  reference: {
    fileMissing: '{{column}} 引用 {{other}}，但数据目录中没有此文件。请一同交付 {{other}}，或不交付本文件。',
    notFound: '此值在 {{other}} 的 {{otherColumn}} 列中不存在。请在其中补上该行，或改正此值。',
  },
  document: {
    invalidName: '只填文件名，不含文件夹：不得有“/”、“\\”或“..”。',
    invalidExtension: '文件扩展名须为以下之一：{{allowed}}。',
    totalLarge: '待发布的 {{count}} 个文件共 {{sizeMiB}} MiB，超过 {{warnMiB}} MiB。每台终端每次更新都要下载全部文件，请尽量压缩扫描件和照片（降低分辨率、改为灰度）。',
    totalTooLarge: '待发布的 {{count}} 个文件共 {{sizeMiB}} MiB，超过每台终端须下载的上限 {{maxMiB}} MiB。请压缩扫描件和照片（降低分辨率、改为灰度），或减少附件。',
    folderMissing: 'documents 文件夹 {{dir}} 不存在。请在 CSV 文件旁边建立此文件夹，并放入所填的文件。',
    folderNotAFolder: 'documents 路径 {{dir}} 不是文件夹（而是文件、链接或设备）。请换成存放所填文件的文件夹。',
    notFound: 'documents 文件夹 {{dir}} 中没有此文件。请放入该文件，或改正文件名（区分大小写）。',
    notAFile: '这不是 documents 文件夹中的普通文件（而是文件夹、链接或设备）。请放入文件本身。',
    unreadable: '无法读取此文件：{{reason}}。请检查文件权限。',
    emptyFile: '文件为空（0 字节）。请重新复制完整的文件。',
    tooLarge: '文件有 {{size}} 字节，最多接受 {{maxBytes}} 字节。请缩小文件，例如降低扫描分辨率。',
    signatureMismatch: '文件名以 {{extension}} 结尾，但文件内容不是 {{expected}}。请重新保存或导出为 {{expected}}。',
    unreferenced: '没有任何行或正文引用此文件，因此不会发布。请删除它，或补上引用它的行。',
  },
  body: {
    notUtf8: '此行起不是 UTF-8 编码（可能是 GBK）。请将文件另存为 UTF-8 文本。',
    noText: '文件中没有文字。请写入公告或答复的正文。',
    controlCharacter: '此行含有控制字符或不可见的格式字符（如文字方向标记），请删除。',
    html: 'Markdown 中含有 HTML 标签“{{tag}}”。终端不显示 HTML，请改用 Markdown 写格式。',
    imageReferenceStyle: '图片请写作 ![说明](文件名.png)；不支持 ![说明][标记] 的写法。',
    imageNotLocal: '此图片不是 documents 文件夹中的文件。终端不联网，请把图片放入 documents 文件夹并填写其文件名。',
  },
  personal: {
    idNumber: '此处文字含有身份证号码（{{value}}），会原样公开。请遮蔽，如 431226********1234，或删去。',
    mobile: '此处文字含有手机号码（{{value}}），会原样公开。请遮蔽，如 139****5678，或删去。',
    bankCard: '此处文字含有形似银行卡号的数字串（{{value}}），会原样公开。请遮蔽，如 6217********1234，或删去。',
  },
  rule: {
    orderReversed: '{{column}} 早于 {{otherColumn}}（{{other}}）。请核对这两个值。',
    fillTogether: '{{group}} 须全部填写或全部留空：已填 {{filled}}，但 {{column}} 为空。',
    duplicateCombination: '第 {{firstLine}} 行已有相同的 {{columns}}。请合并这两行或改正其中一行。',
    categoryDirection: '此类别不属于{{direction}}；{{direction}}的类别应为以下之一：{{allowed}}。',
    dateOutsidePeriod: 'entry_date 须在会计月份 {{period}} 之内。请改正日期或月份。',
    progressFell: 'progress_percent 从 {{previous}}（{{previousDate}} 的报告，第 {{previousLine}} 行）降到 {{value}}。请核对进度百分比。',
  },
} as const;
