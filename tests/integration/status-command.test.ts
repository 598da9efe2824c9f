// `minsheng status` as a technician runs it: expired data, a full disk, a missing data folder and
// the last sync pass of each outcome, each through the compiled CLI on real files. The full disk
// is a small tmpfs, so this file needs root (for mount) and `npm run build:main`.
import { closeSync, mkdirSync, openSync, writeFileSync, writeSync } from 'node:fs';
import { createServer } from 'node:http';
import type { Server } from 'node:http';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { heartbeatQueuePath, outboxPath } from '../../src-main/core/data-folder/layout.js';
import type { TerminalReport } from '../../src-main/core/data-folder/terminal-status.js';
import { openOutbox } from '../../src-main/core/reports/outbox.js';
import { openHeartbeatQueue } from '../../src-main/core/fleet/heartbeat-queue.js';
import { runCli } from '../helpers/cli.js';
import { installSnapshotFile } from '../helpers/installed-snapshot.js';
import { buildSnapshotFile, makeBundle, makeTestKeys } from '../helpers/make-bundle.js';
import type { BuiltSnapshot, TestKeys } from '../helpers/make-bundle.js';
import { mountTmpfs } from '../helpers/mount.js';
import type { TmpfsMount } from '../helpers/mount.js';
import { freePort, makeTempDir } from '../helpers/temp.js';

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;
// Cheap scrypt parameters keep the builds fast, because these tests do no lookups.
const LOOKUP_KEY = { algorithm: 'scrypt' as const, N: 1024, r: 8, p: 1, keyLength: 32, saltHex: '3c'.repeat(16) };

const temp = makeTempDir('minsheng-status-command-');
let snapshot: BuiltSnapshot;

beforeAll(() => {
  snapshot = buildSnapshotFile(path.join(temp.dir, 'build', 'snapshot.sqlite'), {
    version: 1,
    households: 1,
    fillerHouseholds: 200,
    lookupKey: LOOKUP_KEY,
  });
});

afterAll(() => temp.remove());

async function status(dataDir: string, language = 'en') {
  return runCli(['status', '--data-dir', dataDir], { env: { MINSHENG_LANG: language } });
}

async function statusJson(dataDir: string): Promise<{ code: number | null; report: TerminalReport }> {
  const result = await runCli(['status', '--data-dir', dataDir, '--json']);
  return { code: result.code, report: JSON.parse(result.stdout) as TerminalReport };
}

/** Installs the test snapshot as published an hour ago, with the usual 30 days until expiry. */
function installFresh(dataDir: string) {
  return installSnapshotFile(dataDir, snapshot.file, { createdAt: new Date(Date.now() - HOUR_MS).toISOString() });
}

/** Installs the test snapshot as published a day and an hour ago and expired an hour ago. */
async function installExpired(dataDir: string): Promise<void> {
  const now = Date.now();
  await installSnapshotFile(dataDir, snapshot.file, {
    createdAt: new Date(now - DAY_MS - HOUR_MS).toISOString(),
    expiresAt: new Date(now - HOUR_MS).toISOString(),
  });
}

describe('status of expired data', () => {
  const dataDir = path.join(temp.dir, 'expired');

  beforeAll(() => installExpired(dataDir));

  it('lists data-expired as found now', async () => {
    const { code, report } = await statusJson(dataDir);

    expect(code).toBe(1);
    expect(report.current?.expired).toBe(true);
    expect(report.status.problems).toHaveLength(1);
    expect(report.status.problems[0]).toMatchObject({ code: 'data-expired', since: null, values: { version: 1, days: 1 } });
  });

  it('names the age without "1 days"', async () => {
    const result = await status(dataDir);

    expect(result.code).toBe(1);
    expect(result.stdout).toContain('Whole days since publication: 1. EXPIRED at');
    expect(result.stdout).toMatch(/^PROBLEM data expired, found now: version 1 expired at .*\(whole days since publication: 1\)/m);
    expect(result.stdout).not.toContain('1 days');
    expect(result.stdout).not.toContain('No problems.');
  });

  it('explains it in Chinese', async () => {
    const result = await status(dataDir, 'zh-CN');

    expect(result.code).toBe(1);
    expect(result.stdout).toContain('故障：数据已过期，本次检查发现：第 1 版已于');
    expect(result.stdout).toContain('发布至今 1 天');
  });

  it('lists no problem for fresh data', async () => {
    const freshDir = path.join(temp.dir, 'fresh');
    await installFresh(freshDir);

    const result = await status(freshDir);

    expect(result.code, result.stdout).toBe(0);
    expect(result.stdout).toContain('Whole days since publication: 0. Not expired.');
    expect(result.stdout).toContain('No problems.');
  });
});

