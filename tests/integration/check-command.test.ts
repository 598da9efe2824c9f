// `minsheng check`, and `publish` on a folder of department spreadsheets, as child processes on
// exports made from demo data: a clean folder passes and writes its report; a damaged row fails the
// check and stops publish until --accepted-only; an officials list named by the rules file reaches
// the comparison; a bad rules file stops everything. Needs the compiled CLI: npm run build:main.
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateDemoData } from '../../src-main/publisher/demo-data/generate.js';
import { runCli } from '../helpers/cli.js';
import { readDemoRows, writeDepartmentFolder } from '../helpers/department-files.js';
import type { DemoRows } from '../helpers/department-files.js';
import { makeTempDir } from '../helpers/temp.js';

const NOW = new Date('2025-06-01T00:00:00Z');
const temp = makeTempDir('minsheng-check-command-');
const demoDir = path.join(temp.dir, 'demo');
const cleanDir = path.join(temp.dir, 'clean');
const damagedDir = path.join(temp.dir, 'damaged');
const keyDir = path.join(temp.dir, 'keys');
const keyFile = path.join(keyDir, 'publisher.key');
let demo: DemoRows;

// An ID number as Excel shows it after turning the cell into a number: the last digits are lost.
const SCIENTIFIC_ID = '4.31226E+17';

beforeAll(async () => {
  await generateDemoData({ countyCode: '431226', households: 30, seed: 9, outDir: demoDir, yearFrom: 2023, yearTo: 2024, boards: 'none' }, NOW);
  demo = readDemoRows(demoDir);
  cpSync(demoDir, cleanDir, { recursive: true, filter: (source) => source === demoDir || /regions\.csv$|subsidy_items\.csv$/.test(source) });
  await writeDepartmentFolder(demoDir, cleanDir);

  // The damaged folder: the clean one plus a supplementary list whose second row lost its ID number.
  cpSync(cleanDir, damagedDir, { recursive: true });
  const person = demo.persons[0]!;
  const village = demo.regions.find((region) => region.code === person.village_code)!;
  const township = demo.regions.find((region) => region.code === village.parent_code)!;
  writeFileSync(
    path.join(damagedDir, '补发名单.csv'),
    [
      '姓名,身份证号码,补贴项目,发放金额,发放日期,乡镇,村',
      `${person.name},${person.id_number},耕地地力保护补贴,105.00,2024-11-20,${township.name},${village.name}`,
      `${person.name},${SCIENTIFIC_ID},耕地地力保护补贴,105.00,2024-11-21,${township.name},${village.name}`,
    ].join('\r\n'),
  );

  const keygen = await runCli(['keygen', '--out', keyDir]);
  expect(keygen.code, keygen.stderr).toBe(0);
}, 300_000);

afterAll(() => temp.remove());

