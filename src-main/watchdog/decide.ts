// The supervisor's decisions as a pure function: (state, event, now) -> (state, actions). The
// process layer (supervisor.ts) turns real child processes, socket messages and timer ticks into
// events and carries out the actions, so tests drive every decision here with a fake clock.
import type { HeartbeatMessage } from '../../src-shared/watchdog-protocol.js';
import { TECHNICIAN_EXIT_CODE } from '../../src-shared/watchdog-protocol.js';
import { windowOccurrence } from './daily-window.js';
import type { DailyWindow } from './daily-window.js';

/** Kinds of incident the supervisor records, one per restart or end of supervision. */
export const SUPERVISOR_INCIDENT_KINDS = [
  'crash',
  'hang',
  'memory',
  'daily-restart',
  'daily-restart-skipped',
  'technician-exit',
  'start-failed',
] as const;
export type SupervisorIncidentKind = (typeof SUPERVISOR_INCIDENT_KINDS)[number];

/** Errors of starting the kiosk that no retry can mend: the program is missing or not executable. */
const PERMANENT_SPAWN_ERRORS = new Set(['ENOENT', 'EACCES']);

export interface WatchdogPolicy {
  /** No heartbeat for this long counts as a hang. */
  hangMs: number;
  /** A kiosk that sends no first heartbeat within this long of its start counts as hung. */
  startGraceMs: number;
  /** Time between SIGTERM and SIGKILL when stopping the kiosk. */
  stopGraceMs: number;
  memoryLimitBytes: number;
  dailyRestart: DailyWindow | null;
  /** Delay before the second restart in a row; each further one doubles it, up to maxBackoffMs. */
  firstBackoffMs: number;
  maxBackoffMs: number;
  /** A run at least this long resets the crash-loop backoff. */
  stableRunMs: number;
  /**
   * A tick that comes more than this long after the one before means the supervisor itself was
   * stopped (SIGSTOP, a suspended machine, a swap storm), and the kiosk's heartbeats may still wait
   * unread in the socket. The kiosk then gets a fresh hang limit from that tick instead of being
   * blamed for the gap. Unset: no such check.
   */
  stallMs?: number;
}

/**
 * A reading of both clocks. Limits are measured on the monotonic clock, so a wall clock set by
 * NTP or by hand cannot fake a hang. Only the daily window reads the wall clock.
 */
export interface Now {
  monotonicMs: number;
  wallMs: number;
}

export type StopReason = 'hang' | 'memory' | 'daily-restart' | 'shutdown';

export interface KioskRun {
  /** Number of this start; events of an older child carry an older number and are ignored. */
  generation: number;
  /** Null until the operating system has started the process. */
  pid: number | null;
  startedAtMs: number;
  startedAtWallMs: number;
  firstHeartbeatAtMs: number | null;
  lastHeartbeatAtMs: number | null;
  /** The tick after the supervisor's latest stall; the hang and start limits count from it when later. */
  resumedAtMs: number | null;
  heartbeatCount: number;
  /** The busy flag of the newest heartbeat; null before the first one. */
  busy: boolean | null;
  reportedMemoryBytes: number | null;
  sampledMemoryBytes: number | null;
  stopping: { reason: StopReason; detail: string; sentAtMs: number; killed: boolean } | null;
}

export interface SupervisorState {
  mode: 'supervising' | 'shutting-down' | 'finished';
  generation: number;
  run: KioskRun | null;
  /** When the next start is due, while a restart waits out its backoff. */
  nextStartAtMs: number | null;
  /** Failed runs in a row, each shorter than stableRunMs; it sets the backoff. */
  failureStreak: number;
  /** The daily window occurrence (its local start date) in which the kiosk was restarted. */
  dailyDoneFor: string | null;
  /** The occurrence in which a daily restart is waiting for the kiosk to become idle. */
  dailyPendingFor: string | null;
  /** When the previous tick came, to notice a stall of the supervisor (policy.stallMs). */
  lastTickAtMs: number | null;
}

export type SupervisorEvent =
  | { type: 'begin' }
  | { type: 'spawned'; generation: number; pid: number }
  | { type: 'spawn-failed'; generation: number; error: string; code?: string }
  | { type: 'exited'; generation: number; code: number | null; signal: string | null }
  | { type: 'heartbeat'; generation: number; message: HeartbeatMessage }
  | { type: 'memory-sample'; generation: number; bytes: number }
  | { type: 'tick' }
  | { type: 'shutdown'; signal: string };