describe('status of a missing data folder', () => {
  it('says the folder does not exist', async () => {
    const dataDir = path.join(temp.dir, 'no-such-folder');

    const result = await status(dataDir);

    expect(result.code).toBe(1);
    expect(result.stdout.trim()).toBe(
      `The data folder ${dataDir} does not exist. Check the --data-dir path; the first minsheng sync creates the folder.`,
    );
  });

  it('reports the state in JSON', async () => {
    const { code, report } = await statusJson(path.join(temp.dir, 'no-such-folder'));

    expect(code).toBe(1);
    expect(report.dataDirState).toBe('missing');
    expect(report.status.problems).toEqual([]);
  });

  it('says a file is not a folder', async () => {
    const file = path.join(temp.dir, 'a-file.txt');
    writeFileSync(file, 'not a data folder');

    const result = await status(file);

    expect(result.code).toBe(1);
    expect(result.stdout).toContain(`${file} is not a folder.`);
  });
});

/** Fills the mount with one file until `leaveBytes` bytes remain free. */
function fillDisk(mount: TmpfsMount, leaveBytes: number): void {
  const descriptor = openSync(path.join(mount.dir, 'other-files.bin'), 'w');
  try {
    const block = Buffer.alloc(64 * 1024, 0x5a);
    while (mount.freeBytes() > leaveBytes + block.length) writeSync(descriptor, block);
    const rest = mount.freeBytes() - leaveBytes;
    if (rest > 0) writeSync(descriptor, block, 0, rest);
  } finally {
    closeSync(descriptor);
  }
}

describe('status on a full disk', () => {
  let mount: TmpfsMount;
  let dataDir: string;

  beforeAll(async () => {
    mount = mountTmpfs(path.join(temp.dir, 'disk'), 16 * 1024 * 1024);
    dataDir = path.join(mount.dir, 'kiosk');
    await installFresh(dataDir);
  });

  afterAll(() => mount.remove());

  it('lists no problem while a new version fits', async () => {
    const { code, report } = await statusJson(dataDir);

    expect(report.status.problems).toEqual([]);
    expect(code).toBe(0);
  });

  it('lists disk-full with free and needed bytes', async () => {
    fillDisk(mount, 0);

    const { code, report } = await statusJson(dataDir);

    expect(code).toBe(1);
    expect(report.status.problems.map((problem) => problem.code)).toEqual(['disk-full']);
    const problem = report.status.problems[0]!;
    expect(problem.since).toBeNull();
    expect(problem.values?.free).toBe(mount.freeBytes());
    expect(problem.values?.needed).toBeGreaterThan(mount.freeBytes());
  });

  it('explains disk-full in the text report', async () => {
    const { report } = await statusJson(dataDir);
    const { free, needed } = report.status.problems[0]!.values!;

    const result = await status(dataDir);

    expect(result.code).toBe(1);
    expect(result.stdout).toContain(
      `PROBLEM disk full, found now: ${free} bytes are free on the disk of ${dataDir}, less than the installed snapshot's ${needed} bytes`,
    );
    expect(result.stdout).toContain('a new version needs about twice the installed snapshot\'s size');
  });
});

