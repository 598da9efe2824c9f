// Messages of `minsheng demo-data`, the generator of demo households and payments.
export default {
  summary: 'Generate demo households, payments and disclosure boards for one county (data standard v1 and v2 CSV files)',
  help: [
    'Usage: minsheng demo-data --county CODE --out FOLDER [options]',
    '',
    'Writes regions.csv, subsidy_items.csv, persons.csv and payments.csv with generated people',
    'on the real villages of one county, and, as --boards sets, the 13 files of data standard v2',
    'with a documents/ folder (notice bodies, images, PDF attachments, site photos).',
    'The same options always give byte-identical files, except that when --year-to is the current',
    'year the board dates stop at today, so the files change from day to day.',
    'All people are generated; the amounts are demo parameters, not published standards.',
    '',
    '  --county CODE        6-digit county code, e.g. 431226 (麻阳) or 433122 (泸溪)',
    '  --out FOLDER         output folder; created if missing, the four files are replaced',
    '  --households N       number of households, 1-{{maxHouseholds}} (default {{defaultHouseholds}})',
    '  --seed S             non-negative integer seed (default {{defaultSeed}})',
    '  --year-from YYYY     first payment year (default {{defaultYearFrom}})',
    '  --year-to YYYY       last payment year, at most {{maxYears}} years after the first and',
    '                       not after the current year (default {{defaultYearTo}})',
    '  --regions FILE       region codes CSV (code,name,parent_code,level); default: the shipped copy',
    '  --items FILE         subsidy item catalogue CSV with demo columns; default: the shipped copy',
    '  --boards SCALE       volume of the board data (default {{defaultBoards}}): small for the shipped demo,',
    '                       county for a real county (thousands of ledger entries per village and',
    '                       year, hundreds of projects), none to write no v2 files and remove old ones',
  ].join('\n'),
  done: [
    'Demo data for {{countyCode}} {{countyName}}, payment years {{yearFrom}}-{{yearTo}}:',
    '  households: {{households}} in {{villages}} villages and communities',
    '  persons:    {{persons}}',
    '  payments:   {{payments}}, total {{totalYuan}} yuan',
    '  folder:     {{outDir}}',
  ].join('\n'),
  boardsDone: [
    '  boards ({{scale}}): {{projects}} projects, {{progressReports}} progress reports, {{allocations}} allocations,',
    '    {{povertyHouseholds}} poverty households, {{ledgerEntries}} ledger entries, {{contracts}} asset contracts,',
    '    {{notices}} notices, {{complaints}} complaint outcomes, {{accountability}} accountability notices,',
    '    {{documents}} files in documents/, {{documentMegabytes}} MB',
  ].join('\n'),
  fileUnreadable: 'Cannot read {{file}}: {{reason}}. Check the path and the file permissions.',
  csvInvalid: '{{file}} is not a valid CSV file: {{reason}}. Save it as UTF-8 CSV with a header row.',
  csvEmpty: '{{file}} has no data rows. Give a CSV file with a header row and at least one row.',
  csvMissingColumn:
    '{{file}} has no column "{{column}}" (its header is: {{header}}). Add the column or pick the right file.',
  regionRowInvalid:
    '{{file}}, line {{line}}: invalid {{column}} "{{value}}". Levels are province, city, county, township or village, with codes of 2, 4, 6, 9 or 12 digits.',
  itemRowInvalid:
    '{{file}}, line {{line}}: invalid {{column}} "{{value}}". Item codes are unique letters, digits or _; cadence is yearly, monthly or once; unit is per_person, per_household or per_mu; the amount is a positive yuan amount and the share a decimal from 0 to 1.',
  countyNotFound:
    'County {{county}} is not in {{file}}. Counties in that file: {{available}}. Pick one of them or give a regions file with --regions.',
  noVillages:
    'County {{county}} has no villages or communities in {{file}} (virtual units do not count). Use a regions file that lists its villages.',
  tooManyHouseholds:
    '{{households}} households do not fit in {{villages}} villages: a village holds at most {{limit}}. Lower --households.',
  outputFailed: 'Cannot write the output folder {{dir}}: {{reason}}. Check that it is writable and the disk has space.',
  invalidOption: 'Invalid value "{{value}}" for {{option}}: expected {{expected}}.',
  unexpectedArgument: 'Unexpected argument "{{value}}": demo-data takes options only, such as --county 431226.',
} as const;
