// Messages of the department-file import. The cell cleaners' repair.* and reject.* keys live in
// import-cells.ts; here are the readers' messages (why a file cannot be read) and the names of
// the encodings and delimiters reported for each file.
import cells from './import-cells.js';
import mapping from './import-mapping.js';

const saveAsXlsx = 'Open it in Excel or WPS and save it as an Excel workbook (.xlsx).';

export default {
  ...cells,
  ...mapping,
  notFound: '{{file}} was not found in {{dir}}. Check the file name and the data folder.',
  readFailed: '{{file}} cannot be read ({{reason}}). Check that the file is not open in another program and that you may read it.',
  empty: '{{file}} is empty (0 bytes). Ask the department to export it again.',
  unsupportedType: '{{file}} is not a file type the import reads ({{extension}}). Use .xlsx, or CSV (.csv or .txt).',
  binary: '{{file}} is not a text table: it contains binary data (a zero byte at byte {{offset}}). Ask the department for the .xlsx file or a CSV export.',
  pdf: '{{file}} is a PDF document, not a spreadsheet, whatever its name says. Ask the department for the .xlsx file or a CSV export.',
  html: '{{file}} is a web page (HTML), which some systems save under a spreadsheet name. ' + saveAsXlsx,
  utf16: '{{file}} is UTF-16 text (Excel\'s "Unicode text"). In Excel or WPS, save it as "CSV UTF-8" or as .xlsx.',
  invalidBytes:
    '{{file}} is in neither UTF-8 nor GBK/GB18030: line {{line}} has the byte {{byte}}, which neither encoding allows. Save it again in Excel or WPS as "CSV UTF-8" or as .xlsx.',
  mixedEncoding:
    '{{file}} mixes text encodings: line {{utf8Line}} is UTF-8 but line {{otherLine}} is not. The file was probably pieced together from several exports. Save it again in one encoding ("CSV UTF-8") or as .xlsx.',
  csvMalformed: '{{file}} is not valid CSV at line {{line}} ({{reason}}). Check the quotes on that line, or save the file again from Excel or WPS.',
  xls: '{{file}} is an old Excel 97-2003 workbook (.xls), which the import does not read. ' + saveAsXlsx,
  encrypted:
    '{{file}} is protected by a password, so it cannot be read. Open it in Excel or WPS, remove the password (File > Info > Protect Workbook > Encrypt with Password, empty) and save it again.',
  xlsxUnreadable:
    '{{file}} cannot be read as an Excel workbook ({{reason}}). If it opens in Excel or WPS, save it again as .xlsx; otherwise ask the department to export it again.',
  noTable:
    '{{file}} has no table: no row in the first 50 has column headers such as 姓名, 身份证号 or 发放金额. Check that this is the data export, with its header row at the top.',
  sheetHidden: 'Sheet {{sheet}} of {{file}} is hidden and was not read.',
  sheetNoTable: 'Sheet {{sheet}} of {{file}} has no header row and was not read.',
  encoding: {
    'utf-8': 'UTF-8',
    'utf-8-bom': 'UTF-8 with BOM',
    gbk: 'GBK',
    gb18030: 'GB18030',
    xlsx: 'Excel workbook (.xlsx)',
    xls: 'Excel 97-2003 workbook (.xls)',
  },
  delimiter: {
    comma: 'comma',
    tab: 'tab',
    semicolon: 'semicolon',
  },
};
