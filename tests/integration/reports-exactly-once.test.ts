// 1,000 reports filed at a kiosk arrive at the county receiver exactly once. The kiosk is killed
// with SIGKILL at random points, and its uploads go through a network that keeps switching between
// up, refusing connections, hanging, and cutting responses after the receiver stored the report.
//
// The kiosk is report-kiosk.mjs: the compiled kiosk service built from a terminal config, filing
// reports whose text carries their number. The receiver is startReceiver with its SQLite file,
// behind the switching proxy of report-network.ts. After each kill the kiosk restarts on the same
// data folder and files again from the first number it did not acknowledge. Once all 1,000 are
// acknowledged the network stays up until the outbox has no undelivered entry, and the receiver's
// reports are opened with the commission's private key by the export.
//
// A report killed while being filed (the kiosk wrote "filing N" but not "filed N") may or may not
// be in the outbox. A villager who saw no receipt files again, so number N is filed a second time
// on purpose. After every kill the test reads the outbox. A key in it that the kiosk never
// acknowledged can come only from such a kill, and it is expected at the receiver as a second
// report with number N. Every other number must arrive once.
//
// Replay a run with MINSHENG_REPORTS_SEED=<printed seed>. Kill and switch times come from the
// seed, but where they land depends on the machine's speed. Needs `npm run build:main` first.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { translatorFor } from '../../src-shared/messages/translator.js';
import { outboxPath } from '../../src-main/core/data-folder/layout.js';
import { configureLogging } from '../../src-main/core/log.js';
import { generateRecipientKeyPair, parseRecipientKeyPem, parseRecipientPrivateKeyPem } from '../../src-main/core/reports/seal.js';
import { exportReports } from '../../src-main/publisher/receiver/export.js';
import type { ExportFailure, ExportedReport } from '../../src-main/publisher/receiver/export.js';
import { startReceiver } from '../../src-main/publisher/receiver/server.js';
import type { RunningReceiver } from '../../src-main/publisher/receiver/server.js';
import { REPO_ROOT } from '../helpers/cli.js';
import { seededRandom } from '../helpers/crash-random.js';
import { startReportKiosk } from '../helpers/report-kiosk-process.js';
import type { KioskLine, ReportKioskOptions, ReportKioskProcess } from '../helpers/report-kiosk-process.js';
import { NETWORK_MODES, startReportNetwork } from '../helpers/report-network.js';
import type { NetworkMode, ReportNetwork } from '../helpers/report-network.js';
import { makeTempDir } from '../helpers/temp.js';

const TARGET_REPORTS = 1000;
// A kill is armed once the kiosk acknowledged this many reports since its start, drawn from 0 up.
const MAX_FILINGS_BEFORE_KILL = 16;
// Short timeouts and backoff, so a report waits tens of milliseconds between attempts, not minutes.
const UPLOAD: ReportKioskOptions['upload'] = { timeoutMs: 250, intervalMs: 100, outbox: { baseDelayMs: 20, maxDelayMs: 250 } };
const MAX_PAUSE_MS = 6;
// Each network mode lasts 20 to 250 ms, and up is picked as often as the three faults together.
const MODE_WEIGHTS: Record<NetworkMode, number> = { up: 3, refuse: 1, hang: 1, cut: 1 };
const TEST_TIMEOUT_MS = 600_000;

const COMPILED_SERVICE = path.join(REPO_ROOT, 'dist/main/src-main/core/kiosk-service.js');
type KillPhase = 'startup' | 'filing' | 'uploading' | 'between';
// What a kill aims at. Where it lands is classified after the exit, from what the kiosk wrote and
// whether an upload was in flight at the proxy when the signal was sent.
type KillTarget = 'filing' | 'uploading' | 'between';

const random = seededRandom('MINSHENG_REPORTS_SEED');
const temp = makeTempDir('minsheng-reports-once-');
const dataDir = path.join(temp.dir, 'kiosk', 'data');
const configFile = path.join(temp.dir, 'kiosk', 'kiosk.json');
const receiverDb = path.join(temp.dir, 'county', 'reports.sqlite');
const receiverLog = path.join(temp.dir, 'county', 'receiver.log');
const kioskLog = path.join(temp.dir, 'kiosk.log');
const keyPair = generateRecipientKeyPair('x25519');
let receiver: RunningReceiver;
let network: ReportNetwork;
/** The kiosk running now, killed in afterAll when a failure left it running. */
let runningKiosk: ReportKioskProcess | null = null;

interface Acknowledged {
  number: number;
  caseNumber: string;
  idempotencyKey: string;
}

