// The output folder of `minsheng publish`: checked before any long work, locked against a second
// run, and left as it was when a run fails. Real processes only; needs `npm run build:main` first.
import { spawn, spawnSync } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import { chmodSync, copyFileSync, existsSync, mkdirSync, readFileSync, readdirSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManifestSchema } from '../../src-main/core/snapshot/manifest.js';
import { runCli } from '../helpers/cli.js';
import { writeSampleDataset } from '../helpers/publisher-data.js';
import { makeTempDir } from '../helpers/temp.js';

const temp = makeTempDir('minsheng-publish-out-');
const dataDir = path.join(temp.dir, 'data');
const keyFile = path.join(temp.dir, 'keys', 'publisher.key');

function publishInto(outDir: string, extra: string[] = [], options: { env?: NodeJS.ProcessEnv } = {}) {
  return runCli(['publish', '--data', dataDir, '--key', keyFile, '--out', outDir, ...extra], options);
}

function versionIn(outDir: string): number {
  return ManifestSchema.parse(JSON.parse(readFileSync(path.join(outDir, 'manifest.json'), 'utf8'))).signed.version;
}

beforeAll(async () => {
  writeSampleDataset(dataDir);
  const keygen = await runCli(['keygen', '--out', path.join(temp.dir, 'keys')]);
  expect(keygen.code).toBe(0);
});

afterAll(() => temp.remove());

