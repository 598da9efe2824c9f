// The kiosk's watchdog client against a real Unix socket server standing in for the supervisor:
// heartbeats, incidents, and reconnecting after the supervisor restarts.
import { createServer } from 'node:net';
import type { Server, Socket } from 'node:net';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { createLogger } from '../../src-main/core/log.js';
import { startWatchdogClient } from '../../src-main/core/watchdog-client.js';
import type { WatchdogClient } from '../../src-main/core/watchdog-client.js';
import { WATCHDOG_SOCKET_ENV } from '../../src-shared/watchdog-protocol.js';
import { makeTempDir } from '../helpers/temp.js';

const log = createLogger('watchdog-client-test');
const temp = makeTempDir();
afterAll(() => temp.remove());

interface FakeSupervisor {
  messages: Record<string, unknown>[];
  close(): Promise<void>;
}

/** Listens on `socketPath` and collects each JSON line the client sends. */
async function listen(socketPath: string): Promise<FakeSupervisor> {
  const messages: Record<string, unknown>[] = [];
  const sockets = new Set<Socket>();
  const server: Server = createServer((socket) => {
    sockets.add(socket);
    let pending = '';
    socket.on('data', (chunk: Buffer) => {
      pending += chunk.toString('utf8');
      const lines = pending.split('\n');
      pending = lines.pop()!;
      for (const line of lines) messages.push(JSON.parse(line) as Record<string, unknown>);
    });
  });
  await new Promise<void>((resolve) => server.listen(socketPath, resolve));
  return {
    messages,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

async function waitFor<T>(what: string, check: () => T | undefined): Promise<T> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const value = check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(20);
  }
}

const ofType = (messages: Record<string, unknown>[], type: string) => messages.filter((message) => message.type === type);

let client: WatchdogClient | null = null;
afterEach(() => {
  client?.stop();
  client = null;
});

describe('watchdog client', () => {
  it('does nothing without a supervisor', () => {
    let calls = 0;
    client = startWatchdogClient({
      heartbeatSeconds: 1,
      vitals: () => {
        calls += 1;
        return { memoryBytes: 1, busy: false };
      },
      log,
      env: {},
    });

    expect(client.supervised).toBe(false);
    client.sendIncident('renderer-gone', 'crashed');
    expect(calls).toBe(0);
  });

  it('sends a heartbeat on connecting and then on its interval', async () => {
    const socketPath = path.join(temp.dir, 'beat.sock');
    const supervisor = await listen(socketPath);
    client = startWatchdogClient({ heartbeatSeconds: 1, vitals: () => ({ memoryBytes: 123_456, busy: true }), log, env: { [WATCHDOG_SOCKET_ENV]: socketPath } });

    const beats = await waitFor('two heartbeats', () => {
      const found = ofType(supervisor.messages, 'heartbeat');
      return found.length >= 2 ? found : undefined;
    });

    expect(client.supervised).toBe(true);
    expect(beats[0]).toEqual({ type: 'heartbeat', pid: process.pid, memoryBytes: 123_456, busy: true });
    await supervisor.close();
  });

  it('reconnects after the supervisor restarts and sends the incidents kept meanwhile', async () => {
    const socketPath = path.join(temp.dir, 'restart.sock');
    const first = await listen(socketPath);
    client = startWatchdogClient({
      heartbeatSeconds: 1,
      vitals: () => ({ memoryBytes: 1, busy: false }),
      log,
      env: { [WATCHDOG_SOCKET_ENV]: socketPath },
      reconnectMs: 100,
    });
    await waitFor('the first heartbeat', () => ofType(first.messages, 'heartbeat')[0]);

    await first.close();
    await waitFor('the lost connection', () => (client!.connected ? undefined : true));
    // Sent while no supervisor listens: kept, then delivered on the next connection.
    client.sendIncident('renderer-gone', 'renderer crashed; page reloaded');
    client.sendIncident('k'.repeat(100), 'd'.repeat(3000));
    const second = await listen(socketPath);

    const incidents = await waitFor('both incidents', () => {
      const found = ofType(second.messages, 'incident');
      return found.length >= 2 ? found : undefined;
    });
    expect(incidents[0]).toEqual({ type: 'incident', kind: 'renderer-gone', detail: 'renderer crashed; page reloaded' });
    expect(String(incidents[1]?.kind)).toHaveLength(64);
    expect(String(incidents[1]?.detail)).toHaveLength(2000);
    await waitFor('a heartbeat on the new connection', () => ofType(second.messages, 'heartbeat')[0]);
    await second.close();
  });

  it('skips a heartbeat whose vitals fail', async () => {
    const socketPath = path.join(temp.dir, 'vitals.sock');
    const supervisor = await listen(socketPath);
    let call = 0;
    client = startWatchdogClient({
      heartbeatSeconds: 1,
      vitals: () => {
        call += 1;
        if (call === 1) throw new Error('metrics unavailable');
        return { memoryBytes: call === 2 ? -5 : 42, busy: false };
      },
      log,
      env: { [WATCHDOG_SOCKET_ENV]: socketPath },
    });

    const beat = await waitFor('a valid heartbeat', () => ofType(supervisor.messages, 'heartbeat')[0]);

    // The first call threw and the second returned negative memory: neither was sent.
    expect(beat.memoryBytes).toBe(42);
    expect(call).toBe(3);
    await supervisor.close();
  });
});