/** Reports the kiosk acknowledged ("filed"), by idempotency key. */
const acknowledged = new Map<string, Acknowledged>();
/** Keys found in the outbox after a kill during filing, before the kiosk acknowledged them, with their report number. */
const unacknowledged = new Map<string, number>();
const kills: Record<KillPhase, number> = { startup: 0, filing: 0, uploading: 0, between: 0 };
const exported: { exported: ExportedReport[]; failures: ExportFailure[] } = { exported: [], failures: [] };
let runMs = 0;

/** Reads every key in the outbox, or none when the kiosk was killed before creating its table. */
function outboxKeys(): { key: string; delivered: boolean }[] {
  const file = outboxPath(dataDir);
  if (!existsSync(file)) return [];
  // This connection only reads. It is opened read-write so that SQLite can run WAL recovery,
  // which writes the shared-memory index, for the outbox of a killed kiosk.
  const db = new Database(file, { fileMustExist: true });
  try {
    const table = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name = 'outbox'").get();
    if (table === undefined) return [];

    const rows = db.prepare('SELECT idempotency_key AS key, delivered_at AS deliveredAt FROM outbox').all() as { key: string; deliveredAt: number | null }[];
    return rows.map((row) => ({ key: row.key, delivered: row.deliveredAt !== null }));
  } finally {
    db.close();
  }
}

function pickMode(): NetworkMode {
  const total = NETWORK_MODES.reduce((sum, mode) => sum + MODE_WEIGHTS[mode], 0);
  let draw = random.next() * total;
  for (const mode of NETWORK_MODES) {
    draw -= MODE_WEIGHTS[mode];
    if (draw < 0) return mode;
  }
  return 'up';
}

/** Switches the network to a random mode every 20 to 250 ms until stopped. */
function startSwitching(): { stop(): Promise<void> } {
  let running = true;
  const loop = (async () => {
    while (running) {
      await network.setMode(pickMode());
      await sleep(random.integer(20, 250));
    }
  })();
  return {
    async stop() {
      running = false;
      await loop;
    },
  };
}

type EpisodeEnd = { kind: 'killed'; phase: KillPhase; lines: KioskLine[] } | { kind: 'all-filed'; kiosk: ReportKioskProcess };

/**
 * Starts the kiosk at report `first` and kills it at `target` once it acknowledged
 * `filingsBeforeKill` reports. Returns after the kill, or with the running kiosk when it filed the
 * last report first. A null target never kills.
 */
async function runEpisode(first: number, target: KillTarget | null, filingsBeforeKill: number): Promise<EpisodeEnd> {
  const kiosk = startReportKiosk(
    { config: configFile, first, last: TARGET_REPORTS, seed: random.integer(0, 2 ** 32 - 1), maxPauseMs: MAX_PAUSE_MS, upload: UPLOAD },
    kioskLog,
  );
  runningKiosk = kiosk;
  let filed = 0;
  let armed = false;
  let disarmed = false;
  let killSent = false;
  let uploadInFlightAtKill = false;
  const timers: NodeJS.Timeout[] = [];
  let removeRequestListener = (): void => undefined;

  const kill = () => {
    if (killSent || disarmed) return;
    killSent = true;
    uploadInFlightAtKill = network.requestsInFlight() > 0;
    kiosk.kill();
  };
  const killSoon = (maxDelayMs: number) => timers.push(setTimeout(kill, random.integer(0, maxDelayMs)));

  const arm = () => {
    armed = true;
    if (target === 'between') killSoon(15);
    // A few milliseconds after the request started, so some kills land after the receiver stored it.
    if (target === 'uploading') {
      if (network.requestsInFlight() > 0) killSoon(8);
      else removeRequestListener = network.onRequest(() => killSoon(8));
    }
  };

  let resolveAllFiled!: () => void;
  const allFiled = new Promise<void>((resolve) => (resolveAllFiled = resolve));
  kiosk.onLine((line) => {
    if (line.kind === 'filed') {
      filed += 1;
      acknowledged.set(line.idempotencyKey, { number: line.number, caseNumber: line.caseNumber, idempotencyKey: line.idempotencyKey });
    }
    if (line.kind === 'done') resolveAllFiled();
    if (target !== null && !armed && filed >= filingsBeforeKill) arm();
    if (armed && target === 'filing' && line.kind === 'filing') kill();
  });
  if (target !== null && filingsBeforeKill === 0) arm();

  const end = await Promise.race([kiosk.exited.then(() => 'exited' as const), allFiled.then(() => 'all-filed' as const)]);
  for (const timer of timers) clearTimeout(timer);
  removeRequestListener();

  if (end === 'all-filed' && !killSent) {
    disarmed = true;
    return { kind: 'all-filed', kiosk };
  }
  const exit = await kiosk.exited;
  if (exit.signal !== 'SIGKILL') {
    throw new Error(`the kiosk exited without being killed (code ${String(exit.code)}, signal ${String(exit.signal)}); read its log in ${kioskLog}`);
  }

  const last = kiosk.lines.at(-1);
  let phase: KillPhase = 'between';
  if (!kiosk.lines.some((line) => line.kind === 'ready')) phase = 'startup';
  else if (last?.kind === 'filing') phase = 'filing';
  else if (uploadInFlightAtKill) phase = 'uploading';
  return { kind: 'killed', phase, lines: kiosk.lines };
}

