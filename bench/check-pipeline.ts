// Cost of `minsheng check` end to end on a county's payment export of 1,000,000 rows
// (county-export.ts): runCheck (read, clean, standardise, the comparison rules), and apart from it
// writeCheckReport (report.html and the CSV files). Writing the export is not timed. The bench runs
// in a process of its own, so that its peak RSS is not that of the benches run before it.
//
// Run alone after `npm run build`: `node dist/main/bench/check-pipeline.js [--rows N] [--keep]`.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { translatorFor } from '../src-shared/messages/translator.js';
import { runCheck } from '../src-main/publisher/check/run-check.js';
import { writeCheckReport } from '../src-main/publisher/check/write-check-report.js';
import { writeCountyExport } from './county-export.js';
import { timeAsync } from './timing.js';

const ID_KEY = Buffer.alloc(32, 1);

function maxRssMegabytes(): number {
  return process.resourceUsage().maxRSS / 1024;
}

/** Writes the folder into `work`, runs the check and writes its report; returns the bench table's lines. */
export async function measureCheck(work: string, rowCount: number): Promise<[string, string][]> {
  const dataDir = path.join(work, 'check-data');
  const reportDir = path.join(work, 'check-report');
  const written = await timeAsync(() => writeCountyExport(dataDir, rowCount));
  const exported = written.value;
  const rssBefore = maxRssMegabytes();

  const t = translatorFor('zh-CN');
  const cpuAtStart = process.cpuUsage();
  const checked = await timeAsync(() => runCheck({ dataDir, t, idKey: ID_KEY, now: new Date(Date.UTC(2025, 0, 15)) }));
  const cpu = process.cpuUsage(cpuAtStart);
  const rssAfterCheck = maxRssMegabytes();
  const report = await timeAsync(() => writeCheckReport(checked.value.result, reportDir, { t, language: 'zh-CN' }));

  const result = checked.value.result;
  const table = result.tables[0];
  if (table === undefined || result.tables.length !== 1) throw new Error(`expected the one export table, got ${result.tables.length}: ${JSON.stringify(result.failures)}`);
  const repairs = Object.values(table.repairCounts).reduce((sum, count) => sum + (count ?? 0), 0);
  const perRule = new Map<string, number>();
  for (const warning of result.warnings) perRule.set(warning.rule, (perRule.get(warning.rule) ?? 0) + 1);
  const reportBytes = readdirSync(reportDir).reduce((sum, name) => sum + statSync(path.join(reportDir, name)).size, 0);
  const seconds = checked.ms / 1000;

  return [
    ['check: export (not timed)', `${exported.rows} rows, ${exported.persons} persons, ${exported.megabytes.toFixed(0)} MB GBK CSV, written in ${(written.ms / 1000).toFixed(1)} s`],
    ['check: runCheck', `${seconds.toFixed(2)} s (CPU ${((cpu.user + cpu.system) / 1e6).toFixed(2)} s), ${Math.round(table.rowsRead / seconds)} rows/s`],
    ['check: rows', `${table.rowsRead} read, ${table.accepted} accepted, ${table.repairedRows} repaired (${repairs} repairs), ${table.rejected} rejected`],
    ['check: standard rows', `${result.persons.length} persons, ${result.payments.length} payments`],
    ['check: warnings', `${result.warnings.length} (${[...perRule].map(([rule, count]) => `${rule} ${count}`).join(', ')})`],
    ['check: writeCheckReport', `${(report.ms / 1000).toFixed(2)} s, ${(reportBytes / 1e6).toFixed(1)} MB in ${readdirSync(reportDir).length} files`],
    ['check: peak RSS', `${rssAfterCheck.toFixed(0)} MB after runCheck, ${maxRssMegabytes().toFixed(0)} MB after the report (${rssBefore.toFixed(0)} MB before runCheck)`],
  ];
}

/** Runs measureCheck in a child process of the built bench and returns its lines. */
export function runCheckBench(work: string, rowCount = 1_000_000): [string, string][] {
  const script = fileURLToPath(import.meta.url);
  const output = execFileSync(process.execPath, [script, '--rows', String(rowCount), '--work', work, '--json'], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return JSON.parse(output) as [string, string][];
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const { values } = parseArgs({
    options: {
      rows: { type: 'string', default: '1000000' },
      work: { type: 'string' },
      json: { type: 'boolean', default: false },
      keep: { type: 'boolean', default: false },
    },
  });
  const rowCount = Number(values.rows);
  if (!Number.isSafeInteger(rowCount) || rowCount < 1) throw new Error(`invalid --rows value "${values.rows}": expected a whole number of rows, such as 1000000`);
  const work = mkdtempSync(path.join(values.work ?? os.tmpdir(), 'minsheng-check-bench-'));
  try {
    const lines = await measureCheck(work, rowCount);
    if (values.json) process.stdout.write(JSON.stringify(lines));
    else for (const [name, value] of lines) process.stdout.write(`${name}  ${value}\n`);
  } finally {
    if (values.keep) process.stdout.write(values.json ? '' : `work folder kept: ${work}\n`);
    else rmSync(work, { recursive: true, force: true });
  }
}
