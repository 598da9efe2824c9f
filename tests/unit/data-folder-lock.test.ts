// The data folder's sync lock: one pass at a time, and a lock left by a killed process is taken over.
import { existsSync, utimesSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LOCK_FILE, lockDataFolder } from '../../src-main/core/data-folder/lock.js';
import { syncOnce } from '../../src-main/core/sync/sync.js';
import { makeBundle, makeTestKeys } from '../helpers/make-bundle.js';
import { makeTempDir } from '../helpers/temp.js';

let temp: ReturnType<typeof makeTempDir>;
beforeEach(() => {
  temp = makeTempDir('minsheng-lock-');
});
afterEach(() => temp.remove());

/** Returns the ID of a child process that has already exited, so it is certainly not running. */
function deadPid(): number {
  return spawnSync(process.execPath, ['-e', '']).pid!;
}

describe('data folder lock', () => {
  it('refuses a second holder', async () => {
    const first = await lockDataFolder(temp.dir);
    const second = await lockDataFolder(temp.dir);

    expect(first.acquired).toBe(true);
    expect(second).toEqual({ acquired: false, holder: process.pid });
  });

  it('is free again after release', async () => {
    const first = await lockDataFolder(temp.dir);
    if (first.acquired) await first.release();

    expect(existsSync(path.join(temp.dir, LOCK_FILE))).toBe(false);
    expect((await lockDataFolder(temp.dir)).acquired).toBe(true);
  });

  it('takes over a dead process lock', async () => {
    writeFileSync(path.join(temp.dir, LOCK_FILE), `${deadPid()}\n`);
    expect((await lockDataFolder(temp.dir)).acquired).toBe(true);
  });

  it('takes over an empty lock file', async () => {
    writeFileSync(path.join(temp.dir, LOCK_FILE), '');
    expect((await lockDataFolder(temp.dir)).acquired).toBe(true);
  });

  it('makes concurrent passes install once', async () => {
    const keys = makeTestKeys();
    const bundle = path.join(temp.dir, 'bundle');
    makeBundle(bundle, { version: 1, signWith: keys });
    const dataDir = path.join(temp.dir, 'kiosk');
    const trust = { kind: 'publisher-keys' as const, keys: [keys.publicKey] };

    const outcomes = await Promise.all([1, 2, 3].map(() => syncOnce({ source: bundle, trust, dataDir })));

    expect(outcomes.filter((outcome) => outcome.status === 'installed')).toHaveLength(1);
    expect(outcomes.filter((outcome) => outcome.status === 'failed' && outcome.reason === 'busy')).toHaveLength(2);
    expect(existsSync(path.join(dataDir, LOCK_FILE))).toBe(false);
  });
});

describe('data folder lock after a reboot', () => {
  it('takes over a lock from another boot', async () => {
    // This process is running, but the lock names another boot, so its holder is gone.
    writeFileSync(path.join(temp.dir, LOCK_FILE), `${process.pid} 00000000-0000-0000-0000-000000000000\n`);
    expect((await lockDataFolder(temp.dir)).acquired).toBe(true);
  });

  it('takes over a lock older than any pass', async () => {
    const file = path.join(temp.dir, LOCK_FILE);
    writeFileSync(file, `${process.pid}\n`);
    const longAgo = new Date(Date.now() - 7 * 60 * 60 * 1000);
    utimesSync(file, longAgo, longAgo);
    expect((await lockDataFolder(temp.dir)).acquired).toBe(true);
  });
});

describe('data folder lock contents', () => {
  it('takes over a lock without a boot ID', async () => {
    // Process 1 is always running; a lock naming it without this boot's ID is not a live pass.
    writeFileSync(path.join(temp.dir, LOCK_FILE), '1\n');
    expect((await lockDataFolder(temp.dir)).acquired).toBe(true);
  });

  it('takes over a lock dated in the future', async () => {
    const file = path.join(temp.dir, LOCK_FILE);
    const first = await lockDataFolder(temp.dir);
    expect(first.acquired).toBe(true);
    const future = new Date(Date.now() + 60 * 60 * 1000);
    utimesSync(file, future, future);

    expect((await lockDataFolder(temp.dir)).acquired).toBe(true);
  });

  it('leaves another pass lock on release', async () => {
    const file = path.join(temp.dir, LOCK_FILE);
    const first = await lockDataFolder(temp.dir);
    // Another pass took the lock over meanwhile.
    writeFileSync(file, 'another pass\n');
    if (first.acquired) await first.release();

    expect(existsSync(file)).toBe(true);
  });
});
