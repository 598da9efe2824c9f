// A full disk, a read-only disk and a damaged current snapshot, each on a real file system. The
// data folder lives on a small tmpfs that fills up or is remounted read-only, and the damage is
// bytes overwritten in the installed SQLite file. In every case the terminal keeps serving the
// good data it has, `minsheng status` and the log name the problem, and the first sync after the
// fault is gone installs. Needs root (for mount) and `npm run build:main`.
import { spawn } from 'node:child_process';
import { copyFileSync, mkdirSync, openSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync, writeSync, closeSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_KIOSK_SETTINGS } from '../../src-main/core/config.js';
import { DOWNLOADS_FOLDER, isStagingName } from '../../src-main/core/data-folder/layout.js';
import { pointerOrNull } from '../../src-main/core/data-folder/pointer.js';
import type { TerminalReport } from '../../src-main/core/data-folder/terminal-status.js';
import { createKioskService } from '../../src-main/core/kiosk-service.js';
import type { Manifest } from '../../src-main/core/snapshot/manifest.js';
import { META_KEYS } from '../../src-main/core/snapshot/schema.js';
import { syncOnce } from '../../src-main/core/sync/sync.js';
import { loadTrustFile } from '../../src-main/core/trust/anchor.js';
import type { LookupResult } from '../../src-shared/kiosk-api.js';
import { writeBundleDelta } from '../../src-main/publisher/build-delta.js';
import { CLI, runCli } from '../helpers/cli.js';
import { makeBundle, makeTestKeys, sha256OfFile, writeBundle } from '../helpers/make-bundle.js';
import type { BuiltSnapshot, TestKeys, TestPerson } from '../helpers/make-bundle.js';
import { mountTmpfs } from '../helpers/mount.js';
import type { TmpfsMount } from '../helpers/mount.js';
import { freePort, makeTempDir } from '../helpers/temp.js';

const temp = makeTempDir('minsheng-disk-faults-');
const bundles = path.join(temp.dir, 'bundles');
const trustFile = path.join(temp.dir, 'publisher.pub.pem');
const mounts: TmpfsMount[] = [];

let keys: TestKeys;
let v1: BuiltSnapshot;
let v2: BuiltSnapshot;
let v3: BuiltSnapshot;
let large: BuiltSnapshot;
// Size in bytes of the full-disk tmpfs, computed from the bundles by fullDiskBytes().
let fullDiskSize: number;

function bundleDir(name: string): string {
  return path.join(bundles, name);
}

/**
 * Copies a snapshot and raises one household's first payment by 100 fen under a new version:
 * a small change, so the delta between the two is much smaller than the full payload.
 */
function nextVersionOf(base: BuiltSnapshot, version: number, file: string): BuiltSnapshot {
  copyFileSync(base.file, file);
  const changed = base.people[0]!.householdId;
  const db = new Database(file);
  try {
    db.prepare('UPDATE meta SET value = ? WHERE key = ?').run(String(version), META_KEYS.version);
    const payment = db.prepare('SELECT payment_id FROM payments WHERE household_id = ? ORDER BY payment_id LIMIT 1').get(changed) as {
      payment_id: string;
    };
    db.prepare('UPDATE payments SET amount_fen = amount_fen + 100 WHERE payment_id = ?').run(payment.payment_id);
  } finally {
    db.close();
  }
  const people = base.people.map((person) =>
    person.householdId === changed ? { ...person, householdTotalFen: person.householdTotalFen + 100 } : person,
  );
  return { file, version, regionCode: base.regionCode, people };
}

/** Writes the bundle of snapshot into folder, with a manifest that also offers the delta from base. */
async function writeBundleWithDelta(folder: string, snapshot: BuiltSnapshot, base: BuiltSnapshot): Promise<void> {
  const full = writeBundle(folder, snapshot, { signWith: keys });
  const workDir = `${folder}.work`;
  mkdirSync(workDir, { recursive: true });
  const delta = await writeBundleDelta({
    baseSqlite: base.file,
    baseVersion: base.version,
    newSqlite: snapshot.file,
    version: snapshot.version,
    algorithm: 'sha256',
    payloadLength: full.signed.payload.length,
    workDir,
    outDir: folder,
  });
  if (!delta.ok) throw new Error(`test setup: no delta from version ${base.version}: ${delta.code}`);
  writeBundle(folder, snapshot, { signWith: keys, signedOverrides: { delta: delta.entry } });
}

