// The supervisor's process layer: it starts the kiosk as a child process, listens for its
// heartbeats on a local socket, reads its memory, and turns all of that into events for the
// decision core (decide.ts), whose actions it carries out. It imports nothing of core, so the
// caller passes in the logger and the incident log.
import { spawn } from 'node:child_process';
import type { ChildProcess, StdioOptions } from 'node:child_process';
import { createServer } from 'node:net';
import type { Socket } from 'node:net';
import { WATCHDOG_SOCKET_ENV } from '../../src-shared/watchdog-protocol.js';
import { decide, initialState } from './decide.js';
import type { KioskRun, Now, SupervisorAction, SupervisorEvent, WatchdogPolicy } from './decide.js';
import { createLineSplitter, parseWatchdogLine } from './message-lines.js';
import { processTreeMembers, readProcessTreeMemory } from './process-memory.js';
import { createSocketAddress } from './socket-address.js';
import type { SocketAddress } from './socket-address.js';

/** The part of a pino logger the supervisor uses. */
export interface SupervisorLog {
  info(fields: Record<string, unknown>, message: string): void;
  warn(fields: Record<string, unknown>, message: string): void;
  error(fields: Record<string, unknown>, message: string): void;
}

export interface SupervisorOptions {
  /** The kiosk program and its arguments. */
  command: string;
  args: readonly string[];
  cwd?: string;
  /** The kiosk's environment (default: the supervisor's); the socket's address is added to it. */
  env?: NodeJS.ProcessEnv;
  /** The kiosk's standard streams (default: the supervisor's). */
  stdio?: StdioOptions;
  policy: WatchdogPolicy;
  /** How often the kiosk is checked against its limits (default 500 ms). */
  tickMs?: number;
  /** How often the kiosk's process tree is measured (default 5 s). */
  memorySampleMs?: number;
  /** Memory of the kiosk's process tree in bytes, or null when it cannot be measured (default: /proc on Linux). */
  readMemory?: (pid: number) => number | null;
  /**
   * True when a heartbeat's pid belongs to the kiosk's process tree (default: /proc on Linux;
   * elsewhere every pid is taken, as the supervisor cannot look).
   */
  isKioskProcess?: (kioskPid: number, pid: number) => boolean;
  /** The wall clock for the daily restart window and incident times (default Date.now). */
  wallClock?: () => number;
  /** The listening address (default: a fresh private socket, see socket-address.ts). */
  socketAddress?: SocketAddress;
  log: SupervisorLog;
  /** Appends an incident to the data folder's incident log (core/incidents.ts appendIncident). */
  recordIncident(kind: string, detail: string, at: Date): Promise<unknown>;
}

export interface Supervisor {
  /** The address given to the kiosk in MINSHENG_WATCHDOG_SOCKET. */
  readonly socketPath: string;
  /** The kiosk being supervised, or null between runs. */
  currentRun(): Readonly<KioskRun> | null;
  /** Stops the kiosk (SIGTERM, then SIGKILL after the policy's grace) and ends supervision. */
  stop(signal?: string): void;
  /** Resolves with the supervisor's exit code once supervision has ended. */
  readonly finished: Promise<number>;
}

// The kiosk needs one connection; a few more allow for a reconnect racing an old socket's close.
const MAX_CONNECTIONS = 8;
// Bad lines are logged at most this often, with a count, so a broken kiosk cannot flood the log.
const BAD_LINE_LOG_INTERVAL_MS = 60_000;

const isWindows = process.platform === 'win32';

function defaultReadMemory(pid: number): number | null {
  return process.platform === 'linux' ? readProcessTreeMemory(pid) : null;
}

function defaultIsKioskProcess(kioskPid: number, pid: number): boolean {
  if (pid === kioskPid || process.platform !== 'linux') return true;
  return processTreeMembers(kioskPid)?.has(pid) ?? false;
}

