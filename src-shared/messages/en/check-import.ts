// Messages of `minsheng check`: import of a folder of department files. See check.ts.
export default {
  folder: {
    skippedFile: '{{file}} is not a table file and was skipped.',
    linkedTable: '{{file}} is a link to {{target}}. Links are not followed, so this table was not checked and none of its rows will be published. Copy {{target}} itself into the data folder in place of the link, then check again.',
    skippedLink: '{{file}} is a link to {{target}}; links are not followed, so it was skipped. To check that file, copy {{target}} itself into the data folder.',
    skippedFolder: 'The subfolder {{file}} was not read: only the files at the top of the data folder and the documents folder are read.',
    unreadable: 'Cannot read the data folder {{dir}} ({{reason}}). Check the path and the read permission.',
    mixed:
      '{{dir}} holds both standard data files ({{standardFiles}}) and department files ({{departmentFiles}}). Put the department files and the standard data files in separate folders and check each.',
    noDepartmentFiles: '{{dir}} holds no department file (.xlsx, .xlsm, .csv, .txt, .tsv). Put the tables the departments exported at the top of the data folder.',
    missingReference:
      '{{file}} is missing from {{dir}}. Add the county\'s {{file}} (see the data standard) so that village names and subsidy items can be matched to their codes.',
    referenceInvalid: '{{file}} has an error: {{problem}}',
    moreReferenceErrors: 'The reference files have {{count}} more errors not listed. Correct the errors above first, then check again.',
  },
  table: {
    notMapped:
      '{{problems}} The table can therefore be imported neither as a payment list nor as a person roster, and was skipped. Add the missing columns to the table, or name the field of the department\'s own header in the header mapping file.',
  },
  standardise: {
    notStandard: '{{column}} "{{value}}" does not meet the data standard and publish would refuse it: {{problem}} Correct it in the original spreadsheet and check again.',
    unknownVillage: 'The village or community "{{village}}" is not in regions.csv. Check the name, or add the village to regions.csv.',
    unknownTownship: 'The township "{{township}}" (of village "{{village}}") is not in regions.csv. Check the township\'s name.',
    villageNotInTownship: 'The village "{{village}}" is not in the township "{{township}}"; regions.csv places it in: {{townships}}. Check the township or the village.',
    ambiguousVillage: 'The village name "{{village}}" matches several villages: {{choices}}. Add a township column to the table to tell them apart.',
    missingVillage: 'This person is the head of household, but the row names no village or community, so the household cannot be placed. Fill in the village column.',
    unknownItem: 'The subsidy item "{{item}}" is not in subsidy_items.csv. Check the item\'s name or code, or add the item to subsidy_items.csv.',
    unknownRelation: 'The relation to the head of household "{{relation}}" is not recognised. Use one of: {{allowed}}.',
    headOwnRelation: 'The head\'s ID number is the person\'s own, but the relation to the head is "{{relation}}". The head of household has the relation "户主".',
    headOfOther: 'The relation is "户主" (head of household), but the head\'s ID number ({{head}}) is another person\'s. Check both columns.',
    headNotFound: 'The head of household (ID number {{head}}) is in no accepted row, so the household has no head and this row cannot be imported. Add the head\'s row to a person roster, or correct the problem of the head\'s row.',
    personNotAccepted: 'This person\'s details (ID number {{idNumber}}) were not accepted (see the problem of {{file}} row {{row}}), so the payment of this row cannot be imported.',
  },
};
