// A TCP proxy on 127.0.0.1 in front of the report receiver whose network the test switches
// between four modes:
//   up      forwards both ways;
//   refuse  stops listening, so a connect fails with ECONNREFUSED;
//   hang    accepts connections and reads requests but never forwards or responds to them;
//   cut     forwards the request, so the receiver stores the report, then closes the client's
//           connection when the response arrives, without passing on a byte of it.
// A switch closes every open connection, as a network outage does. fault-proxy.ts injects one
// fault per connection from a fixed list; this proxy needs a listener that can stop and start
// again and a view of requests in flight, so it is a helper of its own.
//
// The proxy reads just enough HTTP/1.1 to follow requests: a request starts with the first bytes
// from the client after the previous response (clients send one request at a time per
// connection), its idempotency key comes from the header block, and the status line of each
// forwarded response is counted.
import { connect, createServer } from 'node:net';
import type { Socket } from 'node:net';

export const NETWORK_MODES = ['up', 'refuse', 'hang', 'cut'] as const;
export type NetworkMode = (typeof NETWORK_MODES)[number];

export interface NetworkStats {
  /** Times the proxy switched into each mode. */
  switches: Record<NetworkMode, number>;
  /** Connections accepted, by the mode at their accept. */
  connections: Record<NetworkMode, number>;
  /** Requests seen, by the idempotency-key header (the empty string when it was missing). */
  requestsByKey: Map<string, number>;
  /** Requests read but never forwarded, in hang mode. */
  hung: number;
  /** Responses the receiver sent that the proxy dropped, in cut mode. */
  cut: number;
  /** Responses passed to the client, by HTTP status code. */
  forwardedByStatus: Map<number, number>;
}

export interface ReportNetwork {
  /** The receiver's upload URL as reached through the proxy. */
  url: string;
  mode(): NetworkMode;
  /** Closes every open connection and switches to `mode`. Resolves once the listener matches it. */
  setMode(mode: NetworkMode): Promise<void>;
  /** Requests whose response has not yet reached the client, nor been dropped, nor their connection closed. */
  requestsInFlight(): number;
  /** Calls `listener` at the start of every request; returns a function that removes it. */
  onRequest(listener: () => void): () => void;
  readonly stats: NetworkStats;
  close(): Promise<void>;
}

interface Connection {
  client: Socket;
  upstream: Socket | null;
  /** True from the first byte of a request until its response is forwarded or dropped. */
  awaitingResponse: boolean;
}

const IDEMPOTENCY_KEY_HEADER = /\r\nidempotency-key:[ \t]*([^\r\n]*)/i;
const STATUS_LINE = /^HTTP\/1\.[01] (\d{3})/;

function zeroPerMode(): Record<NetworkMode, number> {
  return { up: 0, refuse: 0, hang: 0, cut: 0 };
}

/** Starts the proxy in 'up' mode in front of `target`, an http://127.0.0.1:<port>/<path> URL. */
export async function startReportNetwork(target: string): Promise<ReportNetwork> {
  const targetUrl = new URL(target);
  const targetPort = Number(targetUrl.port);
  const connections = new Set<Connection>();
  const requestListeners = new Set<() => void>();
  const stats: NetworkStats = {
    switches: zeroPerMode(),
    connections: zeroPerMode(),
    requestsByKey: new Map(),
    hung: 0,
    cut: 0,
    forwardedByStatus: new Map(),
  };
  let mode: NetworkMode = 'up';
  let listening = false;

  const server = createServer((client) => {
    const connectionMode = mode;
    stats.connections[connectionMode] += 1;
    const connection: Connection = { client, upstream: null, awaitingResponse: false };
    connections.add(connection);

    const closeBoth = () => {
      connection.awaitingResponse = false;
      connections.delete(connection);
      client.destroy();
      connection.upstream?.destroy();
    };
    // Resets and early closes are what this proxy produces; they end the connection, not the test.
    client.on('error', closeBoth);
    client.on('close', closeBoth);

    if (connectionMode !== 'hang') {
      const upstream = connect(targetPort, '127.0.0.1');
      connection.upstream = upstream;
      upstream.on('error', closeBoth);
      upstream.on('close', closeBoth);
      upstream.on('data', (chunk: Buffer) => {
        if (connectionMode === 'cut') {
          if (connection.awaitingResponse) stats.cut += 1;
          closeBoth();
          return;
        }

        // The receiver's responses are a few hundred bytes, so a response's first chunk contains its status line.
        if (connection.awaitingResponse) {
          connection.awaitingResponse = false;
          const status = Number(STATUS_LINE.exec(chunk.toString('latin1'))?.[1] ?? 0);
          stats.forwardedByStatus.set(status, (stats.forwardedByStatus.get(status) ?? 0) + 1);
        }
        client.write(chunk);
      });
    }

    client.on('data', (chunk: Buffer) => {
      if (!connection.awaitingResponse) {
        connection.awaitingResponse = true;
        const key = IDEMPOTENCY_KEY_HEADER.exec(chunk.toString('latin1'))?.[1] ?? '';
        stats.requestsByKey.set(key, (stats.requestsByKey.get(key) ?? 0) + 1);
        if (connectionMode === 'hang') stats.hung += 1;
        for (const listener of requestListeners) listener();
      }
      connection.upstream?.write(chunk);
    });
  });

  const listen = (port: number) =>
    new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => {
        server.off('error', reject);
        listening = true;
        resolve();
      });
    });
  const stopListening = () =>
    new Promise<void>((resolve) => {
      listening = false;
      server.close(() => resolve());
    });

  await listen(0);
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;

  function closeAllConnections(): void {
    for (const connection of [...connections]) {
      connection.awaitingResponse = false;
      connection.client.destroy();
      connection.upstream?.destroy();
      connections.delete(connection);
    }
  }

  return {
    url: `http://127.0.0.1:${port}${targetUrl.pathname}`,
    stats,
    mode: () => mode,

    async setMode(next) {
      mode = next;
      stats.switches[next] += 1;
      closeAllConnections();
      if (next === 'refuse' && listening) await stopListening();
      if (next !== 'refuse' && !listening) await listen(port);
    },

    requestsInFlight: () => [...connections].filter((connection) => connection.awaitingResponse).length,

    onRequest(listener) {
      requestListeners.add(listener);
      return () => requestListeners.delete(listener);
    },

    async close() {
      closeAllConnections();
      if (listening) await stopListening();
    },
  };
}