beforeAll(async () => {
  keys = makeTestKeys();
  writeFileSync(trustFile, keys.publicKeyPem);
  writeFileSync(path.join(temp.dir, 'index.html'), '<!doctype html><title>kiosk</title>');

  // Filler households make the payload large enough that a small change gives a smaller delta.
  const first = makeBundle(bundleDir('v1'), { version: 1, households: 3, fillerHouseholds: 300, signWith: keys });
  v1 = first.snapshot;
  v2 = nextVersionOf(v1, 2, path.join(temp.dir, 'v2.sqlite'));
  await writeBundleWithDelta(bundleDir('v2'), v2, v1);
  v3 = nextVersionOf(v2, 3, path.join(temp.dir, 'v3.sqlite'));
  await writeBundleWithDelta(bundleDir('v3'), v3, v2);

  // Thousands of filler households make this payload larger than the 64 KiB left on the full disk.
  const largeBundle = makeBundle(bundleDir('large-v2'), { version: 2, households: 3, fillerHouseholds: 4000, signWith: keys });
  large = largeBundle.snapshot;
  fullDiskSize = fullDiskBytes(first.manifest.signed.payload, largeBundle.manifest.signed.payload);
});

/**
 * Sizes the full-disk tmpfs from the bundles, so it grows with the snapshot format. Once the large
 * version is installed, the disk keeps version 1 as the previous snapshot and the large one as
 * current. `minsheng status` reports disk-full unless the large snapshot's size is still free,
 * because the next sync stages a whole file. That makes version 1 plus twice the large SQLite
 * file. The large payload is added once more as room for the small files (pointers, state and
 * status), each of which takes at least one page of tmpfs.
 */
function fullDiskBytes(installed: Manifest['signed']['payload'], next: Manifest['signed']['payload']): number {
  return installed.sqliteLength + 2 * next.sqliteLength + next.length;
}

afterAll(() => {
  for (const mount of mounts) mount.remove();
  temp.remove();
});

function mountDataDisk(name: string, sizeBytes: number): TmpfsMount {
  const mount = mountTmpfs(path.join(temp.dir, 'mounts', name), sizeBytes);
  mounts.push(mount);
  return mount;
}

function sync(dataDir: string, bundle: string, language = 'en') {
  return runCli(['sync', '--source', bundleDir(bundle), '--trust', trustFile, '--data-dir', dataDir], {
    env: { MINSHENG_LANG: language, MINSHENG_LOG_LEVEL: 'info' },
  });
}

async function statusReport(dataDir: string): Promise<{ code: number | null; report: TerminalReport }> {
  const result = await runCli(['status', '--data-dir', dataDir, '--json']);
  return { code: result.code, report: JSON.parse(result.stdout) as TerminalReport };
}

function problemCodes(report: TerminalReport): string[] {
  return report.status.problems.map((problem) => problem.code);
}

/** Looks a person up through a kiosk service opened on the data folder, as the screen does. */
async function lookUp(dataDir: string, person: TestPerson): Promise<LookupResult> {
  const service = createKioskService({ dataDir, settings: DEFAULT_KIOSK_SETTINGS });
  try {
    return await service.lookupHousehold(person.idNumber);
  } finally {
    service.close();
  }
}

function totalOf(result: LookupResult): number | null {
  return result.status === 'found' ? result.household.totalFen : null;
}

function leftoverFiles(dataDir: string): string[] {
  const staging = readdirSync(dataDir).filter(isStagingName);
  const downloads = readdirSync(path.join(dataDir, DOWNLOADS_FOLDER)).map((name) => `${DOWNLOADS_FOLDER}/${name}`);
  return [...staging, ...downloads];
}

/** SHA-256 of every file in the data folder except status.json, which records each pass. */
function fingerprint(dataDir: string): Record<string, string | null> {
  const files: Record<string, string | null> = {};
  for (const name of readdirSync(dataDir).sort()) {
    if (name === 'status.json' || name === DOWNLOADS_FOLDER) continue;
    files[name] = sha256OfFile(path.join(dataDir, name));
  }
  return files;
}

/** Fills the file system until only `leaveBytes` remain, with a file outside the data folder. */
function fillDisk(mount: TmpfsMount, leaveBytes: number): string {
  const filler = path.join(mount.dir, 'other-files.bin');
  const descriptor = openSync(filler, 'w');
  try {
    const block = Buffer.alloc(64 * 1024, 0x5a);
    while (mount.freeBytes() > leaveBytes + block.length) writeSync(descriptor, block);
    const rest = mount.freeBytes() - leaveBytes;
    if (rest > 0) writeSync(descriptor, block, 0, rest);
  } finally {
    closeSync(descriptor);
  }
  return filler;
}

