// The kiosk's heartbeat queue on a real SQLite file: order, the head that gates the rest, the
// bound that drops the oldest and carries their counts, discards, and a damaged file.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openHeartbeatQueue } from '../../src-main/core/fleet/heartbeat-queue.js';
import type { CarriedOver, HeartbeatQueue, HeartbeatQueueOptions, NewHeartbeat } from '../../src-main/core/fleet/heartbeat-queue.js';
import { makeTempDir } from '../helpers/temp.js';

let temp: ReturnType<typeof makeTempDir>;
let file: string;
const opened: HeartbeatQueue[] = [];

beforeEach(() => {
  temp = makeTempDir();
  file = path.join(temp.dir, 'fleet', 'heartbeats.sqlite');
});

afterEach(() => {
  for (const queue of opened.splice(0)) queue.close();
  temp.remove();
});

function open(options: HeartbeatQueueOptions = {}): HeartbeatQueue {
  const queue = openHeartbeatQueue(file, { random: () => 0.5, baseDelayMs: 1000, maxDelayMs: 60_000, ...options });
  opened.push(queue);
  return queue;
}

/** Queues heartbeat `id` covering `incidents` incidents, and returns what the queue carried over to it. */
function queueOne(queue: HeartbeatQueue, id: string, createdAt: number, incidents = 0): { carried: CarriedOver; dropped: number } {
  let seen: CarriedOver | null = null;
  const dropped = queue.enqueue((carried): NewHeartbeat => {
    seen = carried;
    return {
      id,
      body: Buffer.from(JSON.stringify({ id })),
      createdAt,
      droppedHeartbeats: carried.droppedHeartbeats,
      incidents: incidents + carried.incidentsOmitted,
      lastIncident: incidents > 0 ? `incident-of-${id}` : carried.lastIncident,
    };
  });
  return { carried: seen!, dropped };
}

const ids = (queue: HeartbeatQueue, now = 1_000_000): string[] => queue.due(now, 100).map((entry) => entry.idempotencyKey);

describe('heartbeat queue', () => {
  it('lists heartbeats in the order queued', () => {
    const queue = open();
    queueOne(queue, 'b', 2000);
    // A clock set back gives a later heartbeat an earlier time; the queue order still holds.
    queueOne(queue, 'a', 1000);
    queueOne(queue, 'c', 3000);

    expect(ids(queue)).toEqual(['b', 'a', 'c']);
  });

  it('holds newer ones behind a head that waits', () => {
    const queue = open();
    queueOne(queue, 'first', 1000);
    queueOne(queue, 'second', 1000);

    const retryAt = queue.recordFailure('first', 5000, 'HTTP 503')!;
    expect(retryAt).toBe(5000 + 500);
    expect(ids(queue, retryAt - 1)).toEqual([]);
    expect(ids(queue, retryAt)).toEqual(['first', 'second']);
  });

  it('takes a head scheduled by a clock that ran ahead', () => {
    const queue = open();
    queueOne(queue, 'first', 1000);
    queue.recordFailure('first', 10_000_000, 'timeout');

    expect(ids(queue, 2000)).toEqual(['first']);
  });

  it('deletes a delivered heartbeat', () => {
    const queue = open();
    queueOne(queue, 'first', 1000);
    queueOne(queue, 'second', 1000);
    queue.markDelivered('first', 2000);

    expect(ids(queue)).toEqual(['second']);
    expect(queue.counts()).toEqual({ waiting: 1, retrying: 0 });
  });

  it('keeps the newest and carries the drops', () => {
    const queue = open({ maxQueued: 2 });
    expect(queueOne(queue, 'h1', 1000, 4).dropped).toBe(0);
    queueOne(queue, 'h2', 2000, 1);
    expect(queueOne(queue, 'h3', 3000).dropped).toBe(1);

    expect(ids(queue)).toEqual(['h2', 'h3']);
    const { carried } = queueOne(queue, 'h4', 4000);
    // Queuing h3 dropped h1 with the 4 incidents it listed.
    expect(carried.droppedHeartbeats).toBe(1);
    expect(carried.incidentsOmitted).toBe(4);
    expect(carried.lastIncident).toBe('incident-of-h2');

    // Queuing h4 dropped h2 with its one incident.
    const next = queueOne(queue, 'h5', 5000).carried;
    expect(next.droppedHeartbeats).toBe(1);
    expect(next.incidentsOmitted).toBe(1);
  });

  it('counts a dropped heartbeat with the drops it reported', () => {
    const queue = open({ maxQueued: 1 });
    queueOne(queue, 'h1', 1000);
    queueOne(queue, 'h2', 2000);
    // Queuing h2 dropped h1, so h3 reports one drop; queuing h4 drops h2, so h4 reports one.
    expect(queueOne(queue, 'h3', 3000).carried.droppedHeartbeats).toBe(1);
    expect(queueOne(queue, 'h4', 4000).carried.droppedHeartbeats).toBe(1);

    // Queuing h4 also dropped h3, whose own report of h1 is lost with it, so h5 reports both.
    expect(queueOne(queue, 'h5', 5000).carried.droppedHeartbeats).toBe(2);
  });

  it('carries a discarded heartbeat into the next', () => {
    const queue = open();
    queueOne(queue, 'h1', 1000, 3);
    queueOne(queue, 'h2', 2000);
    queue.discard!('h1', 3000, 'HTTP 400 malformed');

    expect(ids(queue)).toEqual(['h2']);
    const { carried } = queueOne(queue, 'h3', 4000);
    expect(carried).toEqual({ droppedHeartbeats: 1, incidentsOmitted: 3, lastIncident: 'incident-of-h1' });
  });

  it('ignores results for a heartbeat already gone', () => {
    const queue = open();
    expect(queue.recordFailure('gone', 1000, 'HTTP 500')).toBeNull();
    expect(() => queue.markDelivered('gone', 1000)).not.toThrow();
    expect(() => queue.discard!('gone', 1000, 'HTTP 400')).not.toThrow();
  });

  it('keeps heartbeats and carry-over across a reopen', () => {
    const first = open({ maxQueued: 1 });
    queueOne(first, 'h1', 1000, 2);
    queueOne(first, 'h2', 2000);
    first.close();
    opened.splice(opened.indexOf(first), 1);

    const second = open({ maxQueued: 1 });
    expect(ids(second)).toEqual(['h2']);
    expect(queueOne(second, 'h3', 3000).carried).toEqual({ droppedHeartbeats: 1, incidentsOmitted: 2, lastIncident: 'incident-of-h1' });
  });

  it('replaces a damaged file', () => {
    const queue = open();
    queueOne(queue, 'h1', 1000);
    queue.close();
    opened.splice(0);
    writeFileSync(file, 'not an SQLite database, just text long enough to fill a header page'.repeat(20));

    const fresh = open();
    expect(ids(fresh)).toEqual([]);
    queueOne(fresh, 'h2', 2000);
    expect(ids(fresh)).toEqual(['h2']);
  });

  it('rejects a bound of 0', () => {
    expect(() => open({ maxQueued: 0 })).toThrow(/maxQueued=0 is invalid/);
  });
});
