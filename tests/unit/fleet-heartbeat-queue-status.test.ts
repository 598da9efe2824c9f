// The heartbeat queue as `minsheng status` and the admin screen read it, from a real queue file
// that the kiosk's own queue code wrote and still has open.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openHeartbeatQueue } from '../../src-main/core/fleet/heartbeat-queue.js';
import type { HeartbeatQueue, NewHeartbeat } from '../../src-main/core/fleet/heartbeat-queue.js';
import { readHeartbeatQueueReport } from '../../src-main/core/fleet/heartbeat-queue-status.js';
import { makeTempDir } from '../helpers/temp.js';

let temp: ReturnType<typeof makeTempDir>;
let file: string;
let queue: HeartbeatQueue | null = null;

beforeEach(() => {
  temp = makeTempDir();
  file = path.join(temp.dir, 'fleet', 'heartbeats.sqlite');
});

afterEach(() => {
  queue?.close();
  queue = null;
  temp.remove();
});

function queueOne(target: HeartbeatQueue, id: string, createdAt: number): void {
  target.enqueue(
    (carried): NewHeartbeat => ({
      id,
      body: Buffer.from(JSON.stringify({ id })),
      createdAt,
      droppedHeartbeats: carried.droppedHeartbeats,
      incidents: carried.incidentsOmitted,
      lastIncident: carried.lastIncident,
    }),
  );
}

describe('readHeartbeatQueueReport', () => {
  it('reports a missing queue as absent', () => {
    expect(readHeartbeatQueueReport(file)).toMatchObject({ state: 'absent', waiting: 0, dropped: 0, lastError: null });
  });

  it('counts waiting, retrying and dropped', () => {
    queue = openHeartbeatQueue(file, { maxQueued: 2, random: () => 0.5 });
    queueOne(queue, 'a', Date.UTC(2026, 4, 12, 8, 0));
    queueOne(queue, 'b', Date.UTC(2026, 4, 12, 8, 15));
    queueOne(queue, 'c', Date.UTC(2026, 4, 12, 8, 30));
    queue.recordFailure('b', Date.UTC(2026, 4, 12, 8, 31), 'HTTP 503 unavailable');
    queue.recordFailure('c', Date.UTC(2026, 4, 12, 8, 32), 'ECONNREFUSED');

    const report = readHeartbeatQueueReport(file);

    expect(report.state).toBe('ok');
    expect(report.waiting).toBe(2);
    expect(report.retrying).toBe(2);
    // 'a' was dropped to keep 2; 'c' carries that drop to the county.
    expect(report.dropped).toBe(1);
    expect(report.oldestWaitingAt).toBe('2026-05-12T08:15:00.000Z');
    expect(report.lastError).toBe('HTTP 503 unavailable');
  });

  it('counts drops until a heartbeat reports them', () => {
    queue = openHeartbeatQueue(file, { maxQueued: 1, random: () => 0.5 });
    queueOne(queue, 'a', 1000);
    queueOne(queue, 'b', 2000);
    queueOne(queue, 'c', 3000);
    expect(readHeartbeatQueueReport(file).dropped).toBe(2);

    // 'c' tells the county about 'a'; 'b' was dropped after 'c' was built, so the next one tells it.
    queue.markDelivered('c', 4000);

    expect(readHeartbeatQueueReport(file)).toMatchObject({ waiting: 0, dropped: 1, oldestWaitingAt: null, lastError: null });
  });

  it('names a damaged file', () => {
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, 'not an SQLite file, as after a power cut '.repeat(200));

    const report = readHeartbeatQueueReport(file);

    expect(report.state).toBe('damaged');
    expect(report.problem).not.toBeNull();
  });
});
