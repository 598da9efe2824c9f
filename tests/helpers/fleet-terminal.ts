// A terminal config with a fleet heartbeat section, and heartbeats as a kiosk sends them, for the
// fleet tests. Both pass the product's schemas.
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { FleetHeartbeatSchema, HEARTBEAT_FORMAT } from '../../src-shared/fleet-api.js';
import type { FleetHeartbeat } from '../../src-shared/fleet-api.js';
import { TerminalConfigSchema } from '../../src-main/core/config.js';
import type { LoadedConfig } from '../../src-main/core/config.js';
import type { HeartbeatHost } from '../../src-main/core/fleet/build-heartbeat.js';

export const FLEET_TERMINAL_ID = 'T-430121-01';

/** Returns a loaded config whose heartbeat goes to `heartbeatUrl` every `intervalMinutes`. */
export function fleetTerminal(dataDir: string, heartbeatUrl: string, overrides: Record<string, unknown> = {}): LoadedConfig {
  const config = TerminalConfigSchema.parse({
    terminalId: FLEET_TERMINAL_ID,
    terminalName: '金河镇便民服务中心',
    regionCode: '430121',
    dataDir,
    sync: { source: 'https://county.example/bundles/', trust: 'publisher.pub.pem' },
    heartbeat: { url: heartbeatUrl, intervalMinutes: 10 },
    ...overrides,
  });
  return {
    config,
    file: path.join(dataDir, 'terminal.json'),
    dataDir,
    trust: { kind: 'file', file: path.join(dataDir, 'publisher.pub.pem') },
    source: config.sync.source,
    commissionKeyFile: null,
  };
}

/** A host whose printer is installed. */
export const READY_PRINTER_HOST: HeartbeatHost = {
  printerStatus: async () => ({ state: 'ready', detail: 'installed as "POS-80"' }),
  appVersion: '1.2.3',
};

/** Returns a heartbeat that passes FleetHeartbeatSchema, with the fields of `overrides` in place of the defaults. */
export function sampleHeartbeat(overrides: Partial<FleetHeartbeat> = {}): FleetHeartbeat {
  return FleetHeartbeatSchema.parse({
    format: HEARTBEAT_FORMAT,
    id: randomUUID(),
    terminalId: FLEET_TERMINAL_ID,
    terminalName: '金河镇便民服务中心',
    regionCode: '430121',
    createdAt: '2026-05-12T08:00:00.000Z',
    intervalMinutes: 15,
    versions: { app: '1.2.3', electron: '39.2.1', data: 12 },
    lastSync: { at: '2026-05-12T07:00:00.000Z', succeededAt: '2026-05-12T07:00:00.000Z', problems: [] },
    incidents: [],
    incidentsOmitted: 0,
    droppedHeartbeats: 0,
    printer: { state: 'ready', detail: null },
    outbox: { waiting: 0, retrying: 0 },
    diskFreeBytes: 10_000_000_000,
    ...overrides,
  } satisfies FleetHeartbeat);
}