/** Starts supervising once the socket listens; the first kiosk start follows at once. */
export async function startSupervisor(options: SupervisorOptions): Promise<Supervisor> {
  const { log, policy } = options;
  const tickMs = options.tickMs ?? 500;
  const memorySampleMs = options.memorySampleMs ?? 5_000;
  const readMemory = options.readMemory ?? defaultReadMemory;
  const isKioskProcess = options.isKioskProcess ?? defaultIsKioskProcess;
  const wallClock = options.wallClock ?? Date.now;
  const address = options.socketAddress ?? createSocketAddress();

  let state = initialState();
  const children = new Map<number, ChildProcess>();
  const connections = new Map<Socket, number>();
  const queue: SupervisorEvent[] = [];
  let dispatching = false;
  let lastSampleMs = -Infinity;
  const badLines = { count: 0, loggedAtMs: -Infinity };

  let resolveFinished: (code: number) => void = () => {};
  const finished = new Promise<number>((resolve) => (resolveFinished = resolve));

  const now = (): Now => ({ monotonicMs: performance.now(), wallMs: wallClock() });

  // Events raised while actions run (a failed spawn, say) wait in the queue, so decide() always
  // gets them one at a time and in order.
  function dispatch(event: SupervisorEvent): void {
    queue.push(event);
    if (dispatching) return;
    dispatching = true;
    try {
      for (let next = queue.shift(); next !== undefined; next = queue.shift()) {
        const decision = decide(state, next, now(), policy);
        state = decision.state;
        for (const action of decision.actions) perform(action);
      }
    } finally {
      dispatching = false;
    }
  }

  function perform(action: SupervisorAction): void {
    switch (action.type) {
      case 'start':
        startKiosk(action.generation);
        break;
      case 'signal':
        signalKiosk(action.generation, action.pid, action.signal);
        break;
      case 'incident':
        record(action.kind, action.detail);
        break;
      case 'log':
        log[action.level](action.fields, action.message);
        break;
      case 'finish':
        finish(action.exitCode);
        break;
    }
  }

  // Appends run one after another, so the log keeps the order of the decisions.
  let appending: Promise<unknown> = Promise.resolve();
  function record(kind: string, detail: string): void {
    log.warn({ kind, detail }, 'incident');
    const at = new Date(wallClock());
    appending = appending
      .then(() => options.recordIncident(kind, detail, at))
      .catch((error: unknown) => log.error({ err: error, kind }, 'could not append the incident to the incident log'));
  }

  function startKiosk(generation: number): void {
    let child: ChildProcess;
    try {
      child = spawn(options.command, [...options.args], {
        cwd: options.cwd,
        env: { ...(options.env ?? process.env), [WATCHDOG_SOCKET_ENV]: address.path },
        stdio: options.stdio ?? 'inherit',
        // A process group of its own, so a stop reaches Electron's renderer and GPU processes too.
        detached: !isWindows,
      });
    } catch (error) {
      // spawn throws at once only for arguments it cannot pass, such as a NUL byte in them.
      queueMicrotask(() => dispatch({ type: 'spawn-failed', generation, error: (error as Error).message }));
      return;
    }

    let spawned = false;
    child.once('spawn', () => {
      spawned = true;
      children.set(generation, child);
      dispatch({ type: 'spawned', generation, pid: child.pid! });
      // A first measurement before the first heartbeat can arrive, so the kiosk's own figure
      // never decides where the supervisor can measure (see checkMemory in decide.ts).
      sampleMemory();
    });
    child.once('error', (error) => {
      if (!spawned) dispatch({ type: 'spawn-failed', generation, error: error.message, code: (error as NodeJS.ErrnoException).code });
      else log.error({ err: error, kioskPid: child.pid }, 'kiosk process error');
    });
    child.once('exit', (code, signal) => {
      children.delete(generation);
      // Helper processes left behind by the kiosk go with it.
      if (spawned && !isWindows) signalGroup(child.pid!, 'SIGKILL');
      for (const [socket, owner] of connections) if (owner === generation) socket.destroy();
      dispatch({ type: 'exited', generation, code, signal });
    });
  }

  function signalGroup(pid: number, signal: NodeJS.Signals): void {
    try {
      process.kill(-pid, signal);
    } catch (error) {
      // ESRCH: the group has no process left.
      if ((error as NodeJS.ErrnoException).code !== 'ESRCH') log.error({ err: error, kioskPid: pid, signal }, 'could not signal the kiosk');
    }
  }

  function signalKiosk(generation: number, pid: number, signal: NodeJS.Signals): void {
    // NOTE: on Windows child.kill() ends the main process only. Chromium's helper processes
    // exit when their browser process is gone, but a kiosk that spawns other programs would
    // leave them running.
    if (isWindows) children.get(generation)?.kill(signal);
    else signalGroup(pid, signal);
  }

  function noteBadLine(problem: string): void {
    badLines.count += 1;
    const at = performance.now();
    if (at - badLines.loggedAtMs < BAD_LINE_LOG_INTERVAL_MS) return;
    log.warn({ problem, ignored: badLines.count }, 'ignored bad lines from the kiosk');
    badLines.count = 0;
    badLines.loggedAtMs = at;
  }

  function onLine(generation: number, text: string): void {
    const parsed = parseWatchdogLine(text);
    if (!parsed.ok) {
      noteBadLine(parsed.problem);
      return;
    }
    const message = parsed.message;
    if (message.type === 'heartbeat') {
      // Another process of the same user could otherwise keep a hung kiosk alive with heartbeats.
      const kioskPid = state.run?.generation === generation ? state.run.pid : null;
      if (kioskPid === null || !isKioskProcess(kioskPid, message.pid)) noteBadLine('foreign-pid');
      else dispatch({ type: 'heartbeat', generation, message });
    }
    // The kiosk appends its own incidents to the incident log; the supervisor only logs them.
    else log.info({ kind: message.kind, detail: message.detail, generation }, 'kiosk reported an incident');
  }

  const server = createServer((socket) => {
    // A connection belongs to the kiosk that is running when it opens. With none running, it
    // comes from an old kiosk that outlived its stop, so it is closed.
    const generation = state.run?.generation;
    if (generation === undefined) {
      socket.destroy();
      return;
    }
    connections.set(socket, generation);
    const splitter = createLineSplitter(
      (text) => onLine(generation, text),
      () => noteBadLine('too-long'),
    );
    socket.on('data', (chunk: Buffer) => splitter.push(chunk));
    socket.on('error', () => socket.destroy());
    socket.on('close', () => connections.delete(socket));
  });
  server.maxConnections = MAX_CONNECTIONS;

  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(address.path, () => {
        server.off('error', reject);
        resolve();
      });
    });
  } catch (error) {
    address.remove();
    throw error;
  }
  server.on('error', (error) => log.error({ err: error }, 'watchdog socket error'));

  function sampleMemory(): void {
    const run = state.run;
    if (run === null || run.pid === null || run.stopping !== null) return;
    lastSampleMs = performance.now();
    const bytes = readMemory(run.pid);
    if (bytes !== null) dispatch({ type: 'memory-sample', generation: run.generation, bytes });
  }

  const timer = setInterval(() => {
    dispatch({ type: 'tick' });
    if (performance.now() - lastSampleMs >= memorySampleMs) sampleMemory();
  }, tickMs);

  function finish(exitCode: number): void {
    clearInterval(timer);
    for (const socket of connections.keys()) socket.destroy();
    server.close(() => {
      address.remove();
      void appending.then(() => {
        log.info({ exitCode }, 'supervisor stopped');
        resolveFinished(exitCode);
      });
    });
  }

  log.info({ command: options.command, args: options.args, socket: address.path }, 'supervisor started');
  dispatch({ type: 'begin' });

  return {
    socketPath: address.path,
    currentRun: () => state.run,
    stop: (signal = 'stop request') => dispatch({ type: 'shutdown', signal }),
    finished,
  };
}
