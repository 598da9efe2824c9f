// The kiosk's fleet heartbeat against the real county receiver on 127.0.0.1: heartbeats wait in
// the queue while the receiver is down and arrive in order once it is up, arrive once across a
// restart of the kiosk side and a lost answer, stay bounded, and survive bad answers.
import { createServer } from 'node:http';
import type { Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FleetHeartbeatSchema } from '../../src-shared/fleet-api.js';
import type { FleetHeartbeat } from '../../src-shared/fleet-api.js';
import { startFleetHeartbeat } from '../../src-main/core/fleet/fleet-heartbeat.js';
import type { FleetHeartbeatOptions, FleetHeartbeatSender } from '../../src-main/core/fleet/fleet-heartbeat.js';
import { appendIncident } from '../../src-main/core/incidents.js';
import { generateRecipientKeyPair, parseRecipientKeyPem } from '../../src-main/core/reports/seal.js';
import { startReceiver } from '../../src-main/publisher/receiver/server.js';
import type { RunningReceiver } from '../../src-main/publisher/receiver/server.js';
import { startFaultProxy } from '../helpers/fault-proxy.js';
import type { FaultProxy } from '../helpers/fault-proxy.js';
import { READY_PRINTER_HOST, fleetTerminal } from '../helpers/fleet-terminal.js';
import { freePort, makeTempDir } from '../helpers/temp.js';

const commissionKey = parseRecipientKeyPem(generateRecipientKeyPair('x25519').publicKeyPem);

let temp: ReturnType<typeof makeTempDir>;
let dataDir: string;
let dbFile: string;
// Each beat gets a later time, so heartbeats and incidents have distinct, increasing times.
let tick: number;
const clock = (): Date => new Date(Date.UTC(2026, 4, 12, 8, 0, 0) + tick * 1000);
const cleanups: (() => Promise<unknown>)[] = [];

beforeEach(() => {
  temp = makeTempDir();
  dataDir = path.join(temp.dir, 'data');
  dbFile = path.join(temp.dir, 'county', 'receiver.sqlite');
  tick = 0;
});

afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  temp.remove();
});

async function countyReceiver(port: number): Promise<RunningReceiver> {
  const receiver = await startReceiver({ dbFile, commissionKey, port });
  cleanups.push(() => receiver.close());
  return receiver;
}

function kiosk(url: string, options: Partial<FleetHeartbeatOptions> = {}): FleetHeartbeatSender {
  const service = startFleetHeartbeat({
    loaded: fleetTerminal(dataDir, url),
    host: READY_PRINTER_HOST,
    clock,
    intervalMs: 0,
    timeoutMs: 5000,
    // No wait between retries, so each send() tries the head again.
    queue: { baseDelayMs: 0 },
    ...options,
  })!;
  cleanups.push(() => service.stop());
  return service;
}

/** Records one incident and builds and queues one heartbeat, one simulated second later. */
async function incidentThenBeat(service: FleetHeartbeatSender, detail: string): Promise<void> {
  tick += 1;
  await appendIncident(dataDir, 'renderer-gone', detail, clock());
  tick += 1;
  await service.beat();
}

/** Returns the heartbeats the receiver stored, in the order it stored them. */
function storedHeartbeats(): FleetHeartbeat[] {
  const db = new Database(dbFile, { readonly: true });
  try {
    const rows = db.prepare('SELECT body FROM heartbeats ORDER BY rowid').all() as { body: string }[];
    return rows.map((row) => FleetHeartbeatSchema.parse(JSON.parse(row.body)));
  } finally {
    db.close();
  }
}

const listedDetails = (heartbeats: FleetHeartbeat[]): string[] => heartbeats.flatMap((heartbeat) => heartbeat.incidents.map((incident) => incident.detail));

