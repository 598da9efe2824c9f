// Messages of the data standard version 2 checks (the disclosure boards). The CLI prints the file,
// line, column and value in front of each message, so a message states what is wrong and how to
// fix it. Problems that read the same as in version 1 use the validation namespace.
export default {
  file: {
    headerOnly:
      '{{file}} has a header and no data rows, so its board stays empty. If the region has records of this kind, add them; otherwise nothing needs to be done.',
  },
  cell: {
    invalidDate: '{{column}} must be a real date written YYYY-MM-DD, e.g. 2024-03-15.',
    dateInFuture: '{{column}} is later than today ({{today}}). Check the year.',
    invalidPeriod: '{{column}} must be a month written YYYY-MM, e.g. 2024-03.',
    invalidYear: '{{column}} must be a year of four digits from {{min}} to {{max}}.',
    invalidInteger: '{{column}} must be a whole number from {{min}} to {{max}}, without a unit.',
    invalidDecimal: '{{column}} must be a number of at least 0 with at most two decimals, e.g. 12.5, without a unit.',
    invalidEnum: '{{column}} must be one of these values, written exactly: {{allowed}}.',
    duplicate: 'Duplicate {{column}}; line {{firstLine}} already has it. Each row needs its own value.',
  },
  region: {
    invalidCode: '{{column}} must be a region code of 6, 9 or 12 digits ({{allowed}}).',
    notFound: 'The region code is not in regions.csv. Add the region there or correct the code.',
    wrongLevel: 'This code is a {{level}}, but {{column}} takes a code of level {{allowed}}.',
    otherCounty:
      'This region belongs to {{county}}, but this publication is for {{publicationCounty}}. One publication covers one county: correct the code or remove the row.',
  },
  reference: {
    fileMissing:
      '{{column}} refers to {{other}}, which is not in the data folder. Deliver {{other}} together with this file, or leave this file out.',
    notFound: 'The value is not in column {{otherColumn}} of {{other}}. Add the row there or correct the value.',
  },
  document: {
    invalidName: 'Write only the file name, without a folder: no "/", "\\" or "..".',
    invalidExtension: 'The file name must end in one of: {{allowed}}.',
    totalLarge: 'The {{count}} documents to publish add up to {{sizeMiB}} MiB, more than {{warnMiB}} MiB. Every terminal downloads all of them with each update, so shrink scans and photos (lower resolution, grey scale) where you can.',
    totalTooLarge: 'The {{count}} documents to publish add up to {{sizeMiB}} MiB, more than the limit of {{maxMiB}} MiB that every terminal must download. Shrink scans and photos (lower resolution, grey scale) or publish fewer attachments.',
    folderMissing: 'The documents folder {{dir}} does not exist. Create it next to the CSV files and put the named files in it.',
    folderNotAFolder: 'The documents path {{dir}} is not a folder (a file, link or device). Replace it with a folder holding the named files.',
    notFound: 'The file is not in the documents folder {{dir}}. Add it, or correct the name (upper and lower case count).',
    notAFile: 'This is not a regular file in the documents folder (a folder, link or device). Put the file itself there.',
    unreadable: 'Cannot read the file: {{reason}}. Check its permissions.',
    emptyFile: 'The file is empty (0 bytes). Copy the complete file again.',
    tooLarge: 'The file has {{size}} bytes; at most {{maxBytes}} bytes are accepted. Make it smaller, for example scan at a lower resolution.',
    signatureMismatch:
      'The file name ends in {{extension}} but the file is not {{expected}}. Save or export it again as {{expected}}.',
    unreferenced: 'No row or body refers to this file, so it is not published. Remove it or add the row that names it.',
  },
  body: {
    notUtf8: 'The text is not UTF-8 from this line on (GBK, perhaps). Save the file as UTF-8 text.',
    noText: 'The file contains no text. Put the text of the notice or reply in it.',
    controlCharacter:
      'This line contains a control character or an invisible formatting character (such as a text direction mark); remove it.',
    html: 'The Markdown contains the HTML tag "{{tag}}". The kiosk does not display HTML: write the formatting in Markdown.',
    imageReferenceStyle: 'Write images in the form ![description](file.png); the form ![description][label] is not supported.',
    imageUnread: 'This looks like an image, but the kiosk cannot read it and would show the text as written. Write ![description](file.png) with a file name without spaces, or put the name in angle brackets: ![description](<file name.png>).',
    scriptLink: 'A link to "{{value}}" is not allowed: javascript:, vbscript: and data: links can run code in other viewers. Write an http or https address or remove the link.',
    imageNotLocal: 'The image is not a file of the documents folder. The kiosk is offline: put the image in the documents folder and write its file name.',
  },
  caseNumber: {
    invalidCharacters: '{{column}} must be the 14 digits of the case number on the receipt; only spaces and hyphens may separate them.',
    invalidLength: '{{column}} must have exactly 14 digits. Copy the whole case number from the case system.',
    invalidChecksum: 'The check digit of {{column}} does not match: a digit is mistyped or two digits are swapped. Copy the case number again.',
    invalidDate: 'The first six digits of {{column}} must be the filing date (YYMMDD), but no such day exists. Copy the case number again.',
  },
  personal: {
    idNumber: 'This text contains an ID number ({{value}}), which would be published as written. Mask it, e.g. 431226********1234, or remove it.',
    mobile: 'This text contains a mobile phone number ({{value}}), which would be published as written. Mask it, e.g. 139****5678, or remove it.',
    bankCard: 'This text contains a digit run shaped like a bank card number ({{value}}), which would be published as written. Mask it, e.g. 6217********1234, or remove it.',
  },
  rule: {
    orderReversed: '{{column}} is earlier than {{otherColumn}} ({{other}}). Check both values.',
    fillTogether: 'Fill all of {{group}}, or leave all of them empty: {{filled}} is filled but {{column}} is empty.',
    duplicateCombination: 'Line {{firstLine}} already has the same {{columns}}. Merge the two rows or correct one of them.',
    categoryDirection: 'The category does not belong to {{direction}}; {{direction}} takes one of: {{allowed}}.',
    dateOutsidePeriod: 'entry_date must lie in the accounting month {{period}}. Correct the date or the period.',
    requiredWhen: '{{column}} is empty, but it is required when {{otherColumn}} is {{other}}. Fill it in, or correct {{otherColumn}}.',
    progressFell:
      'progress_percent falls from {{previous}} (report of {{previousDate}}, line {{previousLine}}) to {{value}}. Check the percentages.',
  },
} as const;
