// Messages of `minsheng check` on the command line, and of publish and preview when they check a
// folder of department files. See check.ts.
export default {
  command: {
    summary: "Check a folder of departments' spreadsheets: import, clean, validate, compare, and write the report",
    help: [
      'Usage: minsheng check --data FOLDER --report REPORT_FOLDER [--rules RULES_FILE] [--mapping MAPPING_FILE] [--out STANDARD_FOLDER]',
      '',
      "  --data     the departments' spreadsheets (.xlsx, .csv) with regions.csv and subsidy_items.csv",
      '  --report   where the report goes: report.html for people; rejections.csv, repairs.csv, warnings.csv, summary.csv for programs',
      '  --rules    the comparison rules file (JSON); absent, check-rules.json in the data folder, else the default rules',
      "  --mapping  the county's header mapping file (JSON), for columns the built-in headers do not know",
      '  --out      write the accepted rows as a standard data folder (persons.csv, payments.csv, ...) that publish accepts',
      '',
      'Exits 1 when any row is rejected or a file cannot be read; 0 when there are only comparison warnings.',
    ].join('\n'),
    checked: 'Checked {{dir}}',
    rows: '{{tables}} tables, {{read}} rows read: {{accepted}} accepted ({{repaired}} of them repaired), {{rejected}} rejected.',
    failure: 'Cannot read: {{problem}}',
    ruleWarnings: 'Comparison "{{rule}}": {{count}} warning(s)',
    ruleSkipped: 'Comparison "{{rule}}" did not run: {{reason}}',
    report: 'Full report: {{dir}}/report.html (the CSV files are in the same folder)',
    passed: 'Every row was accepted. Read the comparison warnings, then preview with minsheng preview and publish with minsheng publish.',
    rejected: 'Rows were rejected or files could not be read. Correct the original spreadsheets as the report says, then check again.',
    writeFailed: 'Cannot write to {{dir}} ({{reason}}). Choose a folder you can write to, with enough free space.',
    outIsDataDir: 'The --out folder {{dir}} is the checked folder. Choose an empty folder outside it.',
    outWritten: 'The accepted rows were written as a standard data folder: {{dir}}',
    rulesFileInvalid: 'The rules file {{file}} is invalid, so nothing was checked:',
    standardFolder: '{{dir}} holds standard data files (persons.csv, payments.csv), not department spreadsheets. minsheng publish and minsheng preview validate standard data directly.',
    publishRejected: 'Rows of the department spreadsheets were rejected, so no bundle was written. Run minsheng check --report to read the full report and correct them; to publish only the accepted rows, add --accepted-only.',
    acceptedOnly: 'With --accepted-only, only the accepted rows are published; the {{rejected}} rejected rows are not.',
    previewRejected: 'Rows of the department spreadsheets were rejected, so they cannot be previewed. Run minsheng check --report to read the full report and correct them; to preview only the accepted rows, add --accepted-only.',
  },
} as const;
