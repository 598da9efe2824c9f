// Messages of the department-file import. The cell cleaners' repair.* and reject.* keys live in
// import-cells.ts; here are the readers' messages (why a file cannot be read) and the names of
// the encodings and delimiters reported for each file.
import cells from './import-cells.js';
import mapping from './import-mapping.js';

const saveAsXlsx = '请用 Excel 或 WPS 打开，另存为"Excel 工作簿（.xlsx）"。';

export default {
  ...cells,
  ...mapping,
  notFound: '在 {{dir}} 中找不到 {{file}}。请核对文件名和数据文件夹。',
  readFailed: '无法读取 {{file}}（{{reason}}）。请确认文件未被其他程序打开，且有读取权限。',
  empty: '{{file}} 是空文件（0 字节）。请部门重新导出。',
  unsupportedType: '{{file}} 的文件类型（{{extension}}）不能导入。请使用 .xlsx 或 CSV（.csv、.txt）文件。',
  binary: '{{file}} 不是文本表格：其中含有二进制数据（第 {{offset}} 字节为零字节）。请向部门索取 .xlsx 文件或 CSV 导出文件。',
  pdf: '{{file}} 实际是 PDF 文档，不是电子表格（与文件名无关）。请向部门索取 .xlsx 文件或 CSV 导出文件。',
  html: '{{file}} 实际是网页（HTML），有的系统会用表格文件名保存网页。' + saveAsXlsx,
  utf16: '{{file}} 是 UTF-16 文本（Excel 的"Unicode 文本"）。请在 Excel 或 WPS 中另存为"CSV UTF-8"或 .xlsx。',
  invalidBytes:
    '{{file}} 既不是 UTF-8 编码，也不是 GBK/GB18030 编码：第 {{line}} 行有字节 {{byte}}，两种编码都不允许。请在 Excel 或 WPS 中重新另存为"CSV UTF-8"或 .xlsx。',
  mixedEncoding:
    '{{file}} 混用了多种编码：第 {{utf8Line}} 行是 UTF-8，第 {{otherLine}} 行却不是，文件可能由几份导出拼接而成。请统一另存为一种编码（"CSV UTF-8"）或 .xlsx。',
  csvMalformed: '{{file}} 第 {{line}} 行不是有效的 CSV（{{reason}}）。请检查该行的引号，或在 Excel、WPS 中重新保存。',
  xls: '{{file}} 是旧版 Excel 97-2003 工作簿（.xls），导入不读取此格式。' + saveAsXlsx,
  encrypted:
    '{{file}} 设有打开密码，无法读取。请在 Excel 或 WPS 中打开，取消密码（文件 > 信息 > 保护工作簿 > 用密码进行加密，清空）后重新保存。',
  xlsxUnreadable: '{{file}} 无法作为 Excel 工作簿读取（{{reason}}）。如能在 Excel 或 WPS 中打开，请重新另存为 .xlsx；否则请部门重新导出。',
  noTable: '{{file}} 中没有找到表格：前 50 行中没有含"姓名""身份证号""发放金额"等列名的表头行。请确认这是数据导出文件，且表头行在表格上方。',
  sheetHidden: '{{file}} 的工作表"{{sheet}}"是隐藏的，未读取。',
  sheetNoTable: '{{file}} 的工作表"{{sheet}}"没有表头行，未读取。',
  encoding: {
    'utf-8': 'UTF-8',
    'utf-8-bom': 'UTF-8（带 BOM）',
    gbk: 'GBK',
    gb18030: 'GB18030',
    xlsx: 'Excel 工作簿（.xlsx）',
    xls: 'Excel 97-2003 工作簿（.xls）',
  },
  delimiter: {
    comma: '逗号',
    tab: '制表符',
    semicolon: '分号',
  },
};
