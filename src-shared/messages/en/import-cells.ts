// Messages of the cell cleaners of the department-file import, spread into the `import`
// namespace as import:repair.* and import:reject.*. A repair message names the change; the report
// prints the text before and after it. A rejection message names the value and the fix; {{value}}
// is the cell as the file shows it, which the report may mask for ID numbers.
export default {
  repair: {
    excelFormulaText: 'Removed Excel\'s ="…" wrapping',
    invisibleCharacters: 'Removed invisible characters',
    fullWidth: 'Changed full-width letters and digits to half-width',
    unusualSpaces: 'Changed ideographic, no-break and other unusual spaces, tabs and line breaks to plain spaces',
    spaceInChinese: 'Removed spaces between Chinese characters',
    repeatedSpaces: 'Merged repeated spaces into one',
    trimmedSpaces: 'Removed leading and trailing spaces',
    textPrefix: 'Removed the leading apostrophe that marks a number as text',
    idSeparators: 'Removed spaces and dashes inside the ID number',
    idLowerCaseX: 'Changed the ID number\'s final lower-case x to X',
    idUpgradedTo18: 'Upgraded a legacy 15-digit ID number to 18 digits',
    amountUnit: 'Removed the currency sign or 元 around the amount',
    amountGrouping: 'Removed thousands separators from the amount',
    amountTrailingZeros: 'Removed zeros after the second decimal of the amount',
    dateFormat: 'Rewrote the date as YYYY-MM-DD',
    dateFromSerial: 'Converted an Excel date serial number to a date',
    dateTimeDropped: 'Removed the time after the date',
    periodFormat: 'Rewrote the period as YYYY-MM (YYYY for a yearly payment)',
    periodFromDate: 'Took the year and month of a date as the period',
  },
  reject: {
    empty: 'The cell is empty, but this column is required. Fill it in.',
    wrongCellType: 'The cell holds "{{value}}", which does not belong in this column. Check whether it was entered in the wrong column.',
    idScientificNotation:
      'Excel has turned the ID number "{{value}}" into scientific notation and its last digits are lost for good. Export the file again from the source system with the ID number column formatted as text.',
    idRoundedDigits:
      'Excel stored the ID number "{{value}}" as a number, which keeps 15 significant digits, so its last three digits became 000 and cannot be restored. Export the file again from the source system with the ID number column formatted as text.',
    idInvalidCharacters: 'The ID number "{{value}}" contains characters other than digits and a final X. Check it against the ID card.',
    idInvalidLength: 'The ID number "{{value}}" has neither 18 digits nor the 15 of a legacy number. Check it against the ID card.',
    idInvalidBirthDate:
      'The birth date in the ID number "{{value}}" (digits 7 to 14) does not exist or is later than today. Check it against the ID card.',
    idInvalidChecksum:
      'The check character (the last one) of the ID number "{{value}}" does not match, so one of its digits is wrong. Check it against the ID card.',
    amountNotANumber: 'The amount "{{value}}" is not a number. Enter a number in yuan, e.g. 1234.50.',
    amountBadGrouping: 'The commas in the amount "{{value}}" are misplaced. Remove them, or put one every three digits, e.g. 12,345.00.',
    amountNegative: 'The amount "{{value}}" is negative, but this column takes only zero or more. Check the amount.',
    amountTooManyDecimals:
      'The amount "{{value}}" has three or more decimals, which is not a whole number of fen. Check the amount and give it to the fen (at most two decimals).',
    amountTooLarge: 'The amount "{{value}}" is above the limit of 10 billion yuan. Check the amount and its unit.',
    dateNotADate: '"{{value}}" is not a date. Write it as 2024-03-05 or 2024年3月5日.',
    dateNotExist:
      'The date "{{value}}" does not exist (such as 30 February, month 13, or Excel\'s serial 60, which is 29 February 1900). Check the date.',
    dateTooEarly: 'The date "{{value}}" is before {{earliest}}, usually a typo or a spreadsheet placeholder. Check the year.',
    dateTooLate: 'The date "{{value}}" is after {{latest}}, usually a typo in the year. Check the year.',
    periodNotAPeriod: '"{{value}}" is not a period. Write it as 2024-03, or 2024 for a yearly payment.',
    periodAmbiguous:
      'The period "{{value}}" is ambiguous: it may be January, or October after Excel stored 2024.10 as a number and dropped the final 0. Write it as 2024-01 or 2024-10.',
    periodNotExist: 'The month of the period "{{value}}" does not exist; months run from 1 to 12. Check the period.',
    periodTooEarly: 'The period "{{value}}" is before the year {{earliestYear}}. Check the year.',
    periodTooLate: 'The period "{{value}}" is after the year {{latestYear}}, usually a typo. Check the year.',
  },
};