describe('disk full', () => {
  let mount: TmpfsMount;
  let dataDir: string;
  let filler: string;

  beforeAll(async () => {
    mount = mountDataDisk('full', fullDiskSize);
    dataDir = path.join(mount.dir, 'data');
    const first = await sync(dataDir, 'v1');
    expect(first.code, first.stderr).toBe(0);
    filler = fillDisk(mount, 64 * 1024);
  });

  it('fails the sync as disk-full in English', async () => {
    const before = fingerprint(dataDir);
    const result = await sync(dataDir, 'large-v2');

    expect(result.code).toBe(1);
    expect(result.stderr).toContain('The disk is full');
    expect(result.stderr).toContain('Free space on the data folder\'s disk, then retry.');
    expect(result.stderr).toMatch(/^error sync: sync failed .*ENOSPC/m);
    expect(result.stderr).toMatch(/^warn sync: sync finished .*"reason":"disk-full"/m);
    expect(fingerprint(dataDir)).toEqual(before);
  });

  it('fails the sync as disk-full in Chinese', async () => {
    const result = await sync(dataDir, 'large-v2', 'zh-CN');

    expect(result.code).toBe(1);
    expect(result.stderr).toContain('磁盘已满');
    expect(result.stderr).toContain('请清理数据文件夹所在磁盘的空间后重试');
  });

  it('leaves no staging or download files', () => {
    expect(leftoverFiles(dataDir)).toEqual([]);
  });

  it('keeps serving the installed version', async () => {
    const person = v1.people[0]!;
    const result = await lookUp(dataDir, person);

    expect(result.status).toBe('found');
    expect(totalOf(result)).toBe(person.householdTotalFen);
    expect(pointerOrNull(dataDir, 'current')?.version).toBe(1);
  });

  it('serves minsheng query from the installed version', async () => {
    const result = await runCli(['query', '--data-dir', dataDir, '--id-number', v1.people[0]!.idNumber, '--json']);

    expect(result.code, result.stderr).toBe(0);
    expect(totalOf(JSON.parse(result.stdout) as LookupResult)).toBe(v1.people[0]!.householdTotalFen);
  });

  it('shows disk-full in minsheng status', async () => {
    const { code, report } = await statusReport(dataDir);

    expect(code).toBe(1);
    expect(problemCodes(report)).toContain('disk-full');
    expect(report.status.lastSync).toMatchObject({ status: 'failed', reason: 'disk-full' });
    expect(report.current?.version).toBe(1);

    const text = await runCli(['status', '--data-dir', dataDir]);
    expect(text.stdout).toContain('PROBLEM disk full since');
  });

  it('installs once space is freed and clears the problem', async () => {
    rmSync(filler);
    const result = await sync(dataDir, 'large-v2');

    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain('Installed snapshot version 2 (replacing version 1).');

    const { code, report } = await statusReport(dataDir);
    expect(problemCodes(report)).toEqual([]);
    expect(code).toBe(0);

    const person = large.people[0]!;
    expect(totalOf(await lookUp(dataDir, person))).toBe(person.householdTotalFen);
    expect(leftoverFiles(dataDir)).toEqual([]);
  });
});