/** Finds a key the kiosk stored but never acknowledged. Only a kill during filing may leave one. */
function recordUnacknowledgedKey(end: Extract<EpisodeEnd, { kind: 'killed' }>): void {
  const unknown = outboxKeys()
    .map((row) => row.key)
    .filter((key) => !acknowledged.has(key) && !unacknowledged.has(key));
  expect(unknown.length, `outbox keys nobody acknowledged: ${unknown.join(', ')}`).toBeLessThanOrEqual(1);
  if (unknown.length === 0) return;

  expect(end.phase, `key ${unknown[0]} appeared after a kill that was not during filing`).toBe('filing');
  const last = end.lines.at(-1) as Extract<KioskLine, { kind: 'filing' }>;
  unacknowledged.set(unknown[0]!, last.number);
}

function receiverLogLines(): { msg: string; status?: string }[] {
  return readFileSync(receiverLog, 'utf8')
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => JSON.parse(line) as { msg: string; status?: string });
}

function numberInText(text: string): number {
  const match = /第 (\d+) 号/.exec(text);
  if (!match) throw new Error(`exported report text ${JSON.stringify(text)} carries no report number`);
  return Number(match[1]);
}

beforeAll(async () => {
  expect(existsSync(COMPILED_SERVICE), `${COMPILED_SERVICE} is missing: run npm run build:main`).toBe(true);
  console.log(`reports exactly-once test: seed ${random.seed} (replay with MINSHENG_REPORTS_SEED=${random.seed})`);

  configureLogging({ file: receiverLog, level: 'info' });
  // Every kiosk of this test uploads from 127.0.0.1, so the per-address limit is lifted.
  receiver = await startReceiver({
    dbFile: receiverDb,
    commissionKey: parseRecipientKeyPem(keyPair.publicKeyPem),
    port: 0,
    uploadsPerMinute: Number.MAX_SAFE_INTEGER,
  });
  network = await startReportNetwork(receiver.url);

  mkdirSync(path.dirname(configFile), { recursive: true });
  writeFileSync(path.join(temp.dir, 'kiosk', 'commission.pub.pem'), keyPair.publicKeyPem);
  writeFileSync(
    configFile,
    JSON.stringify({
      terminalId: 'jinhe-01',
      terminalName: '锦和镇便民服务中心 1 号机',
      regionCode: '431226',
      dataDir: 'data',
      sync: { source: '.', trust: 'pub.pem' },
      reporting: { reportUrl: 'https://report.example/', commissionKey: 'commission.pub.pem', uploadUrl: network.url },
    }),
  );

  const started = performance.now();
  const switching = startSwitching();
  let survivor: ReportKioskProcess | null = null;
  try {
    while (survivor === null) {
      const first = acknowledged.size + 1;
      const target = first > TARGET_REPORTS ? null : random.pick(['filing', 'uploading', 'between'] as const);
      const end = await runEpisode(first, target, random.integer(0, MAX_FILINGS_BEFORE_KILL));
      if (end.kind === 'all-filed') {
        survivor = end.kiosk;
      } else {
        kills[end.phase] += 1;
        recordUnacknowledgedKey(end);
      }
    }
  } finally {
    await switching.stop();
  }

  // Every report is acknowledged, so with the network up the outbox must drain.
  await network.setMode('up');
  await vi.waitFor(() => expect(outboxKeys().filter((row) => !row.delivered)).toEqual([]), { timeout: 120_000, interval: 100 });
  const exit = await survivor.stop();
  expect(exit.code, `the kiosk did not stop cleanly on SIGTERM; see ${kioskLog}`).toBe(0);
  runMs = performance.now() - started;

  await receiver.close();
  const privateKey = parseRecipientPrivateKeyPem(keyPair.privateKeyPem);
  await exportReports({
    dbFile: receiverDb,
    privateKeys: [privateKey],
    outDir: path.join(temp.dir, 'export'),
    since: null,
    force: false,
    department: '',
    t: translatorFor('en'),
    onReport: (report) => exported.exported.push(report),
    onFailure: (failure) => exported.failures.push(failure),
  });
}, TEST_TIMEOUT_MS);

