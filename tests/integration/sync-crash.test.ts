// Kills a real `minsheng sync` process (SIGKILL) at spread-out moments while it installs a
// larger snapshot over an existing one. After every kill the installed path must hold one
// complete database, the old or the new version, never a mix and never nothing.
import { spawn } from 'node:child_process';
import { copyFileSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLI, REPO_ROOT, runCli } from '../helpers/cli.js';
import { makeBundle, makeTestKeys, sha256OfFile } from '../helpers/make-bundle.js';
import type { BuiltSnapshot } from '../helpers/make-bundle.js';
import { startNginx } from '../helpers/nginx.js';
import type { RunningNginx } from '../helpers/nginx.js';
import { makeTempDir } from '../helpers/temp.js';

const RUNS = 15;

const temp = makeTempDir();
const www = path.join(temp.dir, 'www');
const kioskDir = path.join(temp.dir, 'kiosk');
const dbFile = path.join(kioskDir, 'snapshot.sqlite');
const trustFile = path.join(temp.dir, 'publisher.pub.pem');
let nginx: RunningNginx;
let oldSnapshot: BuiltSnapshot;
let newSnapshot: BuiltSnapshot;

function syncArgs(): string[] {
  return ['sync', '--source', `${nginx.url}v2/`, '--trust', trustFile, '--db', dbFile];
}

/** Puts the old version back at dbFile, as if version 2 had never been tried. */
function restoreOldVersion(): void {
  rmSync(kioskDir, { recursive: true, force: true });
  mkdirSync(kioskDir, { recursive: true });
  copyFileSync(oldSnapshot.file, dbFile);
}

/** Opens dbFile, runs quick_check and returns its meta version. */
function checkInstalled(): { quickCheck: string; version: number } {
  const db = new Database(dbFile, { readonly: true, fileMustExist: true });
  try {
    const quickCheck = (db.pragma('quick_check') as { quick_check: string }[]).map((row) => row.quick_check).join('; ');
    const row = db.prepare("SELECT value FROM meta WHERE key = 'version'").get() as { value: string };
    return { quickCheck, version: Number(row.value) };
  } finally {
    db.close();
  }
}

/** Starts a sync and SIGKILLs it after delayMs (unless it ended first); returns how it ended. */
async function syncKilledAfter(delayMs: number): Promise<{ killed: boolean; code: number | null }> {
  const child = spawn(process.execPath, [CLI, ...syncArgs()], {
    cwd: REPO_ROOT,
    env: { ...process.env, MINSHENG_LANG: 'en' },
    stdio: 'ignore',
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );

  await Promise.race([sleep(delayMs), exited]);
  if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  const { code, signal } = await exited;
  return { killed: signal === 'SIGKILL', code };
}

beforeAll(async () => {
  const keys = makeTestKeys();
  writeFileSync(trustFile, keys.publicKeyPem);
  oldSnapshot = makeBundle(path.join(www, 'v1'), { version: 1, households: 2, fillerHouseholds: 2000, signWith: keys }).snapshot;
  // About 20,000 persons: several MB of SQLite, so the install takes measurable time.
  newSnapshot = makeBundle(path.join(www, 'v2'), { version: 2, households: 2, fillerHouseholds: 8000, signWith: keys }).snapshot;
  nginx = await startNginx({ root: www });
});

afterAll(async () => {
  await nginx?.stop();
  temp.remove();
});

describe('sync killed mid-install', () => {
  it('always leaves the old or the new complete database', async () => {
    restoreOldVersion();
    const started = performance.now();
    const complete = await runCli(syncArgs());
    const durationMs = performance.now() - started;
    expect(complete.code).toBe(0);
    expect(checkInstalled().version).toBe(2);

    const versionsSeen: number[] = [];
    for (let run = 0; run < RUNS; run += 1) {
      restoreOldVersion();
      // One random moment inside each of RUNS equal slices of an unkilled run's duration.
      const delayMs = ((run + Math.random()) / RUNS) * durationMs;
      const ended = await syncKilledAfter(delayMs);

      const state = checkInstalled();
      const context = `run ${run}, killed after ${Math.round(delayMs)} ms of ${Math.round(durationMs)} ms (killed: ${ended.killed})`;
      expect(state.quickCheck, context).toBe('ok');
      expect([1, 2], context).toContain(state.version);
      const digest = sha256OfFile(dbFile);
      expect([sha256OfFile(oldSnapshot.file), sha256OfFile(newSnapshot.file)], context).toContain(digest);
      versionsSeen.push(state.version);

      const resumed = await runCli(syncArgs());
      expect(resumed.code, `${context}\n${resumed.stderr}`).toBe(0);
      expect(checkInstalled().version, context).toBe(2);
      expect(readdirSync(kioskDir).filter((name) => name.includes('.staging-')), context).toEqual([]);
    }

    // The kills must have landed before the install at least once, or the test proved nothing.
    expect(versionsSeen).toContain(1);
  });
});