describe('read-only disk', () => {
  let mount: TmpfsMount;
  let dataDir: string;

  beforeAll(async () => {
    mount = mountDataDisk('read-only', 8 * 1024 * 1024);
    dataDir = path.join(mount.dir, 'data');
    const first = await sync(dataDir, 'v1');
    expect(first.code, first.stderr).toBe(0);
  });

  it('fails the sync as read-only and changes nothing', async () => {
    const before = fingerprint(dataDir);
    const service = createKioskService({ dataDir, settings: DEFAULT_KIOSK_SETTINGS });
    try {
      const person = v1.people[0]!;
      expect(totalOf(await service.lookupHousehold(person.idNumber))).toBe(person.householdTotalFen);
      mount.remountReadOnly();

      const outcome = await syncOnce({ source: bundleDir('v2'), trust: loadTrustFile(trustFile), dataDir });

      expect(outcome).toMatchObject({ status: 'failed', reason: 'read-only' });
      expect(fingerprint(dataDir)).toEqual(before);
      // The screen keeps the snapshot it has open, and a fresh service opens it again.
      expect(totalOf(await service.lookupHousehold(person.idNumber))).toBe(person.householdTotalFen);
      expect(totalOf(await lookUp(dataDir, person))).toBe(person.householdTotalFen);
    } finally {
      service.close();
    }
  });

  it('explains the read-only disk in the CLI', async () => {
    const result = await sync(dataDir, 'v2');

    expect(result.code).toBe(1);
    expect(result.stderr).toContain('The data folder cannot be written');
    expect(result.stderr).toContain('read-only file system');
    expect(result.stderr).toMatch(/^warn sync: sync finished .*"reason":"read-only"/m);
  });

  it('serves minsheng query from the read-only disk', async () => {
    const person = v1.people[1]!;
    const result = await runCli(['query', '--data-dir', dataDir, '--id-number', person.idNumber, '--json']);

    expect(result.code, result.stderr).toBe(0);
    expect(totalOf(JSON.parse(result.stdout) as LookupResult)).toBe(person.householdTotalFen);
  });

  it('installs after the disk is writable again', async () => {
    mount.remountReadWrite();
    const result = await sync(dataDir, 'v2');

    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain('Installed snapshot version 2 from the delta (replacing version 1).');
    const person = v2.people[0]!;
    expect(totalOf(await lookUp(dataDir, person))).toBe(person.householdTotalFen);

    const { report } = await statusReport(dataDir);
    expect(problemCodes(report)).toEqual([]);
  });
});

/**
 * Overwrites the second half of a SQLite file's pages with a fixed pattern, as a failing disk or a
 * torn write would, leaving the header page intact so the file still opens.
 */
function damagePages(file: string): void {
  const bytes = readFileSync(file);
  const declared = bytes.readUInt16BE(16);
  const pageSize = declared === 1 ? 65_536 : declared;
  const pages = Math.floor(bytes.length / pageSize);
  const first = Math.max(1, Math.floor(pages / 2));
  const descriptor = openSync(file, 'r+');
  try {
    writeSync(descriptor, Buffer.alloc((pages - first) * pageSize, 0xa5), 0, (pages - first) * pageSize, first * pageSize);
  } finally {
    closeSync(descriptor);
  }
}

function snapshotPathOf(dataDir: string, pointerName: 'current' | 'previous'): string {
  const pointer = pointerOrNull(dataDir, pointerName);
  if (pointer === null) throw new Error(`test setup: no ${pointerName} pointer in ${dataDir}`);
  return path.join(dataDir, pointer.file);
}

interface RunningServe {
  url: string;
  stdout(): string;
  stderr(): string;
  lookUp(person: TestPerson): Promise<LookupResult>;
  snapshotVersion(): Promise<number | null>;
  stop(): Promise<number | null>;
}

/** Starts `minsheng serve` on a free port of 127.0.0.1 and waits until it listens. */
async function startServe(dataDir: string): Promise<RunningServe> {
  const port = await freePort();
  const child = spawn(process.execPath, [CLI, 'serve', '--data-dir', dataDir, '--port', String(port), '--static', temp.dir], {
    env: { ...process.env, MINSHENG_LANG: 'en', MINSHENG_LOG_LEVEL: 'info' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
  const exited = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));

  await new Promise<void>((resolve, reject) => {
    child.stdout.on('data', () => stdout.includes('Ctrl+C') && resolve());
    child.on('close', () => reject(new Error(`serve exited early: ${stdout}${stderr}`)));
  });

  const url = `http://127.0.0.1:${port}`;
  return {
    url,
    stdout: () => stdout,
    stderr: () => stderr,
    async lookUp(person) {
      const response = await fetch(`${url}/api/lookup`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ idNumber: person.idNumber }),
      });
      return (await response.json()) as LookupResult;
    },
    async snapshotVersion() {
      const info = (await (await fetch(`${url}/api/snapshot`)).json()) as { version: number } | null;
      return info?.version ?? null;
    },
    async stop() {
      child.kill('SIGTERM');
      return exited;
    },
  };
}