describe('status after each sync outcome', () => {
  const bundles = path.join(temp.dir, 'bundles');
  const trustFile = path.join(temp.dir, 'publisher.pub.pem');
  const dataDir = path.join(temp.dir, 'synced');
  let keys: TestKeys;
  let server: Server;
  let port: number;

  beforeAll(async () => {
    keys = makeTestKeys();
    writeFileSync(trustFile, keys.publicKeyPem);
    makeBundle(path.join(bundles, 'v1'), { version: 1, households: 1, lookupKey: LOOKUP_KEY, signWith: keys });
    makeBundle(path.join(bundles, 'stranger-v2'), { version: 2, households: 1, lookupKey: LOOKUP_KEY, signWith: makeTestKeys() });

    // A server that returns 404 for every request, like one without the bundle.
    port = await freePort();
    server = createServer((_request, response) => {
      response.writeHead(404).end();
    });
    await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  });

  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  function sync(source: string) {
    return runCli(['sync', '--source', source, '--trust', trustFile, '--data-dir', dataDir]);
  }

  it('prints the installed version', async () => {
    const synced = await sync(path.join(bundles, 'v1'));
    expect(synced.code, synced.stderr).toBe(0);

    const result = await status(dataDir);

    expect(result.stdout).toMatch(/^Last sync: \S+, installed version 1\.$/m);
    expect(result.stdout).not.toContain('(-)');
  });

  it('prints the version when up to date', async () => {
    const synced = await sync(path.join(bundles, 'v1'));
    expect(synced.code, synced.stderr).toBe(0);

    const result = await status(dataDir);

    expect(result.stdout).toMatch(/^Last sync: \S+, already up to date at version 1\.$/m);
  });

  it('prints the reason of a rejection', async () => {
    const synced = await sync(path.join(bundles, 'stranger-v2'));
    expect(synced.code).toBe(1);

    const result = await status(dataDir);

    expect(result.stdout).toMatch(/^Last sync: \S+, bundle rejected because it is not signed by any trusted key \(signed by key IDs [0-9a-f]{64}/m);
    expect(result.stdout).toContain('--root-key');
  });

  it('prints the HTTP status of a failed download', async () => {
    const synced = await sync(`http://127.0.0.1:${port}/county/`);
    expect(synced.code).toBe(1);
    expect(synced.stderr).toContain('The download from the source failed');
    expect(synced.stderr).not.toContain('could not be reached');

    const result = await status(dataDir);

    expect(result.stdout).toMatch(/^Last sync: \S+, failed\. The download from the source failed: GET http:\/\/127\.0\.0\.1:\d+\/county\/manifest\.json returned 404/m);
    expect(result.stdout).toContain('check the URL and that the bundle is on the server');
  });
});

describe('status of the report outbox', () => {
  /** Writes an outbox with one report per age in hours; `failed` ones carry a failed attempt. */
  function writeOutbox(dataDir: string, reports: { ageHours: number; failed: boolean }[]): void {
    mkdirSync(path.dirname(outboxPath(dataDir)), { recursive: true });
    const outbox = openOutbox(outboxPath(dataDir));
    try {
      reports.forEach((report, index) => {
        const key = `key-${index}`;
        const createdAt = Date.now() - report.ageHours * HOUR_MS;
        outbox.enqueue({ idempotencyKey: key, sealed: new Uint8Array([1, 2, 3]), createdAt });
        if (report.failed) outbox.recordFailure(key, createdAt + 1000, `HTTP 404 for report ${index}`);
      });
    } finally {
      outbox.close();
    }
  }

  it('reports that no report was filed', async () => {
    const dataDir = path.join(temp.dir, 'outbox-none');
    await installFresh(dataDir);

    const result = await status(dataDir);

    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Report outbox: no report has been filed on this terminal.');
  });

  it('counts waiting and retrying reports', async () => {
    const dataDir = path.join(temp.dir, 'outbox-waiting');
    await installFresh(dataDir);
    writeOutbox(dataDir, [{ ageHours: 5, failed: true }, { ageHours: 1, failed: false }]);

    const result = await status(dataDir);

    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Report outbox: 2 waiting for upload, 1 of them after failed attempts.');
    expect(result.stdout).toContain('(whole hours waiting: 5)');
    expect(result.stdout).toContain('Latest upload error: HTTP 404 for report 0');
  });

  it('fails for reports failing over a day', async () => {
    const dataDir = path.join(temp.dir, 'outbox-stuck');
    await installFresh(dataDir);
    writeOutbox(dataDir, [{ ageHours: 25, failed: true }, { ageHours: 1, failed: true }]);

    const text = await status(dataDir);
    const json = await statusJson(dataDir);

    expect(text.code).toBe(1);
    expect(text.stdout).toContain('PROBLEM reports not uploaded, found now: 1 reports waited more than 24 hours');
    expect(json.code).toBe(1);
    // Report 1 failed 24 hours after report 0, so its error is the latest.
    expect(json.report.outbox).toMatchObject({ state: 'ok', waiting: 2, retrying: 2, stuck: 1, lastError: 'HTTP 404 for report 1' });
    expect(json.report.status.problems.map((problem) => problem.code)).toContain('reports-stuck');
  });

  it('explains a stuck report in Chinese', async () => {
    const dataDir = path.join(temp.dir, 'outbox-stuck-zh');
    await installFresh(dataDir);
    writeOutbox(dataDir, [{ ageHours: 30, failed: true }]);

    const result = await status(dataDir, 'zh-CN');

    expect(result.code).toBe(1);
    expect(result.stdout).toContain('举报待发队列：1 份等待上传');
    expect(result.stdout).toContain('举报未能上传');
  });

  it('fails for a damaged outbox', async () => {
    const dataDir = path.join(temp.dir, 'outbox-damaged');
    await installFresh(dataDir);
    mkdirSync(path.dirname(outboxPath(dataDir)), { recursive: true });
    writeFileSync(outboxPath(dataDir), 'not a database, but it may hold reports'.repeat(200));

    const text = await status(dataDir);
    const json = await statusJson(dataDir);

    expect(text.code).toBe(1);
    expect(text.stdout).toContain('PROBLEM damaged report outbox');
    expect(text.stdout).toContain(outboxPath(dataDir));
    expect(json.report.outbox.state).toBe('damaged');
  });

  it('fails while a damaged outbox is set aside', async () => {
    const dataDir = path.join(temp.dir, 'outbox-set-aside');
    await installFresh(dataDir);
    writeOutbox(dataDir, []);
    const aside = `${outboxPath(dataDir)}.damaged-2026-12-05T04-12-00-000Z`;
    writeFileSync(aside, 'damaged');

    const json = await statusJson(dataDir);

    expect(json.code).toBe(1);
    expect(json.report.outbox.setAside).toEqual([aside]);
    expect(json.report.status.problems.map((problem) => problem.code)).toContain('outbox-damaged');
  });
});

describe('status of the fleet heartbeat queue', () => {
  it('says when no heartbeat was queued', async () => {
    const dataDir = path.join(temp.dir, 'fleet-none');
    await installFresh(dataDir);

    const result = await status(dataDir);

    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Fleet heartbeats: none queued in this data folder');
  });

  it('counts waiting, dropped and the last error', async () => {
    const dataDir = path.join(temp.dir, 'fleet-waiting');
    await installFresh(dataDir);
    const queue = openHeartbeatQueue(heartbeatQueuePath(dataDir), { maxQueued: 2 });
    try {
      for (const [index, id] of ['a', 'b', 'c'].entries()) {
        const createdAt = Date.UTC(2026, 4, 12, 8, 15 * index);
        queue.enqueue((carried) => ({ id, body: Buffer.from(id), createdAt, droppedHeartbeats: carried.droppedHeartbeats, incidents: 0, lastIncident: null }));
      }
      queue.recordFailure('b', Date.UTC(2026, 4, 12, 8, 40), 'HTTP 404 malformed: no uploads are taken at "/fleet"');
    } finally {
      queue.close();
    }

    const text = await status(dataDir);
    const json = await statusJson(dataDir);
    const chinese = await status(dataDir, 'zh-CN');

    // A heartbeat queue that waits is no problem of the terminal's data.
    expect(text.code).toBe(0);
    expect(text.stdout).toContain('Fleet heartbeats: 2 waiting for the county, 1 of them after failed attempts; 1 dropped unsent');
    expect(text.stdout).toContain('Oldest waiting heartbeat made 2026-05-12T08:15:00.000Z.');
    expect(text.stdout).toContain('Heartbeat upload error holding back the queue: HTTP 404 malformed');
    expect(json.report.fleet).toMatchObject({ state: 'ok', waiting: 2, retrying: 1, dropped: 1 });
    expect(chinese.stdout).toContain('运行心跳：2 条等待发往县里');
  });
});
