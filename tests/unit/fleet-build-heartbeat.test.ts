// Building a fleet heartbeat from a real data folder: the incidents since the previous heartbeat,
// the problems of status.json, the carried-over counts, and no personal numbers in the body.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Incident } from '../../src-shared/admin-api.js';
import { FleetHeartbeatSchema, MAX_HEARTBEAT_INCIDENTS } from '../../src-shared/fleet-api.js';
import { composeHeartbeat, incidentsSince, readHeartbeatInputs } from '../../src-main/core/fleet/build-heartbeat.js';
import type { HeartbeatHost } from '../../src-main/core/fleet/build-heartbeat.js';
import { appendIncident } from '../../src-main/core/incidents.js';
import { fleetTerminal } from '../helpers/fleet-terminal.js';
import { makeTempDir } from '../helpers/temp.js';

const NOW = new Date('2026-05-12T09:00:00.000Z');
// Shaped like an 18-digit ID number and an 11-digit mobile number; neither may leave the terminal.
const ID_SHAPED = '430121199001011234';
const PHONE_SHAPED = '13812345678';

let temp: ReturnType<typeof makeTempDir>;

beforeEach(() => {
  temp = makeTempDir();
});

afterEach(() => temp.remove());

function incident(index: number): Incident {
  return { at: new Date(Date.UTC(2026, 4, 1, 0, index)).toISOString(), kind: 'renderer-gone', detail: `reload ${index}` };
}

/** Newest first, as readIncidents returns them. */
function newestFirst(count: number): Incident[] {
  return Array.from({ length: count }, (_, index) => incident(count - 1 - index));
}

const host: HeartbeatHost = {
  printerStatus: async () => ({ state: 'not-found', detail: `no printer named "POS-80"; call ${PHONE_SHAPED}` }),
  appVersion: '1.2.3',
};

describe('incidentsSince', () => {
  it('takes those after the last one covered', () => {
    const recent = newestFirst(5);
    const picked = incidentsSince(recent, JSON.stringify(incident(2)));

    expect(picked.listed.map((item) => item.detail)).toEqual(['reload 3', 'reload 4']);
    expect(picked.omitted).toBe(0);
    expect(picked.newest).toBe(JSON.stringify(incident(4)));
  });

  it('takes every incident on the first heartbeat', () => {
    expect(incidentsSince(newestFirst(3), null).listed).toHaveLength(3);
  });

  it('keeps its start when nothing is new', () => {
    const start = JSON.stringify(incident(4));
    expect(incidentsSince(newestFirst(5), start)).toEqual({ listed: [], omitted: 0, newest: start });
  });

  it('takes all read when the start is gone', () => {
    const picked = incidentsSince(newestFirst(3), JSON.stringify({ at: '2020-01-01T00:00:00.000Z', kind: 'crash', detail: 'rotated away' }));
    expect(picked.listed).toHaveLength(3);
  });

  it('lists the newest 50 and counts the rest', () => {
    const picked = incidentsSince(newestFirst(MAX_HEARTBEAT_INCIDENTS + 7), null);

    expect(picked.listed).toHaveLength(MAX_HEARTBEAT_INCIDENTS);
    expect(picked.omitted).toBe(7);
    expect(picked.listed[0]!.detail).toBe('reload 7');
    expect(picked.listed.at(-1)!.detail).toBe(`reload ${MAX_HEARTBEAT_INCIDENTS + 6}`);
  });
});

describe('composeHeartbeat', () => {
  it('builds a heartbeat without personal numbers', async () => {
    const dataDir = path.join(temp.dir, 'data');
    mkdirSync(dataDir, { recursive: true });
    const status = {
      lastSync: { at: '2026-05-12T08:00:00.000Z', status: 'failed', reason: 'network', detail: 'fetch failed' },
      lastInstalled: { at: '2026-05-10T08:00:00.000Z', version: 3 },
      problems: [{ code: 'sync-failing', since: '2026-05-11T08:00:00.000Z', detail: `source answered for ${ID_SHAPED}` }],
    };
    writeFileSync(path.join(dataDir, 'status.json'), JSON.stringify(status));
    await appendIncident(dataDir, 'renderer-gone', `crashed while showing ${ID_SHAPED}`, new Date('2026-05-12T07:00:00.000Z'));

    const loaded = fleetTerminal(dataDir, 'http://127.0.0.1:9/heartbeats');
    const readings = await readHeartbeatInputs(loaded, host, NOW);
    const built = composeHeartbeat(loaded, host, readings, { droppedHeartbeats: 2, incidentsOmitted: 5, lastIncident: null }, NOW);
    const text = Buffer.from(built.body).toString('utf8');
    const heartbeat = FleetHeartbeatSchema.parse(JSON.parse(text));

    expect(text).not.toContain(ID_SHAPED);
    expect(text).not.toContain(PHONE_SHAPED);
    expect(heartbeat.id).toBe(built.id);
    expect(heartbeat.terminalId).toBe('T-430121-01');
    expect(heartbeat.createdAt).toBe(NOW.toISOString());
    expect(heartbeat.intervalMinutes).toBe(10);
    expect(heartbeat.versions).toEqual({ app: '1.2.3', electron: null, data: null });
    expect(heartbeat.lastSync.at).toBe('2026-05-12T08:00:00.000Z');
    expect(heartbeat.lastSync.succeededAt).toBe('2026-05-10T08:00:00.000Z');
    expect(heartbeat.lastSync.problems.map((problem) => problem.code)).toContain('sync-failing');
    expect(heartbeat.incidents.map((item) => item.kind)).toEqual(['renderer-gone']);
    expect(heartbeat.incidentsOmitted).toBe(5);
    expect(heartbeat.droppedHeartbeats).toBe(2);
    expect(heartbeat.printer.state).toBe('not-found');
    expect(heartbeat.outbox).toEqual({ waiting: 0, retrying: 0 });
    expect(built.incidents).toBe(6);
    expect(built.droppedHeartbeats).toBe(2);
  });

  it('reports an unknown printer when reading it fails', async () => {
    const dataDir = path.join(temp.dir, 'data');
    mkdirSync(dataDir, { recursive: true });
    const loaded = fleetTerminal(dataDir, 'http://127.0.0.1:9/heartbeats');
    const failing: HeartbeatHost = { printerStatus: () => Promise.reject(new Error('spooler gone')), appVersion: '1.2.3' };

    const readings = await readHeartbeatInputs(loaded, failing, NOW);
    const built = composeHeartbeat(loaded, failing, readings, { droppedHeartbeats: 0, incidentsOmitted: 0, lastIncident: null }, NOW);
    const heartbeat = FleetHeartbeatSchema.parse(JSON.parse(Buffer.from(built.body).toString('utf8')));

    expect(heartbeat.printer).toEqual({ state: 'unknown', detail: 'reading the printer state failed: spooler gone' });
  });
});
