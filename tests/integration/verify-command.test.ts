// `minsheng verify` through the built command: every check a terminal makes, reported per check,
// with a damaged delta a warning (terminals install the full payload) and anything else fatal.
import { execFileSync } from 'node:child_process';
import { cpSync, readFileSync, renameSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateKeyPair } from '../../src-main/core/crypto/keys.js';
import { runCli } from '../helpers/cli.js';
import { paymentsCsv, SAMPLE_PAYMENTS, writeSampleDataset } from '../helpers/publisher-data.js';
import { makeTempDir } from '../helpers/temp.js';

const temp = makeTempDir('minsheng-verify-');
const keyDir = path.join(temp.dir, 'keys');
const bundle = path.join(temp.dir, 'bundle');
// Root folders: version 1, version 1 and 2, and version 1 with another signed version 2.
const roots1 = path.join(temp.dir, 'roots1');
const roots2 = path.join(temp.dir, 'roots2');
const otherRoots2 = path.join(temp.dir, 'other-roots2');
// Version 1 published with roots2, so it contains 1.root.json and 2.root.json.
const rootedBundle = path.join(temp.dir, 'rooted-bundle');

async function cli(args: string[]): Promise<void> {
  const result = await runCli(args);
  expect(result.code, `${args.join(' ')}: ${result.stderr}`).toBe(0);
}

/** Writes the next root version into a copy of roots1, signed by both root keys. */
async function rotatedRoots(folder: string, expiresDays: string): Promise<void> {
  cpSync(roots1, folder, { recursive: true });
  await cli(['root', 'rotate', '--dir', folder, '--expires-days', expiresDays]);
  for (const name of ['root-a', 'root-b']) await cli(['root', 'sign', path.join(folder, '2.root.json'), '--key', path.join(keyDir, `${name}.key`)]);
}

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

  for (const name of ['root-a', 'root-b']) await cli(['keygen', '--out', keyDir, '--name', name]);
  await cli([
    'root', 'init', '--out', roots1,
    '--root-key', path.join(keyDir, 'root-a.pub'), '--root-key', path.join(keyDir, 'root-b.pub'), '--threshold', '2',
    '--publisher', `431226=${path.join(keyDir, 'publisher.pub')}`,
  ]);
  for (const name of ['root-a', 'root-b']) await cli(['root', 'sign', path.join(roots1, '1.root.json'), '--key', path.join(keyDir, `${name}.key`)]);
  await rotatedRoots(roots2, '300');
  await rotatedRoots(otherRoots2, '100');
  await cli(['publish', '--data', data, '--key', path.join(keyDir, 'publisher.key'), '--roots', roots2, '--out', rootedBundle]);
}, 180_000);

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