describe('fleet heartbeat delivery', () => {
  it('queues while down, delivers in order', async () => {
    const port = await freePort();
    const url = `http://127.0.0.1:${port}/heartbeats`;
    const service = kiosk(url);

    await incidentThenBeat(service, 'reload 1');
    await incidentThenBeat(service, 'reload 2');
    await incidentThenBeat(service, 'reload 3');
    const down = await service.send();
    expect(down).toMatchObject({ delivered: 0, failed: 1, stoppedEarly: true });

    await countyReceiver(port);
    const up = await service.send();
    expect(up).toMatchObject({ delivered: 3, failed: 0 });

    const stored = storedHeartbeats();
    const times = stored.map((heartbeat) => heartbeat.createdAt);
    expect(times).toEqual([...times].sort());
    expect(new Set(stored.map((heartbeat) => heartbeat.id)).size).toBe(3);
    expect(listedDetails(stored)).toEqual(['reload 1', 'reload 2', 'reload 3']);
    expect((await service.send()).delivered).toBe(0);
  });

  it('delivers once across a restart', async () => {
    const receiver = await countyReceiver(0);
    const receiverPort = Number(new URL(receiver.heartbeatUrl).port);
    // The first connection reaches the receiver, which stores the heartbeat, but its response is lost.
    const proxy: FaultProxy = await startFaultProxy(receiverPort, [{ kind: 'drop-after', bytes: 0 }]);
    cleanups.push(() => proxy.close());
    const url = new URL('/heartbeats', proxy.url).href;

    const first = kiosk(url);
    await incidentThenBeat(first, 'before restart 1');
    expect((await first.send()).delivered).toBe(0);
    expect(storedHeartbeats()).toHaveLength(1);
    await incidentThenBeat(first, 'before restart 2');
    await first.stop();

    const second = kiosk(url);
    expect((await second.send()).delivered).toBe(2);
    await incidentThenBeat(second, 'after restart');
    expect((await second.send()).delivered).toBe(1);

    const stored = storedHeartbeats();
    expect(stored).toHaveLength(3);
    expect(listedDetails(stored)).toEqual(['before restart 1', 'before restart 2', 'after restart']);
  });

  it('keeps only the newest when full', async () => {
    const port = await freePort();
    const service = kiosk(`http://127.0.0.1:${port}/heartbeats`, { queue: { baseDelayMs: 0, maxQueued: 3 } });
    for (let index = 1; index <= 5; index += 1) await incidentThenBeat(service, `reload ${index}`);

    await countyReceiver(port);
    expect((await service.send()).delivered).toBe(3);
    await incidentThenBeat(service, 'reload 6');
    expect((await service.send()).delivered).toBe(1);

    const stored = storedHeartbeats();
    expect(stored).toHaveLength(4);
    // Two heartbeats were dropped, and the six incidents are each listed or counted once.
    expect(stored.reduce((sum, heartbeat) => sum + heartbeat.droppedHeartbeats, 0)).toBe(2);
    expect(stored.reduce((sum, heartbeat) => sum + heartbeat.incidents.length + heartbeat.incidentsOmitted, 0)).toBe(6);
    expect(listedDetails(stored)).toEqual(['reload 3', 'reload 4', 'reload 5', 'reload 6']);
  });
});

type Answer = (response: ServerResponse) => void;

/** Starts a server on 127.0.0.1 that responds to each POST with the next scripted response, then with `stored`. */
async function scriptedServer(answers: Answer[]): Promise<{ url: string; bodies: string[] }> {
  const bodies: string[] = [];
  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      bodies.push(Buffer.concat(chunks).toString('utf8'));
      const answer = answers.shift() ?? json(201, { status: 'stored', receivedAt: '2026-05-12T08:00:00.000Z' });
      answer(response);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  cleanups.push(() => new Promise((resolve) => server.close(resolve)));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/heartbeats`, bodies };
}

function json(status: number, body: unknown, headers: Record<string, string> = {}): Answer {
  return (response) => {
    response.writeHead(status, { 'content-type': 'application/json', ...headers });
    response.end(JSON.stringify(body));
  };
}

const html = (status: number): Answer => (response) => {
  response.writeHead(status, { 'content-type': 'text/html' });
  response.end('<html><body>Welcome to the hall Wi-Fi</body></html>');
};

describe('fleet heartbeat answers', () => {
  it.each([
    ['a captive portal page', html(200)],
    ['201 without the answer', json(201, { ok: true })],
    ['a server error', json(500, { status: 'unavailable' })],
    ['a missing path', html(404)],
    ['a redirect', (response: ServerResponse) => response.writeHead(302, { location: 'https://portal.example/' }).end()],
    ['a rate limit', json(429, { status: 'rate-limited', reason: 'slow down' }, { 'retry-after': '0' })],
  ])('keeps the heartbeat after %s', async (_name, answer) => {
    const server = await scriptedServer([answer]);
    const service = kiosk(server.url);
    await incidentThenBeat(service, 'reload 1');
    await incidentThenBeat(service, 'reload 2');

    const refused = await service.send();
    expect(refused).toMatchObject({ delivered: 0, failed: 1, stoppedEarly: true });
    expect(server.bodies).toHaveLength(1);

    const accepted = await service.send();
    expect(accepted.delivered).toBe(2);
    // The refused heartbeat is sent again as it was, before the newer one.
    expect(server.bodies[1]).toBe(server.bodies[0]);
    expect(listedDetails(server.bodies.slice(1).map((body) => FleetHeartbeatSchema.parse(JSON.parse(body))))).toEqual(['reload 1', 'reload 2']);
  });

  it.each([
    ['malformed', 400],
    ['conflict', 409],
    ['too-large', 413],
  ])('discards a heartbeat rejected as %s', async (status, code) => {
    const server = await scriptedServer([json(code, { status, reason: 'rejected by the test' })]);
    const service = kiosk(server.url);
    await incidentThenBeat(service, 'reload 1');
    await incidentThenBeat(service, 'reload 2');

    // The rejected one is dropped and the run goes on with the next.
    expect(await service.send()).toMatchObject({ delivered: 1, failed: 1, stoppedEarly: false });
    await incidentThenBeat(service, 'reload 3');
    expect((await service.send()).delivered).toBe(1);

    const [, second, third] = server.bodies.map((body) => FleetHeartbeatSchema.parse(JSON.parse(body)));
    expect(second!.droppedHeartbeats).toBe(0);
    expect(third!.droppedHeartbeats).toBe(1);
    expect(third!.incidentsOmitted).toBe(1);
  });
});
