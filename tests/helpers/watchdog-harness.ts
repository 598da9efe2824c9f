// Runs the real supervisor in the test process over real child processes (fake-kiosk.mjs, or
// any command), with a temporary data folder, the product's incident log and a log that keeps
// each line with the time it was written, so a test can measure detection and recovery.
import { closeSync, existsSync, mkdirSync, openSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { appendIncident, readIncidents } from '../../src-main/core/incidents.js';
import type { Incident } from '../../src-shared/watchdog-protocol.js';
import type { WatchdogPolicy } from '../../src-main/watchdog/decide.js';
import { startSupervisor } from '../../src-main/watchdog/supervisor.js';
import type { Supervisor, SupervisorLog } from '../../src-main/watchdog/supervisor.js';
import { REPO_ROOT } from './cli.js';
import { makeTempDir } from './temp.js';

export const FAKE_KIOSK_SCRIPT = path.join(REPO_ROOT, 'tests/helpers/fake-kiosk.mjs');

/** Limits short enough for a fast suite: heartbeat 1 s, hang after 2.5 s. */
export const TEST_POLICY: WatchdogPolicy = {
  hangMs: 2_500,
  startGraceMs: 5_000,
  stopGraceMs: 2_000,
  memoryLimitBytes: 256 * 1024 * 1024,
  dailyRestart: null,
  firstBackoffMs: 1_000,
  maxBackoffMs: 5 * 60_000,
  stableRunMs: 10 * 60_000,
};

export interface FakeKioskBehaviour {
  mode: 'healthy' | 'exit-at-start' | 'silent' | 'exit' | 'hang' | 'grow' | 'report-memory';
  afterHeartbeats?: number;
  busy?: boolean;
  exitCode?: number;
  memoryBytes?: number;
  hideMemory?: boolean;
  ignoreSigterm?: boolean;
}

export interface LogEntry {
  level: 'info' | 'warn' | 'error';
  message: string;
  fields: Record<string, unknown>;
  /** Date.now() when the supervisor wrote the line. */
  at: number;
}

export interface FakeKioskEvent {
  start: number;
  pid: number;
  event: string;
  at: number;
}

export interface WatchedKiosk {
  supervisor: Supervisor;
  dataDir: string;
  logs: LogEntry[];
  /** Incidents in the data folder's incident log, oldest first. */
  incidents(): Promise<Incident[]>;
  /** What the fake kiosks wrote to their event file, oldest first. */
  kioskEvents(): FakeKioskEvent[];
  /** Polls until `check` returns a value other than undefined, or fails after `timeoutMs` with the log. */
  waitFor<T>(what: string, check: () => T | undefined | Promise<T | undefined>, timeoutMs?: number): Promise<T>;
  /** Logs with this message, oldest first. */
  logsWith(message: string, fields?: Record<string, unknown>): LogEntry[];
  /** Moves the supervisor's wall clock to `wallMs`; it runs on from there. */
  setWallClock(wallMs: number): void;
  /** Stops the supervisor and removes the temporary folder. */
  close(): Promise<void>;
}

export interface WatchOptions {
  plan?: FakeKioskBehaviour[];
  /** Another kiosk command in place of the fake kiosk. */
  command?: { command: string; args: string[] };
  heartbeatSeconds?: number;
  policy?: Partial<WatchdogPolicy>;
  memorySampleMs?: number;
  /** The supervisor's memory measurement (default: /proc on Linux); `() => null` plays a host where it cannot measure. */
  readMemory?: (pid: number) => number | null;
  /** The wall clock's start; it runs at real speed from there. */
  wallMs?: number;
}

function matches(entry: LogEntry, message: string, fields: Record<string, unknown>): boolean {
  return entry.message === message && Object.entries(fields).every(([key, value]) => entry.fields[key] === value);
}

export async function watchKiosk(options: WatchOptions): Promise<WatchedKiosk> {
  const temp = makeTempDir('minsheng-watchdog-');
  const dataDir = path.join(temp.dir, 'data');
  const stateDir = path.join(temp.dir, 'fake-kiosk');
  mkdirSync(stateDir, { recursive: true });

  const logs: LogEntry[] = [];
  const logAt = (level: LogEntry['level']) => (fields: Record<string, unknown>, message: string) =>
    logs.push({ level, message, fields, at: Date.now() });
  const log: SupervisorLog = { info: logAt('info'), warn: logAt('warn'), error: logAt('error') };

  let wallOffset = options.wallMs === undefined ? 0 : options.wallMs - Date.now();
  const kioskOutput = openSync(path.join(temp.dir, 'kiosk-output.log'), 'a');
  const fakeKiosk = {
    command: process.execPath,
    args: [FAKE_KIOSK_SCRIPT, JSON.stringify({ stateDir, heartbeatSeconds: options.heartbeatSeconds ?? 1, plan: options.plan ?? [{ mode: 'healthy' }] })],
  };
  const { command, args } = options.command ?? fakeKiosk;

  const supervisor = await startSupervisor({
    command,
    args,
    cwd: REPO_ROOT,
    stdio: ['ignore', kioskOutput, kioskOutput],
    policy: { ...TEST_POLICY, ...options.policy },
    tickMs: 100,
    memorySampleMs: options.memorySampleMs ?? 1_000,
    readMemory: options.readMemory,
    wallClock: () => Date.now() + wallOffset,
    log,
    recordIncident: (kind, detail, at) => appendIncident(dataDir, kind, detail, at),
  });

  const eventsFile = path.join(stateDir, 'events.jsonl');
  const watched: WatchedKiosk = {
    supervisor,
    dataDir,
    logs,
    incidents: async () => (await readIncidents(dataDir, 1000)).reverse(),
    kioskEvents: () =>
      existsSync(eventsFile)
        ? readFileSync(eventsFile, 'utf8')
            .split('\n')
            .filter((line) => line !== '')
            .map((line) => JSON.parse(line) as FakeKioskEvent)
        : [],
    async waitFor(what, check, timeoutMs = 20_000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const value = await check();
        if (value !== undefined) return value;
        if (Date.now() > deadline) {
          const lines = logs.map((entry) => `${entry.level} ${entry.message} ${JSON.stringify(entry.fields)}`).join('\n');
          throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}; supervisor log:\n${lines}`);
        }
        await sleep(50);
      }
    },
    logsWith: (message, fields = {}) => logs.filter((entry) => matches(entry, message, fields)),
    setWallClock(wallMs) {
      wallOffset = wallMs - Date.now();
    },
    async close() {
      supervisor.stop('test end');
      await supervisor.finished;
      // Each restart hands this descriptor to the new kiosk, so it stays open until the end.
      closeSync(kioskOutput);
      temp.remove();
    },
  };
  return watched;
}