afterAll(async () => {
  runningKiosk?.kill();
  await runningKiosk?.exited;
  await network?.close();
  await receiver?.close();
  configureLogging({ level: 'silent' });
  temp.remove();
});

describe('reports under kills and network faults', () => {
  it('prints what the run measured', () => {
    const requests = [...network.stats.requestsByKey.values()];
    const duplicatesAnswered = receiverLogLines().filter((line) => line.msg === 'upload accepted' && line.status === 'duplicate').length;
    const failedAttempts = readFileSync(kioskLog, 'utf8').split('\n').filter((line) => line.includes('"report upload failed; it will be retried"')).length;
    console.log(
      [
        `seed ${random.seed}, run ${(runMs / 1000).toFixed(1)} s`,
        `reports acknowledged ${acknowledged.size}, stored but unacknowledged ${unacknowledged.size}, at the receiver ${exported.exported.length}`,
        `kills ${JSON.stringify(kills)}`,
        `network switches ${JSON.stringify(network.stats.switches)}, connections ${JSON.stringify(network.stats.connections)}`,
        `upload requests ${requests.reduce((sum, count) => sum + count, 0)}, keys sent more than once ${requests.filter((count) => count > 1).length}`,
        `hung requests ${network.stats.hung}, responses cut ${network.stats.cut}, failed attempts logged by kiosks ${failedAttempts}`,
        `duplicates answered by the receiver ${duplicatesAnswered}, of which reached a kiosk ${network.stats.forwardedByStatus.get(200) ?? 0}`,
      ].join('\n'),
    );
    expect(acknowledged.size).toBe(TARGET_REPORTS);
  });

  it('acknowledges every number once', () => {
    const numbers = [...acknowledged.values()].map((report) => report.number).sort((a, b) => a - b);

    expect(numbers).toEqual(Array.from({ length: TARGET_REPORTS }, (_, index) => index + 1));
  });

  it('stores every filed report once', () => {
    const expectedKeys = new Set([...acknowledged.keys(), ...unacknowledged.keys()]);
    const storedKeys = exported.exported.map((report) => report.stored.idempotencyKey);
    const stored = new Set(storedKeys);

    expect(exported.failures).toEqual([]);
    expect(stored.size, 'keys stored more than once').toBe(storedKeys.length);
    expect([...expectedKeys].filter((key) => !stored.has(key)), 'filed but missing at the receiver').toEqual([]);
    expect(storedKeys.filter((key) => !expectedKeys.has(key)), 'stored but never filed').toEqual([]);
  });

  it('stores each report under its number', () => {
    for (const { stored, content } of exported.exported) {
      const key = stored.idempotencyKey;
      const report = acknowledged.get(key);
      const expectedNumber = report?.number ?? unacknowledged.get(key);

      expect(numberInText(content.text), `report ${key}`).toBe(expectedNumber);
      if (report) expect(content.caseNumber, `report ${key}`).toBe(report.caseNumber);
    }
  });

  it('repeats only numbers refiled after a kill', () => {
    const copies = new Map<number, number>();
    for (const { content } of exported.exported) {
      const number = numberInText(content.text);
      copies.set(number, (copies.get(number) ?? 0) + 1);
    }
    const refiled = new Map<number, number>();
    for (const number of unacknowledged.values()) refiled.set(number, (refiled.get(number) ?? 0) + 1);

    for (let number = 1; number <= TARGET_REPORTS; number += 1) {
      expect(copies.get(number), `report number ${number}`).toBe(1 + (refiled.get(number) ?? 0));
    }
  });

  it('leaves the outbox delivered', () => {
    const rows = outboxKeys();

    expect(rows.filter((row) => !row.delivered)).toEqual([]);
    expect(rows).toHaveLength(acknowledged.size + unacknowledged.size);
  });

  it('reports retries as duplicates', () => {
    const lines = receiverLogLines();
    const duplicates = lines.filter((line) => line.msg === 'upload accepted' && line.status === 'duplicate');

    expect(duplicates.length).toBeGreaterThan(0);
    expect(network.stats.forwardedByStatus.get(200) ?? 0).toBeGreaterThan(0);
    expect(lines.filter((line) => line.msg === 'upload rejected' || line.msg === 'upload not stored')).toEqual([]);
  });

  it('injects every network fault', () => {
    expect(network.stats.switches.refuse).toBeGreaterThan(0);
    expect(network.stats.hung).toBeGreaterThan(0);
    expect(network.stats.cut).toBeGreaterThan(0);
  });

  it.each(['filing', 'uploading', 'between'] as const)('kills the kiosk while %s', (phase) => {
    expect(kills[phase]).toBeGreaterThan(0);
  });
});