/** Copies `source` to a new folder under the temporary folder and returns the copy. */
function copyOf(source: string, name: string): string {
  const copy = path.join(temp.dir, name);
  cpSync(source, copy, { recursive: true });
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

  // Reading a FIFO waits for a writer and reading /dev/zero never ends. runCli kills a command
  // that runs past timeoutMs, so a hang fails on the signal check instead of stalling the run.
  describe.each([
    { file: 'snapshot-2.sqlite.gz', outcome: 'FAIL  payload', code: 1 },
    { file: 'delta-1-2.sqlite.gz', outcome: 'WARN  delta', code: 0 },
  ])('$file not a regular file', ({ file, outcome, code }) => {
    const run = (folder: string) =>
      runCli(['verify', folder, '--trust', path.join(keyDir, 'publisher.pub'), '--lang', 'en'], { timeoutMs: 30_000 });

    it('reports a FIFO', async () => {
      const copy = copyOf(bundle, `fifo-${file}`);
      rmSync(path.join(copy, file));
      execFileSync('mkfifo', [path.join(copy, file)]);

      const result = await run(copy);

      expect(result.signal).toBeNull();
      expect(result.code).toBe(code);
      expect(result.stdout).toContain(`${outcome}: ${file} is a named pipe (FIFO), not a regular file`);
    }, 60_000);

    it('reports a symlink to /dev/zero', async () => {
      const copy = copyOf(bundle, `zero-${file}`);
      rmSync(path.join(copy, file));
      symlinkSync('/dev/zero', path.join(copy, file));

      const result = await run(copy);

      expect(result.signal).toBeNull();
      expect(result.code).toBe(code);
      expect(result.stdout).toContain(`${outcome}: ${file} is a symbolic link, not a regular file`);
    }, 60_000);
  });

  it('fails a payload of another size', async () => {
    const copy = copyOf(bundle, 'long-payload');
    const payload = path.join(copy, 'snapshot-2.sqlite.gz');
    writeFileSync(payload, Buffer.concat([readFileSync(payload), Buffer.from('x')]));

    const result = await verify(copy);

    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/FAIL {2}payload: the payload has \d+ bytes instead of the signed \d+/);
  });

  it('fails a missing payload', async () => {
    const copy = copyOf(bundle, 'missing-payload');
    rmSync(path.join(copy, 'snapshot-2.sqlite.gz'));

    const result = await verify(copy);

    expect(result.code).toBe(1);
    expect(result.stdout).toContain('FAIL  payload: snapshot-2.sqlite.gz is missing from the bundle folder');
  });

  it('passes a bundle with its root chain', async () => {
    const result = await runCli(['verify', rootedBundle, '--trust', path.join(roots1, '1.root.json'), '--lang', 'en']);

    expect(result.code, result.stdout).toBe(0);
    expect(result.stdout).toContain('OK    root metadata: version=2');
    expect(result.stdout).toContain('rootVersions=1-2');
  });

  // A terminal provisioned with 1.root.json starts its walk at 2.root.json, but one provisioned
  // with root keys reads the bundle's 1.root.json, so each of these must fail.
  it.each([
    {
      name: 'junk 1.root.json',
      damage: (copy: string) => writeFileSync(path.join(copy, '1.root.json'), 'junk\n'),
      expected: 'FAIL  root metadata: the root metadata 1.root.json is malformed',
    },
    {
      name: 'missing 1.root.json',
      damage: (copy: string) => rmSync(path.join(copy, '1.root.json')),
      expected: 'FAIL  root metadata: the folder has root metadata 2.root.json but no 1.root.json',
    },
    {
      name: 'edited 1.root.json',
      damage: (copy: string) => {
        const file = path.join(copy, '1.root.json');
        const root = JSON.parse(readFileSync(file, 'utf8')) as { signed: { root: { threshold: number } } };
        root.signed.root.threshold = 1;
        writeFileSync(file, JSON.stringify(root, null, 2));
      },
      expected: 'FAIL  root metadata: the root metadata 1.root.json has 0 valid signatures of the 1 needed from its own root keys',
    },
    {
      name: 'gap before 3.root.json',
      damage: (copy: string) => renameSync(path.join(copy, '2.root.json'), path.join(copy, '3.root.json')),
      expected: 'FAIL  root metadata: the root metadata 2.root.json is missing although 3.root.json is present',
    },
  ])('fails a bundle with $name', async ({ name, damage, expected }) => {
    const copy = copyOf(rootedBundle, `root-${name.replaceAll(' ', '-')}`);
    damage(copy);

    const result = await runCli(['verify', copy, '--trust', path.join(roots1, '1.root.json'), '--lang', 'en']);

    expect(result.code).toBe(1);
    expect(result.stdout).toContain(expected);
    expect(result.stdout).toContain('a terminal would refuse it');
  });

  it('fails a root other than the anchor', async () => {
    const copy = copyOf(rootedBundle, 'root-other-2');
    cpSync(path.join(otherRoots2, '2.root.json'), path.join(copy, '2.root.json'));

    const result = await runCli(['verify', copy, '--trust', path.join(roots2, '2.root.json'), '--lang', 'en']);

    expect(result.code).toBe(1);
    expect(result.stdout).toContain('FAIL  root metadata: the root metadata 2.root.json in the bundle differs from the 2.root.json given with --trust');
  });

  it('reports root problems in Chinese', async () => {
    const copy = copyOf(rootedBundle, 'root-missing-zh');
    rmSync(path.join(copy, '1.root.json'));

    const result = await runCli(['verify', copy, '--trust', path.join(roots1, '1.root.json'), '--lang', 'zh-CN']);

    expect(result.code).toBe(1);
    expect(result.stdout).toContain('未通过  根元数据：文件夹中有根元数据 2.root.json，但没有 1.root.json。');
  });

  it('requires the bundle folder', async () => {
    const result = await runCli(['verify', '--trust', path.join(keyDir, 'publisher.pub'), '--lang', 'en']);

    expect(result.code).toBe(2);
    expect(result.stderr).toContain('Give the bundle folder to check');
  });
});
