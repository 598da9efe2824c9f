// Messages of the cell cleaners of the department-file import, spread into the `import`
// namespace as import:repair.* and import:reject.*. A repair message names the change; the report
// prints the text before and after it. A rejection message names the value and the fix; {{value}}
// is the cell as the file shows it, which the report may mask for ID numbers.
export default {
  repair: {
    excelFormulaText: '去掉 Excel 的 ="…" 包裹',
    invisibleCharacters: '删除不可见字符',
    fullWidth: '全角字母、数字改为半角',
    unusualSpaces: '全角空格、不换行空格、制表符和换行改为普通空格',
    spaceInChinese: '删除汉字之间的空格',
    repeatedSpaces: '连续空格合并为一个',
    trimmedSpaces: '删除首尾空格',
    textPrefix: '删除数字前标记文本用的单引号',
    idSeparators: '删除身份证号中的空格和连字符',
    idLowerCaseX: '身份证号末位的小写 x 改为大写 X',
    idUpgradedTo18: '15 位旧身份证号升为 18 位',
    amountUnit: '删除金额前后的货币符号或“元”',
    amountGrouping: '删除金额中的千位分隔符',
    amountTrailingZeros: '删除金额第二位小数之后的 0',
    dateFormat: '日期改写为 YYYY-MM-DD',
    dateFromSerial: 'Excel 日期序号换算为日期',
    dateTimeDropped: '删除日期后面的时间',
    periodFormat: '期间改写为 YYYY-MM（按年发放的写作 YYYY）',
    periodFromDate: '日期只取年月，作为期间',
  },
  reject: {
    empty: '此格为空，而本列必须填写。请补上。',
    wrongCellType: '此格是“{{value}}”，不是本列应有的内容。请核对是否填到了别的列。',
    idScientificNotation:
      '身份证号“{{value}}”已被 Excel 变成科学计数法，后几位已经丢失，无法恢复。请在原系统中把身份证号列设为文本后重新导出。',
    idRoundedDigits:
      '身份证号“{{value}}”曾被 Excel 存成数字，只保留了 15 位有效数字，末三位变成了 000，无法恢复。请在原系统中把身份证号列设为文本后重新导出。',
    idInvalidCharacters: '身份证号“{{value}}”含有数字和末位 X 以外的字符。请对照证件核对。',
    idInvalidLength: '身份证号“{{value}}”不是 18 位（也不是旧式的 15 位）。请对照证件核对。',
    idInvalidBirthDate: '身份证号“{{value}}”中的出生日期（第 7 至 14 位）不存在或晚于今天。请对照证件核对。',
    idInvalidChecksum: '身份证号“{{value}}”的末位校验码不对，说明其中某一位有误。请对照证件核对。',
    amountNotANumber: '金额“{{value}}”不是数字。请填写以元为单位的数字，如 1234.50。',
    amountBadGrouping: '金额“{{value}}”中逗号的位置不对。请去掉逗号，或每三位加一个，如 12,345.00。',
    amountNegative: '金额“{{value}}”是负数，而本列只接受 0 或正数。请核对金额。',
    amountTooManyDecimals: '金额“{{value}}”有三位或更多小数，不是整分。请核对金额，精确到分（最多两位小数）。',
    amountTooLarge: '金额“{{value}}”超过 100 亿元的上限。请核对金额和单位。',
    dateNotADate: '“{{value}}”不是日期。请写作 2024-03-05 或 2024年3月5日。',
    dateNotExist: '日期“{{value}}”不存在（如 2 月 30 日、13 月，或 Excel 的序号 60 即 1900 年 2 月 29 日）。请核对日期。',
    dateTooEarly: '日期“{{value}}”早于 {{earliest}}，多为笔误或表格的占位值。请核对年份。',
    dateTooLate: '日期“{{value}}”晚于 {{latest}}，多为年份笔误。请核对年份。',
    periodNotAPeriod: '“{{value}}”不是期间。请写作 2024-03，按年发放的写作 2024。',
    periodAmbiguous:
      '期间“{{value}}”有歧义：可能是 1 月，也可能是 10 月（Excel 把 2024.10 当作数字保存时会丢掉末尾的 0）。请写作 2024-01 或 2024-10。',
    periodNotExist: '期间“{{value}}”的月份不存在，月份须为 1 到 12。请核对期间。',
    periodTooEarly: '期间“{{value}}”早于 {{earliestYear}} 年。请核对年份。',
    periodTooLate: '期间“{{value}}”晚于 {{latestYear}} 年，多为年份笔误。请核对年份。',
  },
};