export type LogLevel = 'info' | 'warn' | 'error';

export type SupervisorAction =
  | { type: 'start'; generation: number }
  | { type: 'signal'; generation: number; pid: number; signal: 'SIGTERM' | 'SIGKILL' }
  | { type: 'incident'; kind: SupervisorIncidentKind; detail: string }
  | { type: 'log'; level: LogLevel; message: string; fields: Record<string, unknown> }
  | { type: 'finish'; exitCode: number };

export interface Decision {
  state: SupervisorState;
  actions: SupervisorAction[];
}

export function initialState(): SupervisorState {
  return {
    mode: 'supervising',
    generation: 0,
    run: null,
    nextStartAtMs: null,
    failureStreak: 0,
    dailyDoneFor: null,
    dailyPendingFor: null,
    lastTickAtMs: null,
  };
}

/** Delay before a restart after `streak` earlier failures in a row: 0, then first, doubling to max. */
export function backoffDelayMs(streak: number, policy: Pick<WatchdogPolicy, 'firstBackoffMs' | 'maxBackoffMs'>): number {
  if (streak <= 0) return 0;
  // 2^30 times any sensible first delay is far above the cap, and keeps the power finite.
  return Math.min(policy.firstBackoffMs * 2 ** Math.min(streak - 1, 30), policy.maxBackoffMs);
}

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)} s`;
}

function megabytes(bytes: number): string {
  return `${Math.round(bytes / (1024 * 1024))} MB`;
}

/** Applies one event; the input state is not changed. */
export function decide(previous: SupervisorState, event: SupervisorEvent, now: Now, policy: WatchdogPolicy): Decision {
  const state: SupervisorState = { ...previous, run: previous.run && { ...previous.run } };
  const actions: SupervisorAction[] = [];
  if (state.mode === 'finished') return { state, actions };

  const log = (level: LogLevel, message: string, fields: Record<string, unknown> = {}) => actions.push({ type: 'log', level, message, fields });

  function start(): void {
    state.generation += 1;
    state.nextStartAtMs = null;
    state.run = {
      generation: state.generation,
      pid: null,
      startedAtMs: now.monotonicMs,
      startedAtWallMs: now.wallMs,
      firstHeartbeatAtMs: null,
      lastHeartbeatAtMs: null,
      resumedAtMs: null,
      heartbeatCount: 0,
      busy: null,
      reportedMemoryBytes: null,
      sampledMemoryBytes: null,
      stopping: null,
    };
    actions.push({ type: 'start', generation: state.generation });
  }

  function stop(run: KioskRun, reason: StopReason, detail: string): void {
    run.stopping = { reason, detail, sentAtMs: now.monotonicMs, killed: false };
    log(reason === 'shutdown' || reason === 'daily-restart' ? 'info' : 'warn', 'stopping the kiosk', { reason, kioskPid: run.pid, detail });
    if (run.pid !== null) actions.push({ type: 'signal', generation: run.generation, pid: run.pid, signal: 'SIGTERM' });
  }

  function finish(exitCode = 0): void {
    state.mode = 'finished';
    state.run = null;
    state.nextStartAtMs = null;
    actions.push({ type: 'finish', exitCode });
  }

  /** Counts a failed run and schedules the next start; returns the delay and the failures in a row. */
  function scheduleRestart(runMs: number, failed: boolean): { delayMs: number; streak: number } {
    if (runMs >= policy.stableRunMs) state.failureStreak = 0;
    const delayMs = failed ? backoffDelayMs(state.failureStreak, policy) : 0;
    if (failed) state.failureStreak += 1;
    state.run = null;
    state.nextStartAtMs = now.monotonicMs + delayMs;
    return { delayMs, streak: state.failureStreak };
  }

  function startIfDue(): void {
    if (state.mode === 'supervising' && state.run === null && state.nextStartAtMs !== null && now.monotonicMs >= state.nextStartAtMs) start();
  }

  function checkDailyWindow(): void {
    const window = policy.dailyRestart;
    if (window === null) return;
    const occurrence = windowOccurrence(window, now.wallMs);
    const run = state.run;

    if (occurrence === null) {
      if (state.dailyPendingFor !== null) {
        const why = run?.busy === true ? 'while the kiosk was busy' : 'without a heartbeat saying the kiosk was idle';
        const detail = `the daily restart window ${window.from}-${window.to} of ${state.dailyPendingFor} ended ${why}; no restart that day`;
        actions.push({ type: 'incident', kind: 'daily-restart-skipped', detail });
        log('warn', 'daily restart skipped', { window, occurrence: state.dailyPendingFor });
        state.dailyPendingFor = null;
      }
      return;
    }
    if (occurrence === state.dailyDoneFor) return;

    // A kiosk started inside this occurrence (after a crash, or with the supervisor) is fresh already.
    if (run !== null && windowOccurrence(window, run.startedAtWallMs) === occurrence) {
      state.dailyDoneFor = occurrence;
      state.dailyPendingFor = null;
      return;
    }

    const idle = run !== null && run.stopping === null && run.pid !== null && run.lastHeartbeatAtMs !== null && run.busy === false;
    if (idle) {
      state.dailyDoneFor = occurrence;
      state.dailyPendingFor = null;
      stop(run, 'daily-restart', `daily restart in the window ${window.from}-${window.to} of ${occurrence}`);
      return;
    }
    if (state.dailyPendingFor !== occurrence) {
      log('info', 'daily restart waits until the kiosk is idle', { window, occurrence, busy: run?.busy ?? null });
      state.dailyPendingFor = occurrence;
    }
  }

  function checkRun(run: KioskRun): void {
    if (run.stopping !== null) {
      if (!run.stopping.killed && run.pid !== null && now.monotonicMs - run.stopping.sentAtMs >= policy.stopGraceMs) {
        run.stopping.killed = true;
        log('warn', 'the kiosk ignored SIGTERM; sending SIGKILL', { kioskPid: run.pid, graceMs: policy.stopGraceMs });
        actions.push({ type: 'signal', generation: run.generation, pid: run.pid, signal: 'SIGKILL' });
      }
      return;
    }
    if (run.pid === null) return;

    if (run.lastHeartbeatAtMs === null) {
      const waitedMs = now.monotonicMs - Math.max(run.startedAtMs, run.resumedAtMs ?? -Infinity);
      if (waitedMs >= policy.startGraceMs) {
        stop(run, 'hang', `pid ${run.pid} sent no first heartbeat within ${seconds(waitedMs)} of its start (limit ${seconds(policy.startGraceMs)})`);
      }
      return;
    }

    const silentMs = now.monotonicMs - Math.max(run.lastHeartbeatAtMs, run.resumedAtMs ?? -Infinity);
    if (silentMs >= policy.hangMs) {
      stop(run, 'hang', `pid ${run.pid} sent no heartbeat for ${seconds(silentMs)} (limit ${seconds(policy.hangMs)})`);
    }
  }

  // One figure decides: the supervisor's measurement of the process tree (Pss on Linux) where it
  // has one, else the kiosk's own report (the resident size of its main process). The two differ
  // by tens of MB, and taking the larger would restart a kiosk that the measurement finds within
  // the limit. The supervisor measures as soon as the kiosk has started, before its first
  // heartbeat, so on Linux the report never decides.
  function checkMemory(run: KioskRun): void {
    if (run.stopping !== null) return;
    const measured = run.sampledMemoryBytes !== null;
    const bytes = run.sampledMemoryBytes ?? run.reportedMemoryBytes ?? 0;
    if (bytes <= policy.memoryLimitBytes) return;

    const source = measured ? 'measured by the supervisor in its process tree' : 'reported by the kiosk';
    const detail =
      `pid ${run.pid} uses ${megabytes(bytes)} (${source}), over the limit of ${megabytes(policy.memoryLimitBytes)}; ` +
      `last reported ${megabytes(run.reportedMemoryBytes ?? 0)}, last measured ${measured ? megabytes(bytes) : 'none'}`;
    stop(run, 'memory', detail);
  }

  function onExit(run: KioskRun, code: number | null, signal: string | null): void {
    const runMs = now.monotonicMs - run.startedAtMs;
    const how = code !== null ? `exit code ${code}` : `signal ${signal ?? 'unknown'}`;
    const stopping = run.stopping;
    log(stopping === null ? 'warn' : 'info', 'kiosk exited', { kioskPid: run.pid, code, signal, runMs });

    if (state.mode === 'shutting-down') {
      if (stopping !== null && stopping.reason !== 'shutdown') {
        actions.push({ type: 'incident', kind: stopping.reason, detail: `${stopping.detail}; stopped (${how}); not restarted because the supervisor is stopping` });
      }
      finish();
      return;
    }

    if (stopping === null && code === TECHNICIAN_EXIT_CODE) {
      actions.push({ type: 'incident', kind: 'technician-exit', detail: `pid ${run.pid} exited with code ${code} (exit to desktop by a technician); supervision ended` });
      finish();
      return;
    }

    const kind: SupervisorIncidentKind = stopping === null ? 'crash' : (stopping.reason as Exclude<StopReason, 'shutdown'>);
    const { delayMs, streak } = scheduleRestart(runMs, kind !== 'daily-restart');
    const cause =
      stopping === null
        ? `pid ${run.pid} exited with ${how} after ${seconds(runMs)}`
        : `${stopping.detail}; stopped with ${stopping.killed ? 'SIGKILL after SIGTERM' : 'SIGTERM'} (${how})`;
    const backoff = kind === 'daily-restart' ? 'restarting now' : `failures in a row: ${streak}; restarting in ${seconds(delayMs)}`;
    actions.push({ type: 'incident', kind, detail: `${cause}; ${backoff}` });
    startIfDue();
  }

  const run = state.run;
  const current = (generation: number): KioskRun | null => (run !== null && run.generation === generation ? run : null);

  switch (event.type) {
    case 'begin':
      if (run === null && state.generation === 0) start();
      break;

    case 'spawned': {
      const target = current(event.generation);
      if (target === null) break;
      target.pid = event.pid;
      log('info', 'kiosk started', { kioskPid: event.pid, generation: event.generation });
      if (state.mode === 'shutting-down') stop(target, 'shutdown', 'the supervisor was stopped while the kiosk was starting');
      break;
    }

    case 'spawn-failed': {
      if (current(event.generation) === null) break;
      if (state.mode === 'shutting-down') {
        finish();
        break;
      }
      // A program that does not exist or may not be run will not start on a retry. The
      // supervisor exits with code 1, so the failure shows to a technician or to systemd.
      if (event.code !== undefined && PERMANENT_SPAWN_ERRORS.has(event.code)) {
        log('error', 'kiosk cannot be started; supervision ends', { error: event.error, code: event.code });
        actions.push({ type: 'incident', kind: 'start-failed', detail: `${event.error}; the kiosk program is missing or may not be run; supervision ended` });
        finish(1);
        break;
      }
      const { delayMs, streak } = scheduleRestart(0, true);
      log('error', 'kiosk could not be started', { error: event.error });
      actions.push({ type: 'incident', kind: 'start-failed', detail: `${event.error}; failures in a row: ${streak}; retrying in ${seconds(delayMs)}` });
      startIfDue();
      break;
    }

    case 'exited': {
      const target = current(event.generation);
      if (target !== null) onExit(target, event.code, event.signal);
      break;
    }

    case 'heartbeat': {
      const target = current(event.generation);
      if (target === null) break;
      if (target.firstHeartbeatAtMs === null) {
        target.firstHeartbeatAtMs = now.monotonicMs;
        log('info', 'first heartbeat', { kioskPid: target.pid, heartbeatPid: event.message.pid, afterMs: now.monotonicMs - target.startedAtMs });
      }
      target.lastHeartbeatAtMs = now.monotonicMs;
      target.heartbeatCount += 1;
      target.busy = event.message.busy;
      target.reportedMemoryBytes = event.message.memoryBytes;
      checkMemory(target);
      break;
    }

    case 'memory-sample': {
      const target = current(event.generation);
      if (target === null) break;
      target.sampledMemoryBytes = event.bytes;
      checkMemory(target);
      break;
    }

    case 'tick': {
      const gapMs = state.lastTickAtMs === null ? 0 : now.monotonicMs - state.lastTickAtMs;
      state.lastTickAtMs = now.monotonicMs;
      if (policy.stallMs !== undefined && gapMs > policy.stallMs && state.run !== null) {
        state.run.resumedAtMs = now.monotonicMs;
        log('warn', 'the supervisor was stalled; the kiosk gets a fresh hang limit', { stalledMs: gapMs, kioskPid: state.run.pid });
      }
      checkDailyWindow();
      if (state.run !== null) checkRun(state.run);
      startIfDue();
      break;
    }

    case 'shutdown':
      if (state.mode === 'shutting-down') break;
      state.mode = 'shutting-down';
      log('info', 'supervisor stopping', { signal: event.signal });
      if (run === null) finish();
      // A kiosk still being started is stopped on its 'spawned' event.
      else if (run.pid !== null && run.stopping === null) stop(run, 'shutdown', `the supervisor received ${event.signal}`);
      break;
  }

  return { state, actions };
}
