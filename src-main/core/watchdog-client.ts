// The kiosk's side of the watchdog protocol (src-shared/watchdog-protocol.ts): a heartbeat every
// few seconds, and the incidents the kiosk recovered from by itself, sent to the supervisor's
// socket named in MINSHENG_WATCHDOG_SOCKET. Plain Node, so both hosts use it. Without the
// variable the kiosk runs unsupervised and the client does nothing.
import { createConnection } from 'node:net';
import type { Socket } from 'node:net';
import { HeartbeatMessageSchema, IncidentMessageSchema, WATCHDOG_SOCKET_ENV } from '../../src-shared/watchdog-protocol.js';
import type { Logger } from './log.js';

export interface KioskVitals {
  /** Bytes used by all the kiosk's processes together. */
  memoryBytes: number;
  /** True while a villager's session or the admin screen is open. */
  busy: boolean;
}

export interface WatchdogClientOptions {
  heartbeatSeconds: number;
  /** Called for each heartbeat; an exception skips that heartbeat, which the supervisor may count as a hang. */
  vitals(): KioskVitals;
  log: Logger;
  /** Delay before connecting again after the supervisor's socket closed or refused (default 1 s). */
  reconnectMs?: number;
  env?: NodeJS.ProcessEnv;
}

export interface WatchdogClient {
  /** False when no supervisor was named, so nothing is sent. */
  readonly supervised: boolean;
  /** True while a connection to the supervisor is open. */
  readonly connected: boolean;
  /**
   * Sends an incident now, or when connected again (the newest 16 are kept while disconnected).
   * One written just as the supervisor goes away is lost; the kiosk's incident log keeps it.
   */
  sendIncident(kind: string, detail: string): void;
  /** Stops the heartbeats and closes the connection. */
  stop(): void;
}

// Incidents kept while the supervisor is unreachable; the kiosk's own incident log has all of them.
const MAX_QUEUED_INCIDENTS = 16;
// A supervisor that stops reading must not make the kiosk buffer heartbeats without end.
const MAX_UNSENT_BYTES = 64 * 1024;
const MAX_KIND_LENGTH = 64;
const MAX_DETAIL_LENGTH = 2000;

const UNSUPERVISED: WatchdogClient = { supervised: false, connected: false, sendIncident: () => {}, stop: () => {} };

/** Connects to the supervisor named in the environment and starts the heartbeats; a no-op client without one. */
export function startWatchdogClient(options: WatchdogClientOptions): WatchdogClient {
  const socketPath = (options.env ?? process.env)[WATCHDOG_SOCKET_ENV];
  if (socketPath === undefined || socketPath === '') return UNSUPERVISED;

  const { log } = options;
  const reconnectMs = options.reconnectMs ?? 1_000;
  const queuedIncidents: string[] = [];
  let socket: Socket | null = null;
  let connected = false;
  let stopped = false;
  let reconnectTimer: NodeJS.Timeout | null = null;
  let everConnected = false;
  let failureLogged = false;

  function write(line: string): boolean {
    if (socket === null || !connected || socket.writableLength > MAX_UNSENT_BYTES) return false;
    socket.write(`${line}\n`);
    return true;
  }

  function sendHeartbeat(): void {
    if (!connected) return;
    let vitals: KioskVitals;
    try {
      vitals = options.vitals();
    } catch (error) {
      log.error({ err: error }, 'could not read the kiosk vitals; heartbeat skipped');
      return;
    }
    const message = HeartbeatMessageSchema.safeParse({ type: 'heartbeat', pid: process.pid, ...vitals });
    if (!message.success) {
      log.error({ vitals }, 'invalid kiosk vitals; heartbeat skipped');
      return;
    }
    write(JSON.stringify(message.data));
  }

  function connect(): void {
    reconnectTimer = null;
    if (stopped) return;
    const current = createConnection(socketPath!);
    socket = current;
    // The connection never keeps the kiosk process alive on its own.
    current.unref();

    let errorCode: string | undefined;
    current.on('connect', () => {
      connected = true;
      failureLogged = false;
      log.info({ socket: socketPath, reconnected: everConnected }, 'connected to the watchdog');
      everConnected = true;
      sendHeartbeat();
      while (queuedIncidents.length > 0 && write(queuedIncidents[0]!)) queuedIncidents.shift();
    });
    current.on('error', (error: NodeJS.ErrnoException) => (errorCode = error.code));
    current.on('close', () => {
      if (socket === current) {
        socket = null;
        connected = false;
      }
      if (stopped) return;
      // Logged once per loss, not for every retry while the supervisor restarts.
      if (!failureLogged) log.warn({ code: errorCode ?? null, socket: socketPath, retryMs: reconnectMs }, 'watchdog connection lost or refused; retrying');
      failureLogged = true;
      if (reconnectTimer === null) {
        reconnectTimer = setTimeout(connect, reconnectMs);
        reconnectTimer.unref();
      }
    });
    // The supervisor sends nothing; reading keeps the socket's state current.
    current.resume();
  }

  const heartbeatTimer = setInterval(sendHeartbeat, options.heartbeatSeconds * 1000);
  heartbeatTimer.unref();
  connect();

  return {
    supervised: true,
    get connected() {
      return connected;
    },
    sendIncident(kind, detail) {
      const line = JSON.stringify(IncidentMessageSchema.parse({ type: 'incident', kind: kind.slice(0, MAX_KIND_LENGTH), detail: detail.slice(0, MAX_DETAIL_LENGTH) }));
      if (write(line)) return;
      queuedIncidents.push(line);
      if (queuedIncidents.length > MAX_QUEUED_INCIDENTS) queuedIncidents.shift();
    },
    stop() {
      stopped = true;
      clearInterval(heartbeatTimer);
      if (reconnectTimer !== null) clearTimeout(reconnectTimer);
      socket?.end();
      socket = null;
      connected = false;
    },
  };
}
