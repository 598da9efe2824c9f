// A Unix socket server that plays the watchdog supervisor for a kiosk host under test: it parses
// every newline-JSON message the host sends and keeps them in arrival order.
import { createServer } from 'node:net';
import type { Server } from 'node:net';
import { WatchdogMessageSchema } from '../../src-shared/watchdog-protocol.js';
import type { HeartbeatMessage, WatchdogMessage } from '../../src-shared/watchdog-protocol.js';

export interface FakeSupervisor {
  server: Server;
  messages: WatchdogMessage[];
  heartbeats(): HeartbeatMessage[];
  close(): Promise<void>;
}

export async function listenAsSupervisor(socketPath: string): Promise<FakeSupervisor> {
  const messages: WatchdogMessage[] = [];
  const server = createServer((connection) => {
    let buffered = '';
    connection.on('data', (chunk) => {
      buffered += chunk.toString('utf8');
      const lines = buffered.split('\n');
      buffered = lines.pop()!;
      for (const line of lines) messages.push(WatchdogMessageSchema.parse(JSON.parse(line)));
    });
  });
  await new Promise<void>((resolve) => server.listen(socketPath, resolve));

  return {
    server,
    messages,
    heartbeats: () => messages.filter((message): message is HeartbeatMessage => message.type === 'heartbeat'),
    // Resolves once the host under test has closed its connection too.
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
