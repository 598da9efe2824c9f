// Messages of the header mapping of the department-file import, spread into the `import`
// namespace: field names (field.*), the fate of each column and the header problems (map.*), and
// the problems of a county's header mapping file (mapping*). {{table}} is the file name, with the
// sheet name for a workbook.
export default {
  field: {
    serial: 'serial number',
    name: 'name',
    id_number: 'ID number',
    item_name: 'subsidy item',
    amount: 'amount',
    paid_on: 'payment date',
    period: 'period',
    township: 'township',
    village: 'village',
    group: 'village group',
    household_head: 'head of household',
    household_head_id: 'ID number of the head of household',
    relation: 'relation to the head of household',
    bank_account: 'bank account',
    phone: 'phone number',
    remarks: 'remarks',
    left_on: 'date of death or moving away',
    departure: 'type (death or moving away)',
    post: 'post',
    official_relation: 'relation to the official',
    official_name: 'name of the official',
  },
  fileKind: {
    payments: 'a payment list',
    persons: 'a person roster',
    departedList: 'a list of people who died or moved away',
    officialsList: 'a list of village officials and their relatives',
  },
  listSeparator: ', ',
  table: '{{file}}',
  tableSheet: 'sheet "{{sheet}}" of {{file}}',
  map: {
    missingField:
      '{{table}} has no "{{field}}" column, which {{kind}} requires. Rename the column\'s header to one of {{headers}}, or add the department\'s header to the header mapping file.',
    ambiguousField:
      'In {{table}}, several columns name "{{field}}": {{columns}}, so the import cannot tell which to use. Set the unused ones to "ignore" in the header mapping file.',
    droppedColumn:
      'Column {{column}} "{{header}}" of {{table}} holds the {{field}}, which is sensitive personal data: it was dropped and is neither imported nor published.',
    unmappedColumn:
      'Column {{column}} "{{header}}" of {{table}} was not recognised and is not imported. To import it, name its field in the header mapping file.',
    ignoredColumn: 'Column {{column}} "{{header}}" of {{table}} is not imported, as the header mapping file says.',
  },
  mappingNotFound: 'The header mapping file {{file}} was not found. Check the path, or run without a mapping file.',
  mappingReadFailed: 'The header mapping file {{file}} cannot be read ({{reason}}). Check that you may read it.',
  mappingNotJson: 'The header mapping file {{file}} is not valid JSON ({{reason}}). Check its quotes, commas and brackets.',
  mappingUnknownKey: 'The key {{key}} in the header mapping file {{file}} is not known. Only "description" and "headers" are allowed; remove or correct it.',
  mappingWrongType:
    'The key {{key}} in the header mapping file {{file}} has the wrong type (expected {{expected}}). "headers" must be an object such as {"department header": "field"}.',
  mappingUnknownField: 'The value {{value}} of {{key}} in the header mapping file {{file}} is not a field. Use one of: {{fields}}.',
  mappingEmptyHeader: 'The key {{key}} in the header mapping file {{file}} is empty once spaces are removed. Write the header text of the department file.',
  mappingDuplicateHeader:
    'In the header mapping file {{file}}, {{key}} and {{other}} are the same header (equal apart from spaces, full-width characters and "(元)") but name different fields. Remove one of them.',
};
