// Kills a child process that enqueues reports in a loop, 30 times at random points, and checks
// that every enqueue the child reported as committed is still in the outbox exactly once. The
// child runs the compiled module, so run `npm run build:main` first. Replay a failing run with
// OUTBOX_CRASH_SEED set to the printed seed.
import { spawn } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { REPO_ROOT } from '../helpers/cli.js';
import { seededRandom } from '../helpers/crash-random.js';
import { makeTempDir } from '../helpers/temp.js';

const COMPILED_OUTBOX = path.join(REPO_ROOT, 'dist/main/src-main/core/reports/outbox.js');
const KILLS = 30;

// The child enqueues keys from its start number upward and prints each number only after
// enqueue() returned, so a printed number is a committed one. Every seventh new entry also gets a
// failure recorded, so the kill can land inside an update as well as an insert.
const CHILD_SOURCE = `
import { openOutbox } from ${JSON.stringify(pathToFileURL(COMPILED_OUTBOX).href)};
const [file, start] = process.argv.slice(2);
const outbox = openOutbox(file, { random: () => 0.5 });
for (let n = Number(start); ; n++) {
  const key = 'report-' + n;
  const stored = outbox.enqueue({ idempotencyKey: key, sealed: new TextEncoder().encode('sealed ' + n), createdAt: 1_700_000_000_000 + n });
  if (stored && n % 7 === 0) outbox.recordFailure(key, 1_700_000_000_000 + n, 'network down');
  process.stdout.write(n + '\\n');
}
`;

let temp: ReturnType<typeof makeTempDir>;

beforeEach(() => {
  temp = makeTempDir('minsheng-outbox-crash-');
});

afterEach(() => {
  temp.remove();
});

/** Runs the child until it has printed `reportsBeforeKill` numbers, then kills it. Returns every number it printed. */
function runAndKill(childFile: string, outboxFile: string, start: number, reportsBeforeKill: number): Promise<number[]> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [childFile, outboxFile, String(start)], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    let killSent = false;

    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString('utf8');
      if (!killSent && stdout.split('\n').length - 1 >= reportsBeforeKill) {
        killSent = true;
        child.kill('SIGKILL');
      }
    });
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    child.once('error', reject);
    child.once('close', (_code, signal) => {
      if (signal !== 'SIGKILL') {
        reject(new Error(`outbox child ended without being killed (signal ${String(signal)}): ${stderr}`));
        return;
      }
      // A line cut by the kill has no newline and is not counted as reported.
      const complete = stdout.slice(0, stdout.lastIndexOf('\n') + 1);
      resolve(complete.split('\n').filter((line) => line !== '').map(Number));
    });
  });
}

it('outbox keeps committed enqueues across kills', { timeout: 120_000 }, async () => {
  expect(existsSync(COMPILED_OUTBOX), `${COMPILED_OUTBOX} is missing: run npm run build:main`).toBe(true);
  const random = seededRandom('OUTBOX_CRASH_SEED');
  console.log(`OUTBOX_CRASH_SEED=${random.seed}`);

  const childFile = path.join(temp.dir, 'enqueue-loop.mjs');
  writeFileSync(childFile, CHILD_SOURCE);
  const outboxFile = path.join(temp.dir, 'outbox.sqlite');
  const reported = new Set<number>();
  let next = 0;

  for (let kill = 0; kill < KILLS; kill++) {
    // Restarting at the last reported number re-enqueues a key that is surely stored, and the
    // next one may be stored but unreported, so the duplicate path runs after every kill.
    const start = Math.max(next - 1, 0);
    const numbers = await runAndKill(childFile, outboxFile, start, random.integer(1, 200));
    for (const n of numbers) reported.add(n);
    if (numbers.length > 0) next = Math.max(next, numbers[numbers.length - 1]! + 1);
  }

  const db = new Database(outboxFile, { readonly: true });
  expect(db.pragma('integrity_check', { simple: true })).toBe('ok');

  const rows = db.prepare('SELECT idempotency_key AS key, sealed, attempts FROM outbox').all() as {
    key: string;
    sealed: Buffer;
    attempts: number;
  }[];
  db.close();

  const byKey = new Map<string, { sealed: string; attempts: number }[]>();
  for (const row of rows) {
    byKey.set(row.key, [...(byKey.get(row.key) ?? []), { sealed: row.sealed.toString('utf8'), attempts: row.attempts }]);
  }

  expect(reported.size).toBeGreaterThanOrEqual(KILLS);
  for (const n of reported) {
    const copies = byKey.get(`report-${n}`) ?? [];
    expect(copies, `report-${n} was reported committed`).toHaveLength(1);
    expect(copies[0]!.sealed).toBe(`sealed ${n}`);
  }

  // Stored but unreported keys are allowed (killed between commit and print), but nothing else.
  for (const [key, copies] of byKey) {
    expect(key).toMatch(/^report-\d+$/);
    expect(copies).toHaveLength(1);
    expect(copies[0]!.attempts).toBeLessThanOrEqual(1);
  }
});
