// A TCP proxy on 127.0.0.1 in front of a test server (nginx) that injects one fault per client
// connection, in the order given. A fault cuts the connection after some bytes of the response,
// or removes Content-Length so the body runs until the connection closes. Connections past the
// list, and 'pass' entries, are forwarded untouched. close() ends every open connection.
import { connect, createServer } from 'node:net';
import type { Server, Socket } from 'node:net';

export type Fault =
  | { kind: 'pass' }
  /** Forwards this many bytes of the response (head included), then closes the connection. */
  | { kind: 'drop-after'; bytes: number }
  /** Drops Content-Length from the response head and closes after the body, as HTTP/1.0 did. */
  | { kind: 'strip-content-length' };

export interface FaultProxy {
  url: string;
  /** Client connections accepted so far. */
  connections(): number;
  close(): Promise<void>;
}

const HEAD_END = Buffer.from('\r\n\r\n');

/** Forwards the response with its Content-Length removed and ends the client after the body. */
function stripContentLength(upstream: Socket, client: Socket): void {
  let head = Buffer.alloc(0);
  let bodyLeft: number | null = null;

  upstream.on('data', (chunk: Buffer) => {
    if (bodyLeft === null) {
      head = Buffer.concat([head, chunk]);
      const end = head.indexOf(HEAD_END);
      if (end < 0) return;

      const lines = head.subarray(0, end).toString('latin1').split('\r\n');
      const lengthLine = lines.find((line) => /^content-length:/i.test(line));
      bodyLeft = lengthLine ? Number(lengthLine.split(':')[1]) : 0;
      const headers = lines.filter((line) => !/^(content-length|connection|keep-alive):/i.test(line));
      headers.push('Connection: close');
      client.write(`${headers.join('\r\n')}\r\n\r\n`, 'latin1');
      chunk = head.subarray(end + HEAD_END.length);
    }

    const part = chunk.subarray(0, bodyLeft);
    bodyLeft -= part.length;
    client.write(part);
    if (bodyLeft === 0) {
      client.end();
      upstream.destroy();
    }
  });
}

function dropAfter(upstream: Socket, client: Socket, bytes: number): void {
  let sent = 0;
  upstream.on('data', (chunk: Buffer) => {
    const part = chunk.subarray(0, bytes - sent);
    sent += part.length;
    if (part.length > 0) client.write(part);
    if (sent >= bytes) {
      client.end();
      upstream.destroy();
    }
  });
}

export async function startFaultProxy(targetPort: number, faults: Fault[]): Promise<FaultProxy> {
  const sockets = new Set<Socket>();
  let accepted = 0;

  const server: Server = createServer((client) => {
    const fault = faults[accepted] ?? { kind: 'pass' };
    accepted += 1;

    const upstream = connect(targetPort, '127.0.0.1');
    for (const socket of [client, upstream]) {
      sockets.add(socket);
      socket.on('close', () => sockets.delete(socket));
      // A reset is the fault under test, not a failure of the proxy.
      socket.on('error', () => {
        client.destroy();
        upstream.destroy();
      });
    }
    client.on('close', () => upstream.destroy());
    upstream.on('close', () => client.end());
    client.pipe(upstream);

    if (fault.kind === 'drop-after') dropAfter(upstream, client, fault.bytes);
    else if (fault.kind === 'strip-content-length') stripContentLength(upstream, client);
    else upstream.pipe(client);
  });

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;

  return {
    url: `http://127.0.0.1:${port}/`,
    connections: () => accepted,
    async close() {
      for (const socket of sockets) socket.destroy();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}