describe('minsheng check', () => {
  it('passes a clean folder and writes the report', async () => {
    const reportDir = path.join(temp.dir, 'report-clean');
    const result = await runCli(['check', '--data', cleanDir, '--report', reportDir], { timeoutMs: 240_000 });

    expect(result.code, result.stderr).toBe(0);
    const [, read, accepted, rejected] = /([\d,]+) rows read: ([\d,]+) accepted .*, ([\d,]+) rejected/.exec(result.stdout)!;
    expect(accepted).toBe(read);
    expect(rejected).toBe('0');
    for (const file of ['report.html', 'rejections.csv', 'repairs.csv', 'warnings.csv', 'summary.csv']) {
      expect(existsSync(path.join(reportDir, file)), file).toBe(true);
    }
  }, 300_000);

  it('fails on a damaged row and names it in the report', async () => {
    const reportDir = path.join(temp.dir, 'report-damaged');
    const result = await runCli(['check', '--data', damagedDir, '--report', reportDir], { timeoutMs: 240_000 });

    expect(result.code).toBe(1);
    expect(result.stderr).toContain('1 rejected');
    const rejections = readFileSync(path.join(reportDir, 'rejections.csv'), 'utf8');
    expect(rejections).toContain('补发名单.csv');
    expect(rejections).toContain('import:reject.idScientificNotation');
    expect(readFileSync(path.join(reportDir, 'report.html'), 'utf8')).toContain('补发名单.csv');
  }, 300_000);

  it('compares recipients with the officials list of the rules file', async () => {
    const listed = demo.persons.find((person) => demo.payments.some((payment) => payment.id_number === person.id_number))!;
    const folder = path.join(temp.dir, 'with-rules');
    cpSync(cleanDir, folder, { recursive: true });
    writeFileSync(path.join(folder, '村干部名单.csv'), `姓名,身份证号码,职务,与干部关系\r\n${listed.name},${listed.id_number},村委会主任,本人\r\n`);
    writeFileSync(path.join(folder, 'check-rules.json'), JSON.stringify({ officialRecipient: { list: '村干部名单.csv' } }));
    const reportDir = path.join(temp.dir, 'report-rules');

    const result = await runCli(['check', '--data', folder, '--report', reportDir], { timeoutMs: 240_000 });

    expect(result.code, result.stderr).toBe(0);
    const warnings = readFileSync(path.join(reportDir, 'warnings.csv'), 'utf8');
    expect(warnings).toContain('officialRecipient');
    expect(warnings).toContain('村干部名单.csv');
    expect(warnings).not.toContain(listed.id_number);
    expect(result.stdout).toContain('Comparison lists: 1 tables, 1 rows read: 1 accepted, 0 rejected.');
  }, 300_000);

  it('exits 2 on a missing or non-folder --data and makes no report folder', async () => {
    const missing = path.join(temp.dir, 'no-such-folder');
    const reportDir = path.join(temp.dir, 'report-missing');

    const result = await runCli(['check', '--data', missing, '--report', reportDir]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(missing);
    expect(existsSync(reportDir)).toBe(false);

    const file = path.join(cleanDir, 'regions.csv');
    const onFile = await runCli(['check', '--data', file, '--report', reportDir]);
    expect(onFile.code).toBe(2);
    expect(onFile.stderr).toContain('is a file, not a folder');
    expect(onFile.stderr).not.toContain('check-rules.json');
    expect(existsSync(reportDir)).toBe(false);
  });

  it('exits 2 when --report is the data folder or in documents/, --out lies in it, or --out holds other files', async () => {
    const inDocuments = path.join(cleanDir, 'documents', 'report');
    const documents = await runCli(['check', '--data', cleanDir, '--report', inDocuments]);
    expect(documents.code).toBe(2);
    expect(documents.stderr).toContain('inside the documents folder');
    expect(existsSync(path.join(cleanDir, 'documents'))).toBe(false);

    const outInside = await runCli(['check', '--data', cleanDir, '--report', path.join(temp.dir, 'report-out'), '--out', path.join(cleanDir, 'out')]);
    expect(outInside.code).toBe(2);
    expect(outInside.stderr).toContain('inside the checked data folder');
    expect(existsSync(path.join(cleanDir, 'out'))).toBe(false);

    const same = await runCli(['check', '--data', cleanDir, '--report', cleanDir]);
    expect(same.code).toBe(2);
    expect(same.stderr).toContain('is the checked data folder');

    const sameOut = await runCli(['check', '--data', cleanDir, '--report', path.join(temp.dir, 'report-out'), '--out', cleanDir]);
    expect(sameOut.code).toBe(2);
    expect(existsSync(path.join(temp.dir, 'report-out'))).toBe(false);

    const foreign = path.join(temp.dir, 'foreign');
    mkdirSync(foreign);
    writeFileSync(path.join(foreign, 'notes.txt'), 'kept');
    const notOurs = await runCli(['check', '--data', cleanDir, '--report', path.join(temp.dir, 'report-out'), '--out', foreign]);
    expect(notOurs.code).toBe(2);
    expect(notOurs.stderr).toContain('did not write');
    expect(readFileSync(path.join(foreign, 'notes.txt'), 'utf8')).toBe('kept');
  });

  it('writes the report into a subfolder of the data folder, which the next check skips', async () => {
    const folder = path.join(temp.dir, 'with-report');
    cpSync(cleanDir, folder, { recursive: true });
    const reportDir = path.join(folder, '检查报告');

    const first = await runCli(['check', '--data', folder, '--report', reportDir], { timeoutMs: 240_000 });
    expect(first.code, first.stderr).toBe(0);
    expect(existsSync(path.join(reportDir, 'report.html'))).toBe(true);

    const again = await runCli(['check', '--data', folder, '--report', reportDir], { timeoutMs: 240_000 });
    expect(again.code, again.stderr).toBe(0);
    expect(again.stdout).toContain('检查报告');
  });

  it('exits 2 on a bad header mapping file and names it once', async () => {
    const mapping = path.join(temp.dir, 'bad-mapping.json');
    writeFileSync(mapping, JSON.stringify({ colour: 'red' }));
    const reportDir = path.join(temp.dir, 'report-bad-mapping');

    const unknownKey = await runCli(['check', '--data', cleanDir, '--report', reportDir, '--mapping', mapping]);
    expect(unknownKey.code).toBe(2);
    expect(unknownKey.stderr).toContain('colour');
    for (const line of unknownKey.stderr.split('\n')) expect(line.split('bad-mapping.json').length, line).toBeLessThanOrEqual(2);

    const missing = await runCli(['check', '--data', cleanDir, '--report', reportDir, '--mapping', path.join(temp.dir, 'none.json')]);
    expect(missing.code).toBe(2);
    expect(existsSync(reportDir)).toBe(false);
  });

  it('exits 2 on a standard for an item code that subsidy_items.csv does not have', async () => {
    const rulesFile = path.join(temp.dir, 'name-standard.json');
    writeFileSync(rulesFile, JSON.stringify({ aboveStandard: { standards: { 耕地地力保护补贴: '50' } } }));

    const result = await runCli(['check', '--data', cleanDir, '--report', path.join(temp.dir, 'report-name'), '--rules', rulesFile]);

    expect(result.code).toBe(2);
    expect(result.stderr).toContain('aboveStandard.standards.耕地地力保护补贴');
    expect(result.stderr).toContain('GDDL');
  });

  it('writes --out whole and replaces only a folder that check wrote', async () => {
    const outDir = path.join(temp.dir, 'standard-out');
    const args = ['check', '--data', cleanDir, '--report', path.join(temp.dir, 'report-standard-out'), '--out', outDir];

    const first = await runCli(args, { timeoutMs: 240_000 });
    expect(first.code, first.stderr).toBe(0);
    expect(existsSync(path.join(outDir, 'persons.csv'))).toBe(true);
    writeFileSync(path.join(outDir, 'stale.csv'), 'from an earlier delivery');

    const second = await runCli(args, { timeoutMs: 240_000 });
    expect(second.code, second.stderr).toBe(0);
    expect(existsSync(path.join(outDir, 'stale.csv'))).toBe(false);
    expect(existsSync(path.join(outDir, 'regions.csv'))).toBe(true);
    expect(readdirSync(temp.dir).filter((name) => name.startsWith('standard-out.'))).toEqual([]);
  }, 600_000);

  it('stops at an invalid rules file', async () => {
    const rulesFile = path.join(temp.dir, 'bad-rules.json');
    writeFileSync(rulesFile, JSON.stringify({ stoppedRecurring: { minPeriods: 1 } }));

    const result = await runCli(['check', '--data', cleanDir, '--report', path.join(temp.dir, 'report-bad-rules'), '--rules', rulesFile]);

    expect(result.code).toBe(2);
    expect(result.stderr).toContain('bad-rules.json');
    expect(result.stderr).toContain('minPeriods');
    expect(existsSync(path.join(temp.dir, 'report-bad-rules'))).toBe(false);
  });
});

describe('minsheng publish on department spreadsheets', () => {
  it('writes no bundle while a row is rejected', async () => {
    const outDir = path.join(temp.dir, 'content-rejected');

    const result = await runCli(['publish', '--data', damagedDir, '--key', keyFile, '--out', outDir], { timeoutMs: 240_000 });

    expect(result.code).toBe(1);
    expect(result.stderr).toContain('--accepted-only');
    expect(existsSync(path.join(outDir, 'manifest.json'))).toBe(false);
  }, 300_000);

  it('publishes the accepted rows only on request, with identifiers stable across versions', async () => {
    const outDir = path.join(temp.dir, 'content-accepted');
    const args = ['publish', '--data', damagedDir, '--key', keyFile, '--out', outDir, '--accepted-only'];

    const first = await runCli(args, { timeoutMs: 240_000 });
    expect(first.code, first.stderr).toBe(0);
    expect(first.stderr).toContain('the 1 rejected rows are not');
    expect(first.stdout).toContain('Published.');
    expect(existsSync(path.join(outDir, 'manifest.json'))).toBe(true);

    // The same spreadsheets again give the same household and payment identifiers, so the delta
    // changes only the two rows of the meta table that every version changes (its version and
    // creation time); new identifiers would change every household and payment.
    const second = await runCli(args, { timeoutMs: 240_000 });
    expect(second.code, second.stderr).toBe(0);
    expect(second.stdout).toContain('2 rows new or changed, 0 deleted');
  }, 600_000);

  it('reports a --report path it cannot write without a stack trace', async () => {
    const blocker = path.join(temp.dir, 'report-is-a-file');
    writeFileSync(blocker, 'a file where the report folder should go');

    const result = await runCli(['publish', '--data', damagedDir, '--key', keyFile, '--out', path.join(temp.dir, 'content-x'), '--report', blocker], {
      timeoutMs: 240_000,
    });

    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`Cannot write to ${blocker}`);
    expect(result.stderr).not.toMatch(/\n\s+at /);
  }, 300_000);

  it('tells the worker to separate a folder that mixes standard and department files', async () => {
    const mixed = path.join(temp.dir, 'mixed');
    cpSync(cleanDir, mixed, { recursive: true });
    writeFileSync(path.join(mixed, 'persons.csv'), 'id_number,name,household_id,relation,village_code\n');

    const result = await runCli(['publish', '--data', mixed, '--key', keyFile, '--out', path.join(temp.dir, 'content-mixed'), '--accepted-only']);

    expect(result.code).toBe(1);
    expect(result.stderr).toContain('Put persons.csv and payments.csv in one folder');
    expect(result.stderr).not.toContain('add --accepted-only');
  });

  it('lists the department-folder options in the help of publish and preview', async () => {
    for (const command of ['publish', 'preview']) {
      const result = await runCli([command, '--help']);
      for (const option of ['--rules', '--mapping', '--report', '--accepted-only']) expect(result.stdout, command).toContain(option);
    }
  });
});