describe('minsheng publish --expires-days', () => {
  it('rejects a value above 3650 as a usage error and creates nothing', async () => {
    const outDir = path.join(temp.dir, 'expires');
    const result = await publishInto(outDir, ['--expires-days', '100000000']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('--expires-days 100000000 is out of range: expected 1-3650 days');
    expect(result.stderr).not.toMatch(/RangeError|\n\s+at /);
    expect(existsSync(outDir)).toBe(false);
  });

  it('accepts 3650', async () => {
    const outDir = path.join(temp.dir, 'expires-max');
    const result = await publishInto(outDir, ['--expires-days', '3650']);
    expect(result.code).toBe(0);
    expect(readdirSync(outDir).sort()).toEqual(['manifest.json', 'snapshot-1.sqlite.gz']);
  });
});

describe('minsheng publish lock', () => {
  it('gives concurrent runs distinct versions', async () => {
    const outDir = path.join(temp.dir, 'race');
    expect((await publishInto(outDir)).code).toBe(0);

    const [first, second] = await Promise.all([publishInto(outDir), publishInto(outDir)]);
    const versions = [first, second].filter((result) => result.code === 0).map((result) => /Version: (\d+)/.exec(result.stdout)?.[1]);
    expect(new Set(versions).size).toBe(versions.length);
    for (const refused of [first, second].filter((result) => result.code !== 0)) {
      expect(refused.code).toBe(1);
      expect(refused.stderr).toMatch(/Another minsheng publish \(process \d+, started /);
      expect(refused.stderr).toContain(`is writing into ${outDir}.`);
    }
    expect(versionIn(outDir)).toBe(1 + versions.length);
    expect(readdirSync(outDir)).not.toContain('.publish.lock');
  });

  it('rejects a live lock, takes over a dead one', async () => {
    const outDir = path.join(temp.dir, 'held');
    mkdirSync(outDir);
    const holder = spawn(process.execPath, ['-e', 'process.stdin.resume()'], { stdio: ['pipe', 'ignore', 'ignore'] });
    const lockFile = path.join(outDir, '.publish.lock');
    writeFileSync(lockFile, JSON.stringify({ pid: holder.pid, startedAt: '2026-01-01T00:00:00.000Z' }));

    try {
      const refused = await publishInto(outDir);
      expect(refused.code).toBe(1);
      expect(refused.stderr).toContain(`Another minsheng publish (process ${holder.pid}, started 2026-01-01T00:00:00.000Z) is writing into ${outDir}`);
      expect(readdirSync(outDir)).toEqual(['.publish.lock']);
    } finally {
      const exited = new Promise((resolve) => holder.once('exit', resolve));
      holder.stdin.end();
      await exited;
    }

    const result = await publishInto(outDir);
    expect(result.code).toBe(0);
    expect(result.stderr).toContain(`Took over the lock ${lockFile} left by process ${holder.pid}, which is no longer running.`);
    expect(readdirSync(outDir).sort()).toEqual(['manifest.json', 'snapshot-1.sqlite.gz']);
  });
});

describe('minsheng publish output folder checks', () => {
  it('says that --out must be a folder when it is a file', async () => {
    const file = path.join(temp.dir, 'a-file');
    writeFileSync(file, 'not a folder');
    const result = await publishInto(file);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`--out ${file} is a file, not a folder.`);
    expect(readFileSync(file, 'utf8')).toBe('not a folder');
  });

  it('removes the parent folders a failed run created', async () => {
    const badData = path.join(temp.dir, 'bad-data');
    writeSampleDataset(badData, { 'payments.csv': 'not,the,header\n' });
    const top = path.join(temp.dir, 'new-parent');
    const result = await runCli(['publish', '--data', badData, '--key', keyFile, '--out', path.join(top, 'deep', 'out')]);

    expect(result.code).toBe(1);
    expect(existsSync(top)).toBe(false);
  });

  it('rejects --errors-out inside --out before writing', async () => {
    const outDir = path.join(temp.dir, 'with-report');
    const report = path.join(outDir, 'reports', 'errors.csv');
    const result = await publishInto(outDir, ['--errors-out', report], { env: { ...process.env, MINSHENG_LANG: 'en' } });

    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`--errors-out ${report} lies inside the bundle folder --out ${outDir}`);
    expect(existsSync(outDir)).toBe(false);
  });

  it('rejects --errors-out through a link to --out', async () => {
    const outDir = path.join(temp.dir, 'linked-out');
    mkdirSync(outDir);
    const link = path.join(temp.dir, 'link-to-out');
    symlinkSync(outDir, link);
    const result = await publishInto(outDir, ['--errors-out', path.join(link, 'errors.csv')]);

    expect(result.code).toBe(1);
    expect(readdirSync(outDir)).toEqual([]);
  });

  // Root ignores permissions, so as root the run is repeated as "nobody" (when runuser exists).
  const asRoot = process.getuid?.() === 0;
  const canDropPrivileges = asRoot && spawnSync('runuser', ['--help']).status === 0;
  it.skipIf(asRoot && !canDropPrivileges)('detects a read-only folder before validating, naming the folder', async () => {
    const outDir = path.join(temp.dir, 'read-only');
    mkdirSync(outDir);
    chmodSync(outDir, 0o555);
    let result;
    if (asRoot) {
      chmodSync(temp.dir, 0o755);
      const readableKey = path.join(temp.dir, 'readable.key');
      copyFileSync(keyFile, readableKey);
      chmodSync(readableKey, 0o644);
      const run = spawnSync(
        'runuser',
        ['-u', 'nobody', '--', process.execPath, path.resolve('bin/minsheng.js'), 'publish', '--data', dataDir, '--key', readableKey, '--out', outDir],
        { encoding: 'utf8', env: { ...process.env, MINSHENG_LANG: 'en' } },
      );
      result = { code: run.status, stderr: run.stderr };
    } else {
      result = await publishInto(outDir);
    }

    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`Cannot write into the output folder ${outDir} (EACCES). Check the permissions of ${outDir}`);
    expect(result.stderr).not.toContain('Validating');
    expect(readdirSync(outDir)).toEqual([]);
  });

  it('says that an encrypted private key is encrypted', async () => {
    const { privateKey } = generateKeyPairSync('ed25519', {
      privateKeyEncoding: { type: 'pkcs8', format: 'pem', cipher: 'aes-256-cbc', passphrase: 'secret' },
      publicKeyEncoding: { type: 'spki', format: 'pem' },
    });
    const encrypted = path.join(temp.dir, 'encrypted.key');
    writeFileSync(encrypted, privateKey);
    const result = await runCli(['publish', '--data', dataDir, '--key', encrypted, '--out', path.join(temp.dir, 'never')]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`${encrypted} is an encrypted private key; minsheng keys are not encrypted.`);
  });
});