describe('damaged current snapshot with a sound previous', () => {
  const dataDir = path.join(temp.dir, 'recovered');
  let serve: RunningServe | null = null;
  let damagedFile: string;

  beforeAll(async () => {
    for (const bundle of ['v1', 'v2']) {
      const result = await sync(dataDir, bundle);
      expect(result.code, result.stderr).toBe(0);
    }
    damagedFile = snapshotPathOf(dataDir, 'current');
    damagePages(damagedFile);
    serve = await startServe(dataDir);
  });

  afterAll(async () => {
    await serve?.stop();
  });

  it('serves the previous version', async () => {
    const person = v1.people[0]!;

    expect(await serve!.snapshotVersion()).toBe(1);
    expect(totalOf(await serve!.lookUp(person))).toBe(person.householdTotalFen);
    expect(serve!.stderr()).toContain('The installed snapshot version 2 is damaged; serving the previous version 1');
  });

  it('names the damaged version in the log', () => {
    expect(serve!.stderr()).toMatch(/^error startup-check: current snapshot is damaged \(.*version=2, problem=.+\)$/m);
    expect(serve!.stderr()).toMatch(/^warn startup-check: serving the previous snapshot \(.*version=1\)$/m);
  });

  it('lists corrupt-current in minsheng status', async () => {
    const { code, report } = await statusReport(dataDir);

    expect(code).toBe(1);
    expect(problemCodes(report)).toEqual(['corrupt-current']);
    expect(report.status.problems[0]!.detail).toContain('version 2 is damaged');
    expect(report.current?.version).toBe(1);
  });

  it('installs version 2 again on the next sync', async () => {
    const result = await sync(dataDir, 'v2');

    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain('(replacing version 1)');
    expect(statSync(damagedFile, { throwIfNoEntry: false })).toBeUndefined();

    // The running kiosk notices the new pointer and reopens.
    const person = v2.people[0]!;
    expect(totalOf(await serve!.lookUp(person))).toBe(person.householdTotalFen);

    const { code, report } = await statusReport(dataDir);
    expect(problemCodes(report)).toEqual([]);
    expect(code).toBe(0);
  });
});

describe('damaged current snapshot without a sound previous', () => {
  const dataDir = path.join(temp.dir, 'unusable');
  let serve: RunningServe | null = null;

  beforeAll(async () => {
    for (const bundle of ['v1', 'v2']) {
      const result = await sync(dataDir, bundle);
      expect(result.code, result.stderr).toBe(0);
    }
    damagePages(snapshotPathOf(dataDir, 'current'));
    damagePages(snapshotPathOf(dataDir, 'previous'));
    serve = await startServe(dataDir);
  });

  afterAll(async () => {
    await serve?.stop();
  });

  it('returns no-data to lookups', async () => {
    expect(await serve!.lookUp(v2.people[0]!)).toEqual({ status: 'no-data' });
    expect(await serve!.lookUp(v1.people[0]!)).toEqual({ status: 'no-data' });
    expect(await serve!.snapshotVersion()).toBeNull();
    expect(serve!.stderr()).toContain('no sound previous version is kept');
    expect(serve!.stderr()).toMatch(/^error startup-check: no sound snapshot to serve \(.*previousProblem=.+\)$/m);
  });

  it('lists corrupt-current in minsheng status', async () => {
    const { code, report } = await statusReport(dataDir);

    expect(code).toBe(1);
    expect(report.current).toBeNull();
    expect(problemCodes(report)).toEqual(['corrupt-current']);
    expect(report.status.problems[0]!.detail).toContain('no data until the next sync');
  });

  it('reinstalls a full copy on the next sync', async () => {
    // Version 3 offers a delta from version 2, which cannot apply to the damaged file.
    const outcome = await syncOnce({ source: bundleDir('v3'), trust: loadTrustFile(trustFile), dataDir });

    expect(outcome).toEqual({ status: 'installed', version: 3, previousVersion: null, method: 'full' });
    const person = v3.people[0]!;
    expect(totalOf(await serve!.lookUp(person))).toBe(person.householdTotalFen);

    const { code, report } = await statusReport(dataDir);
    expect(problemCodes(report)).toEqual([]);
    expect(report.previousVersion).toBeNull();
    expect(code).toBe(0);
  });
});

describe('sync onto a damaged base without a start check', () => {
  const dataDir = path.join(temp.dir, 'damaged-base');

  it('falls back from the delta to the full payload', async () => {
    const first = await sync(dataDir, 'v1');
    expect(first.code, first.stderr).toBe(0);
    damagePages(snapshotPathOf(dataDir, 'current'));

    const outcome = await syncOnce({ source: bundleDir('v2'), trust: loadTrustFile(trustFile), dataDir });

    expect(outcome).toEqual({ status: 'installed', version: 2, previousVersion: 1, method: 'full' });
    const person = v2.people[0]!;
    expect(totalOf(await lookUp(dataDir, person))).toBe(person.householdTotalFen);
  });
});
