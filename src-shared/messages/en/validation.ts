// Messages of the data-standard validation. The CLI prints the file, line, column and value in
// front of each message, so a message states what is wrong and how to fix it.
export default {
  file: {
    missing: 'File missing: put it in the data folder {{dir}}.',
    notAFile: '{{path}} is not a regular file; put the CSV file there.',
    unreadable: 'Cannot read {{path}}: {{reason}}. Check the file permissions.',
    empty: 'The file is empty: line 1 must be the header, then one record per line.',
    noRows: 'The file has a header but no data rows.',
    wrongDelimiter:
      'The header is separated by "{{delimiter}}"; the data standard requires a comma ",". Save it as "CSV UTF-8 (comma delimited)".',
    duplicateHeader: 'The header "{{value}}" appears more than once. Expected headers: {{expected}}',
    headerMismatch:
      'The header does not match the data standard: missing {{missing}}; unexpected or misspelled {{unexpected}}. Expected headers: {{expected}}',
    headerMissing: 'The header does not match the data standard: missing {{missing}}. Expected headers: {{expected}}',
    headerUnexpected:
      'The header does not match the data standard: unexpected or misspelled {{unexpected}}. Expected headers: {{expected}}',
    crossCheckSkipped:
      'Reading {{other}} stopped early (see its error above), so the rows of this file were not checked against {{other}}. Fix {{other}} and run again.',
    notUtf8: 'The file is not UTF-8 from this line on (GBK, perhaps). Save it from Excel as "CSV UTF-8 (comma delimited)".',
    quoteNotClosed: 'A quote opened on this line is never closed; later lines were not checked. Add the closing double quote.',
    strayQuote:
      'Stray double quote on this line: quotes must enclose a whole field, and a quote inside a field is written twice (""); later lines were not checked.',
    recordTooLong:
      'The record starting on this line is longer than {{maxBytes}} bytes; later lines were not checked. Look for a missing line break or quote.',
  },
  row: {
    required: '{{column}} must not be empty.',
    tooLong: '{{column}} is too long: at most {{max}} characters.',
    controlCharacter:
      '{{column}} contains a line break, a control character or an invisible formatting character (such as a text direction mark); remove it.',
    invalidIdentifier: '{{column}} may contain only letters, digits, "-" and "_".',
    fieldCount: 'The row has {{count}} fields but the header has {{expected}}. Put values that contain commas in double quotes.',
  },
  regions: {
    invalidCode: 'A region code must have 2, 4, 6, 9 or 12 digits.',
    invalidLevel: 'Invalid level; expected one of: {{allowed}}.',
    codeLengthMismatch:
      'The region code has {{length}} digits, but a code of level {{level}} has {{expected}}. Check the code or the level.',
    invalidParentCode: 'The parent code may contain only digits.',
    duplicateCode: 'Duplicate region code; line {{firstLine}} already has it.',
    provinceWithParent: 'A province has no parent; leave parent_code empty.',
    missingParent: 'parent_code is missing: enter the code of the {{level}} this region belongs to.',
    parentNotFound: 'The parent code is not in regions.csv. Add a row for the parent region.',
    parentLevelMismatch: 'The parent region is a {{parentLevel}}, but the parent of a {{level}} must be a {{expected}}.',
    codeOutsideParent: 'The region code must start with its parent code {{parentCode}}.',
  },
  items: {
    duplicateCode: 'Duplicate item code; line {{firstLine}} already has it.',
  },
  idNumber: {
    empty: 'The ID number must not be empty.',
    invalidCharacters: 'An ID number contains only digits, and the last character may be X.',
    invalidLength: 'An ID number has 18 characters (or 15 in the legacy form).',
    invalidBirthDate: 'The birth date inside the ID number is not a real date. Check the number.',
    invalidChecksum: 'The check character of the ID number is wrong (GB 11643), so the number is invalid. Compare it with the ID card.',
    converted:
      'The legacy 15-digit ID number was converted to 18 digits per GB 11643 ({{converted}}). Update it in the source data.',
  },
  persons: {
    duplicateIdNumber: 'Duplicate ID number; line {{firstLine}} already has this person. Each person appears once.',
    invalidRelation: 'Invalid relation to the head of household; expected one of: {{allowed}}.',
    villageNotFound: 'The village code is not in regions.csv.',
    notAVillage: 'This code is a {{level}}; enter the 12-digit code of a village or community.',
    otherCounty:
      'This village belongs to {{county}}, but this publication is for {{majorityCounty}}, where {{majorityCount}} persons live. One publication covers one county: correct the village code or remove this person.',
    secondHead: 'Household {{householdId}} already has a head on line {{firstLine}}; a household has exactly one head.',
    householdVillageMismatch:
      'All members of household {{householdId}} must live in one village: line {{firstLine}} gives {{expected}}.',
    noHead: 'This household has no head: set the relation of one member to "{{head}}".',
    noCounty:
      "Cannot tell which county the persons belong to: each village's chain of parents in regions.csv must reach a county.",
  },
  amount: {
    empty: 'The amount must not be empty.',
    notANumber: 'The amount is not a number: write it in yuan, e.g. 1234.50.',
    negative: 'The amount must not be negative.',
    tooManyDecimals: 'The amount has more than two decimals (the smallest unit is one fen).',
    tooLarge: 'The amount is too large; check that it is in yuan.',
    currencySign: 'Write the amount as a plain number in yuan, without "¥" or "元", e.g. 1234.50.',
    badGrouping: 'Thousands separators must split the digits into groups of three, e.g. 1,234.50; or leave them out: 1234.50.',
  },
  payments: {
    duplicateId: 'Duplicate payment_id; line {{firstLine}} already has it.',
    personNotFound: 'This ID number is not in persons.csv. Add the person or check the number.',
    itemNotFound: 'The item code is not in subsidy_items.csv.',
    invalidDate: 'paid_on must be a real date written YYYY-MM-DD, e.g. 2024-03-15.',
    dateInFuture: 'paid_on is later than today ({{today}}).',
    invalidPeriod: 'period must be YYYY or YYYY-MM, e.g. 2024 or 2024-03.',
    dateTooEarly: 'paid_on is earlier than {{earliest}}, which the data standard treats as a typo. Check the year.',
    periodTooEarly: 'The year of the period must not be earlier than {{earliestYear}}; check the year.',
    periodTooLate: 'The year of the period must not be later than {{latestYear}}.',
  },
} as const;
