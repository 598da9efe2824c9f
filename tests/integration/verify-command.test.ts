// `minsheng verify` through the built command: every check a terminal makes, reported per check,
// with a damaged delta a warning (terminals install the full payload) and anything else fatal.
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateKeyPair } from '../../src-main/core/crypto/keys.js';
import { runCli } from '../helpers/cli.js';
import { paymentsCsv, SAMPLE_PAYMENTS, writeSampleDataset } from '../helpers/publisher-data.js';
import { makeTempDir } from '../helpers/temp.js';

const temp = makeTempDir('minsheng-verify-');
const keyDir = path.join(temp.dir, 'keys');
const bundle = path.join(temp.dir, 'bundle');

beforeAll(async () => {
  const data = path.join(temp.dir, 'data');
  writeSampleDataset(data);
  expect((await runCli(['keygen', '--out', keyDir])).code).toBe(0);
  const publish = () => runCli(['publish', '--data', data, '--key', path.join(keyDir, 'publisher.key'), '--out', bundle]);
  expect((await publish()).code).toBe(0);

  // A changed amount makes version 2 and a delta from version 1.
  const changed = SAMPLE_PAYMENTS.map((payment, index) => (index === 0 ? { ...payment, amount: '106.5' } : payment));
  writeSampleDataset(data, { 'payments.csv': paymentsCsv(changed) });
  expect((await publish()).code).toBe(0);
}, 120_000);

afterAll(() => temp.remove());

/** Copies the bundle and flips one byte of `file` in the copy. */
function damagedCopy(name: string, file: string): string {
  const copy = path.join(temp.dir, name);
  cpSync(bundle, copy, { recursive: true });
  const target = path.join(copy, file);
  const bytes = readFileSync(target);
  bytes[Math.floor(bytes.length / 2)]! ^= 0xff;
  writeFileSync(target, bytes);
  return copy;
}

function verify(folder: string, ...extra: string[]) {
  return runCli(['verify', folder, '--trust', path.join(keyDir, 'publisher.pub'), '--lang', 'en', ...extra]);
}

describe('minsheng verify', () => {
  it('passes a published bundle', async () => {
    const result = await verify(bundle);

    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain('OK    delta: file=delta-1-2.sqlite.gz, base=1, applied=content digest matches');
    expect(result.stdout).toContain('passed every check a terminal requires: version 2 of region');
  });

  it('fails a damaged payload', async () => {
    const result = await verify(damagedCopy('bad-payload', 'snapshot-2.sqlite.gz'));

    expect(result.code).toBe(1);
    expect(result.stdout).toContain('FAIL  payload: the payload does not match its signed digest');
    expect(result.stdout).toContain('a terminal would refuse it');
  });

  it('warns about a damaged delta', async () => {
    const result = await verify(damagedCopy('bad-delta', 'delta-1-2.sqlite.gz'));

    expect(result.code).toBe(0);
    expect(result.stdout).toContain('WARN  delta: the delta does not match its signed digest');
  });

  it('fails another trusted key', async () => {
    const other = generateKeyPair('sm2');
    const trustFile = path.join(temp.dir, 'other.pub');
    writeFileSync(trustFile, other.publicKeyPem);

    const result = await runCli(['verify', bundle, '--trust', trustFile, '--lang', 'en']);

    expect(result.code).toBe(1);
    expect(result.stdout).toContain('FAIL  signatures: it is not signed by any trusted key');
  });

  it('prints a JSON report', async () => {
    const result = await verify(bundle, '--json');
    const report = JSON.parse(result.stdout) as { ok: boolean; version: number; checks: { check: string; ok: boolean }[] };

    expect(report.ok).toBe(true);
    expect(report.version).toBe(2);
    expect(report.checks.map((check) => check.check)).toEqual(['root', 'manifest', 'signatures', 'expiry', 'payload', 'snapshot', 'content', 'delta']);
  });

  it('requires the bundle folder', async () => {
    const result = await runCli(['verify', '--trust', path.join(keyDir, 'publisher.pub'), '--lang', 'en']);

    expect(result.code).toBe(2);
    expect(result.stderr).toContain('Give the bundle folder to check');
  });
});
