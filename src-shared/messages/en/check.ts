// Messages of `minsheng check`: the import of a folder (check-import.ts), the comparison rules
// (check-rules.ts) and the report (check-report.ts), each under its own top-level keys.
import checkImport from './check-import.js';
import checkReport from './check-report.js';
import checkCommand from './check-command.js';
import checkRules from './check-rules.js';

export default {
  ...checkImport,
  ...checkRules,
  ...checkReport,
  ...checkCommand,
};
