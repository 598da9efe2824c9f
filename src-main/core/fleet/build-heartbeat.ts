// Builds a fleet heartbeat (src-shared/fleet-api.ts) from the data folder and the host. The data
// folder gives the installed version, the last sync and its problems, the report outbox and the
// incident log. The host gives its printer's state and its app version. Reading is async and
// done first; composing is synchronous, so it can run inside the heartbeat queue's transaction
// with what the queue carried over.
import { randomUUID } from 'node:crypto';
import { FleetHeartbeatSchema, HEARTBEAT_FORMAT, MAX_HEARTBEAT_DETAIL, MAX_HEARTBEAT_INCIDENTS, MAX_HEARTBEAT_PROBLEMS } from '../../../src-shared/fleet-api.js';
import type { FleetHeartbeat, HeartbeatIncident } from '../../../src-shared/fleet-api.js';
import type { Incident } from '../../../src-shared/admin-api.js';
import { diskOf, lastSyncOf } from '../admin/diagnostics.js';
import type { PrinterStatus } from '../admin/diagnostics.js';
import type { LoadedConfig } from '../config.js';
import { readTerminalReport } from '../data-folder/terminal-status.js';
import type { TerminalReport } from '../data-folder/terminal-status.js';
import { MAX_INCIDENTS_READ, readIncidents } from '../incidents.js';
import { createLogger, scrubText } from '../log.js';
import type { CarriedOver, NewHeartbeat } from './heartbeat-queue.js';

const log = createLogger('fleet-heartbeat');

/** The host's part of a heartbeat: its printer state and app version. */
export interface HeartbeatHost {
  printerStatus(): Promise<PrinterStatus>;
  appVersion: string;
}

/** Everything read for one heartbeat before it is composed. */
export interface HeartbeatReadings {
  report: TerminalReport;
  /** Newest first, as readIncidents returns them. */
  recentIncidents: Incident[];
  printer: PrinterStatus;
  diskFreeBytes: number | null;
}

/** Removes personal-number shapes and cuts a technical text to the heartbeat's detail length. */
function cleanDetail(text: string): string {
  return scrubText(text).slice(0, MAX_HEARTBEAT_DETAIL);
}

async function printerOf(host: HeartbeatHost): Promise<PrinterStatus> {
  try {
    return await host.printerStatus();
  } catch (error) {
    return { state: 'unknown', detail: `reading the printer state failed: ${(error as Error).message}` };
  }
}

/** Reads the data folder and the host. An unreadable incident log counts as one with no incidents. */
export async function readHeartbeatInputs(loaded: LoadedConfig, host: HeartbeatHost, now: Date): Promise<HeartbeatReadings> {
  const [recentIncidents, printer, disk] = await Promise.all([
    readIncidents(loaded.dataDir, MAX_INCIDENTS_READ).catch((error: unknown) => {
      log.error({ err: error }, 'cannot read the incident log; this heartbeat lists no incidents');
      return [];
    }),
    printerOf(host),
    diskOf(loaded.dataDir),
  ]);
  return {
    report: readTerminalReport(loaded.dataDir, now),
    recentIncidents,
    printer,
    // diskOf returns zero totals for a folder it cannot measure.
    diskFreeBytes: disk.totalBytes === 0 ? null : disk.freeBytes,
  };
}

/**
 * Picks the incidents after `lastIncident` (the JSON of the newest one covered before) from
 * `recent`, newest first. Returns at most MAX_HEARTBEAT_INCIDENTS of the newest, oldest first,
 * the number left out, and the JSON of the newest. When `lastIncident` is not among `recent` (the
 * first heartbeat, or a log rotated past it), every incident read counts as new.
 */
export function incidentsSince(
  recent: readonly Incident[],
  lastIncident: string | null,
): { listed: HeartbeatIncident[]; omitted: number; newest: string | null } {
  const seen = recent.findIndex((incident) => JSON.stringify(incident) === lastIncident);
  const fresh = seen === -1 ? recent : recent.slice(0, seen);

  const listed = fresh
    .slice(0, MAX_HEARTBEAT_INCIDENTS)
    .reverse()
    .map((incident) => ({ at: incident.at, kind: incident.kind, detail: cleanDetail(incident.detail) }));
  return { listed, omitted: fresh.length - listed.length, newest: fresh.length > 0 ? JSON.stringify(fresh[0]) : lastIncident };
}

/** Composes the heartbeat from the readings and what the queue carried over; the result passes FleetHeartbeatSchema. */
export function composeHeartbeat(loaded: LoadedConfig, host: HeartbeatHost, readings: HeartbeatReadings, carried: CarriedOver, now: Date): NewHeartbeat {
  const { config } = loaded;
  const { report } = readings;
  const incidents = incidentsSince(readings.recentIncidents, carried.lastIncident);
  const lastSync = lastSyncOf(report);

  const heartbeat: FleetHeartbeat = FleetHeartbeatSchema.parse({
    format: HEARTBEAT_FORMAT,
    id: randomUUID(),
    terminalId: config.terminalId,
    terminalName: config.terminalName,
    regionCode: config.regionCode,
    createdAt: now.toISOString(),
    intervalMinutes: config.heartbeat?.intervalMinutes ?? 15,
    versions: { app: host.appVersion.slice(0, 64), electron: process.versions.electron ?? null, data: report.current?.version ?? null },
    lastSync: {
      at: lastSync?.at ?? null,
      succeededAt: lastSync?.succeededAt ?? null,
      problems: report.status.problems
        .slice(0, MAX_HEARTBEAT_PROBLEMS)
        .map((problem) => ({ code: problem.code, since: problem.since, detail: cleanDetail(problem.detail) })),
    },
    incidents: incidents.listed,
    incidentsOmitted: incidents.omitted + carried.incidentsOmitted,
    droppedHeartbeats: carried.droppedHeartbeats,
    printer: { state: readings.printer.state, detail: readings.printer.detail === null ? null : cleanDetail(readings.printer.detail) },
    outbox: { waiting: report.outbox.waiting, retrying: report.outbox.retrying },
    diskFreeBytes: readings.diskFreeBytes,
  } satisfies FleetHeartbeat);

  return {
    id: heartbeat.id,
    body: Buffer.from(JSON.stringify(heartbeat), 'utf8'),
    createdAt: now.getTime(),
    droppedHeartbeats: heartbeat.droppedHeartbeats,
    incidents: heartbeat.incidents.length + heartbeat.incidentsOmitted,
    lastIncident: incidents.newest,
  };
}
