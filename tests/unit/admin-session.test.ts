// The admin session against a real data folder: wrong PINs count towards a lockout that
// survives a new session (a restarted kiosk), a clock turned back keeps the pad locked, and
// tokens expire after idle time, one at a time.
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ADMIN_TOKEN_IDLE_SECONDS } from '../../src-shared/admin-api.js';
import { createAdminSession, localTimeText } from '../../src-main/core/admin/admin-session.js';
import type { AdminSession, AdminSettings } from '../../src-main/core/admin/admin-session.js';
import { lockoutFile } from '../../src-main/core/admin/lockout-state.js';
import { STATE_FILE } from '../../src-main/core/data-folder/layout.js';
import { readIncidents } from '../../src-main/core/incidents.js';
import { configureLogging } from '../../src-main/core/log.js';
import { ADMIN_PIN, testPinHash } from '../helpers/admin-terminal.js';
import { makeTempDir } from '../helpers/temp.js';

const START = new Date('2026-06-01T08:00:00.000Z');
const MINUTE = 60_000;
const WRONG_PIN = '135799';

let temp: ReturnType<typeof makeTempDir>;
let dataDir: string;
let settings: AdminSettings;
let now: Date;
let monotonic: number;

function session(admin: AdminSettings | null = settings, folder = dataDir): AdminSession {
  return createAdminSession({ admin, dataDir: folder, clock: () => now, monotonicMs: () => monotonic });
}

async function lockOut(target: AdminSession): Promise<string> {
  for (let attempt = 1; attempt < settings.maxAttempts; attempt += 1) await target.unlock(WRONG_PIN);
  const result = await target.unlock(WRONG_PIN);
  if (result.status !== 'locked') throw new Error(`expected a lockout, got ${JSON.stringify(result)}`);
  return result.until;
}

beforeAll(() => {
  settings = { pinHash: testPinHash(), corner: 'top-left', maxAttempts: 3, lockoutMinutes: 15 };
});

beforeEach(() => {
  temp = makeTempDir('minsheng-admin-session-');
  dataDir = path.join(temp.dir, 'data');
  now = START;
  monotonic = 1_000;
});

afterEach(() => temp.remove());

