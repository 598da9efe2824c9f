// `minsheng query` against a real snapshot installed in a data folder: text and JSON output,
// and its errors.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatFenAsYuan } from '../../src-shared/money.js';
import { snapshotFileOf } from '../../src-main/core/data-folder/pointer.js';
import { runCli } from '../helpers/cli.js';
import { installSnapshotFile } from '../helpers/installed-snapshot.js';
import { buildSnapshotFile, makeIdNumber } from '../helpers/make-bundle.js';
import type { BuiltSnapshot } from '../helpers/make-bundle.js';
import { makeTempDir } from '../helpers/temp.js';

const temp = makeTempDir();
const dataDir = path.join(temp.dir, 'data');
let snapshot: BuiltSnapshot;
let installedFile: string;

function query(args: string[], env?: NodeJS.ProcessEnv) {
  return runCli(['query', '--data-dir', dataDir, ...args], env ? { env } : {});
}

beforeAll(async () => {
  snapshot = buildSnapshotFile(path.join(temp.dir, 'build', 'snapshot.sqlite'), { version: 5, households: 3 });
  installedFile = snapshotFileOf(dataDir, await installSnapshotFile(dataDir, snapshot.file));
});

afterAll(() => temp.remove());

describe('minsheng query', () => {
  it('prints the household as text', async () => {
    const person = snapshot.people[0]!;
    const result = await query(['--id-number', person.idNumber]);

    expect(result.code).toBe(0);
    expect(result.stdout).toContain('黄兴镇');
    expect(result.stdout).toContain('长沙县');
    expect(result.stdout).toContain(person.maskedName);
    expect(result.stdout).toContain('(queried)');
    expect(result.stdout).toContain('head of household');
    expect(result.stdout).not.toContain('户主');
    expect(result.stdout).toContain(`Total: ${formatFenAsYuan(person.householdTotalFen)} yuan (${person.householdTotalFen} fen)`);
    expect(result.stdout).not.toContain(person.idNumber);
  });

  it('prints the lookup result as JSON', async () => {
    const person = snapshot.people[1]!;
    const result = await query(['--id-number', person.idNumber, '--json']);
    expect(result.code).toBe(0);

    const output = JSON.parse(result.stdout) as {
      status: string;
      household: Record<string, unknown> & { payments: Record<string, unknown>[]; totalFen: number };
    };
    expect(output.status).toBe('found');
    expect(Object.keys(output.household).sort()).toEqual(
      ['countyName', 'members', 'payments', 'totalFen', 'townshipName', 'villageCode', 'villageName'].sort(),
    );
    expect(output.household.totalFen).toBe(person.householdTotalFen);
    for (const payment of output.household.payments) {
      for (const field of ['amountFen', 'paidOn', 'period', 'department', 'itemName', 'itemCode']) {
        expect(payment).toHaveProperty(field);
      }
    }
  });

  it('prints Chinese by default', async () => {
    const result = await query(['--id-number', snapshot.people[0]!.idNumber], { MINSHENG_LANG: '' });

    expect(result.code).toBe(0);
    expect(result.stdout).toContain('合计：');
    expect(result.stdout).toContain('（本次查询）');
    expect(result.stdout).toContain('户主');
  });

  it('names the problem of an invalid number, masked', async () => {
    const wrong = `${snapshot.people[0]!.idNumber.slice(0, 17)}${snapshot.people[0]!.idNumber[17] === '0' ? '1' : '0'}`;
    const result = await query(['--id-number', wrong]);

    expect(result.code).toBe(1);
    expect(result.stderr).toContain('is invalid: its last character does not match');
    expect(result.stderr).toContain(`${wrong.slice(0, 3)}*************${wrong.slice(-2)}`);
    expect(result.stderr).not.toContain(wrong);
  });

  it('reports a wrong length', async () => {
    const result = await query(['--id-number', '4301211980']);

    expect(result.code).toBe(1);
    expect(result.stderr).toContain('it must have 18 characters');
  });

  it('reports no household found', async () => {
    const unknown = makeIdNumber('430121', '19991231', 999);
    const result = await query(['--id-number', unknown]);

    expect(result.code).toBe(1);
    expect(result.stderr).toContain('No household found for ID number');
    expect(result.stderr).toContain(installedFile);
    expect(result.stderr).not.toContain(unknown);
  });

  it('names the empty data folder and the fix', async () => {
    const empty = path.join(temp.dir, 'empty-data');
    const result = await runCli(['query', '--data-dir', empty, '--id-number', snapshot.people[0]!.idNumber]);

    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`No snapshot is installed in ${empty}`);
    expect(result.stderr).toContain('minsheng sync');
    expect(result.stderr).toContain(`--data-dir ${empty}`);
  });

  it('names an unreadable snapshot and the fix', async () => {
    const damagedDir = path.join(temp.dir, 'damaged-data');
    const pointer = await installSnapshotFile(damagedDir, snapshot.file);
    const damagedFile = snapshotFileOf(damagedDir, pointer);
    writeFileSync(damagedFile, 'not a database');

    const result = await runCli(['query', '--data-dir', damagedDir, '--id-number', snapshot.people[0]!.idNumber]);

    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`Cannot read the snapshot ${damagedFile}`);
    expect(result.stderr).toContain('minsheng sync');
  });

  it('requires --data-dir', async () => {
    const result = await runCli(['query', '--id-number', snapshot.people[0]!.idNumber]);

    expect(result.code).toBe(2);
    expect(result.stderr).toContain('--data-dir');
  });

  it('requires --id-number', async () => {
    const result = await query([]);

    expect(result.code).toBe(2);
    expect(result.stderr).toContain('--id-number');
  });
});