describe('admin PIN and lockout', () => {
  it('unlocks with the right PIN', async () => {
    const result = await session().unlock(ADMIN_PIN);

    if (result.status !== 'unlocked') throw new Error(`expected unlocked, got ${JSON.stringify(result)}`);
    // 32 random bytes in base64url.
    expect(result.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });

  it('counts wrong PINs down, then locks', async () => {
    const admin = session();

    expect(await admin.unlock(WRONG_PIN)).toEqual({ status: 'wrong-pin', attemptsLeft: 2 });
    expect(await admin.unlock('000000')).toEqual({ status: 'wrong-pin', attemptsLeft: 1 });
    expect(await admin.unlock(WRONG_PIN)).toEqual({ status: 'locked', until: new Date(START.getTime() + 15 * MINUTE).toISOString() });
  });

  it('does not check the right PIN while locked', async () => {
    const admin = session();
    const until = await lockOut(admin);
    now = new Date(START.getTime() + 14 * MINUTE);
    monotonic += 14 * MINUTE;

    expect(await admin.unlock(ADMIN_PIN)).toEqual({ status: 'locked', until });
  });

  it('answers an empty PIN with the state only', async () => {
    const admin = session();
    await admin.unlock(WRONG_PIN);

    expect(await admin.unlock('')).toEqual({ status: 'ready', attemptsLeft: 2 });
    expect(await admin.unlock('')).toEqual({ status: 'ready', attemptsLeft: 2 });
    const until = await lockOut(session());
    expect(await admin.unlock('')).toEqual({ status: 'locked', until });
  });

  it('counts two quick wrong PINs both', async () => {
    const admin = session();
    const results = await Promise.all([admin.unlock(WRONG_PIN), admin.unlock(WRONG_PIN)]);

    expect(results).toEqual([
      { status: 'wrong-pin', attemptsLeft: 2 },
      { status: 'wrong-pin', attemptsLeft: 1 },
    ]);
  });

  it('starts counting afresh after the right PIN', async () => {
    const admin = session();
    await admin.unlock(WRONG_PIN);
    await admin.unlock(WRONG_PIN);
    await admin.unlock(ADMIN_PIN);

    expect(await admin.unlock(WRONG_PIN)).toEqual({ status: 'wrong-pin', attemptsLeft: 2 });
  });

  it('unlocks after the lockout ends', async () => {
    await lockOut(session());
    now = new Date(START.getTime() + 15 * MINUTE);
    const admin = session();

    expect(await admin.unlock(WRONG_PIN)).toEqual({ status: 'wrong-pin', attemptsLeft: 2 });
    expect((await admin.unlock(ADMIN_PIN)).status).toBe('unlocked');
  });

  it('keeps wrong PINs and the lockout across a restart', async () => {
    await session().unlock(WRONG_PIN);
    await session().unlock(WRONG_PIN);
    const locked = await session().unlock(WRONG_PIN);

    expect(locked.status).toBe('locked');
    expect(await session().unlock(ADMIN_PIN)).toEqual(locked);
    expect(JSON.parse(readFileSync(lockoutFile(dataDir), 'utf8'))).toMatchObject({ failures: 0, lockedAt: START.toISOString() });
  });

  it('stays locked when the clock is turned back', async () => {
    await lockOut(session());

    // Back one hour: the time already locked is unknown, so the lockout starts again from now.
    now = new Date(START.getTime() - 60 * MINUTE);
    const restartedUntil = new Date(now.getTime() + 15 * MINUTE).toISOString();
    expect(await session().unlock(ADMIN_PIN)).toEqual({ status: 'locked', until: restartedUntil });

    now = new Date(START.getTime() - 46 * MINUTE);
    expect(await session().unlock(ADMIN_PIN)).toEqual({ status: 'locked', until: restartedUntil });

    now = new Date(START.getTime() - 45 * MINUTE);
    expect((await session().unlock(ADMIN_PIN)).status).toBe('unlocked');
  });

  it('stays locked when the clock is turned back, then forward', async () => {
    const until = await lockOut(session());

    now = new Date(START.getTime() - 24 * 60 * MINUTE);
    expect((await session().unlock(ADMIN_PIN)).status).toBe('locked');
    now = new Date(START.getTime() + MINUTE);
    expect(await session().unlock(ADMIN_PIN)).toEqual({ status: 'locked', until });

    now = new Date(START.getTime() + 15 * MINUTE);
    expect((await session().unlock(ADMIN_PIN)).status).toBe('unlocked');
  });

  it('stays locked when the clock jumps forward in one process', async () => {
    const admin = session();
    await lockOut(admin);
    now = new Date(START.getTime() + 60 * MINUTE);
    monotonic += MINUTE;

    expect(await admin.unlock(ADMIN_PIN)).toEqual({ status: 'locked', until: new Date(now.getTime() + 14 * MINUTE).toISOString() });
    monotonic += 14 * MINUTE;
    expect((await admin.unlock(ADMIN_PIN)).status).toBe('unlocked');
  });

  it('ends the lockout of a running kiosk when the file is deleted', async () => {
    const admin = session();
    await lockOut(admin);
    rmSync(lockoutFile(dataDir));

    expect((await admin.unlock(ADMIN_PIN)).status).toBe('unlocked');
  });

  it('counts time from the newest signed time when the clock is behind it', async () => {
    await lockOut(session());
    // Sync has seen a manifest signed 20 minutes after the lockout began, so that much time has passed.
    mkdirSync(dataDir, { recursive: true });
    const signed = new Date(START.getTime() + 20 * MINUTE).toISOString();
    writeFileSync(path.join(dataDir, STATE_FILE), JSON.stringify({ newestSignedTime: signed, trustedVersions: {} }));
    now = new Date(START.getTime() + MINUTE);

    expect((await session().unlock(ADMIN_PIN)).status).toBe('unlocked');
  });

  it('holds the lockout in memory when the folder cannot be written', async () => {
    // A data folder path below a regular file cannot be created.
    writeFileSync(path.join(temp.dir, 'plain-file'), '');
    const admin = session(settings, path.join(temp.dir, 'plain-file', 'data'));
    const until = await lockOut(admin);

    expect(await admin.unlock(ADMIN_PIN)).toEqual({ status: 'locked', until });
  });

  it('reads a damaged lockout file as no lockout', async () => {
    mkdirSync(dataDir, { recursive: true });
    writeFileSync(lockoutFile(dataDir), '{"failures": "many"');

    expect(await session().unlock(WRONG_PIN)).toEqual({ status: 'wrong-pin', attemptsLeft: 2 });
  });

  it('records an incident for a lockout', async () => {
    const until = await lockOut(session());
    const incidents = await readIncidents(dataDir, 10);

    expect(incidents).toHaveLength(1);
    expect(incidents[0]).toMatchObject({ kind: 'admin-lockout', at: START.toISOString() });
    expect(incidents[0]!.detail).toContain(localTimeText(new Date(until)));
    expect(incidents[0]!.detail).toMatch(/locked until \d{4}-\d\d-\d\d \d\d:\d\d:\d\d [+-]\d\d:\d\d$/);
  });

  it('answers not-configured without an admin section', async () => {
    expect(await session(null).unlock(ADMIN_PIN)).toEqual({ status: 'not-configured' });
  });

  it('never writes the PIN to the log', async () => {
    const logFile = path.join(temp.dir, 'kiosk.log');
    configureLogging({ file: logFile, level: 'debug' });
    try {
      const admin = session();
      await admin.unlock(WRONG_PIN);
      await admin.unlock(ADMIN_PIN);
    } finally {
      configureLogging();
    }

    const text = readFileSync(logFile, 'utf8');
    expect(text).toContain('wrong admin PIN');
    expect(text).toContain('admin screen unlocked');
    expect(text).not.toContain(WRONG_PIN);
    expect(text).not.toContain(ADMIN_PIN);
  });
});

describe('admin session token', () => {
  async function openSession(admin: AdminSession): Promise<string> {
    const result = await admin.unlock(ADMIN_PIN);
    if (result.status !== 'unlocked') throw new Error(`expected unlocked, got ${result.status}`);
    return result.token;
  }

  it('authorizes the open token only', async () => {
    const admin = session();
    const token = await openSession(admin);

    const otherToken = `${token.slice(0, -1)}${token.endsWith('A') ? 'B' : 'A'}`;
    expect(admin.authorize(token)).toBe(true);
    expect(admin.authorize(otherToken)).toBe(false);
    expect(admin.authorize('')).toBe(false);
  });

  it('expires after idle time', async () => {
    const admin = session();
    const token = await openSession(admin);

    monotonic += ADMIN_TOKEN_IDLE_SECONDS * 1000 - 1;
    expect(admin.isOpen()).toBe(true);
    monotonic += 1;
    expect(admin.isOpen()).toBe(false);
    expect(admin.authorize(token)).toBe(false);
  });

  it('restarts the idle time on each call', async () => {
    const admin = session();
    const token = await openSession(admin);

    monotonic += ADMIN_TOKEN_IDLE_SECONDS * 1000 - 1;
    expect(admin.authorize(token)).toBe(true);
    monotonic += ADMIN_TOKEN_IDLE_SECONDS * 1000 - 1;
    expect(admin.authorize(token)).toBe(true);
  });

  it('does not expire while held', async () => {
    const admin = session();
    const token = await openSession(admin);
    const release = admin.hold(token);

    monotonic += 2 * ADMIN_TOKEN_IDLE_SECONDS * 1000;
    expect(admin.isOpen()).toBe(true);
    release?.();
    monotonic += ADMIN_TOKEN_IDLE_SECONDS * 1000 - 1;
    expect(admin.authorize(token)).toBe(true);
    expect(admin.hold('x'.repeat(43))).toBeNull();
  });

  it('ends with lock', async () => {
    const admin = session();
    const token = await openSession(admin);
    admin.lock(token);

    expect(admin.authorize(token)).toBe(false);
    expect(admin.isOpen()).toBe(false);
  });

  it('ignores a lock with another token', async () => {
    const admin = session();
    const token = await openSession(admin);
    admin.lock('x'.repeat(43));

    expect(admin.authorize(token)).toBe(true);
  });

  it('keeps one session at a time', async () => {
    const admin = session();
    const first = await openSession(admin);
    const second = await openSession(admin);

    expect(second).not.toBe(first);
    expect(admin.authorize(first)).toBe(false);
    expect(admin.authorize(second)).toBe(true);
  });

  it('is not kept across a restart', async () => {
    const token = await openSession(session());

    expect(session().authorize(token)).toBe(false);
  });
});
