// The fleet heartbeat: what a kiosk tells the county about itself every heartbeat.intervalMinutes,
// so that the county sees a broken or silent terminal without a visit. The kiosk builds it from
// its data folder, keeps it in a durable queue while the county endpoint cannot be reached, and
// posts the queue in order (core/fleet). `minsheng receive` stores each heartbeat once by its id,
// and `minsheng fleet status` lists the terminals. Both sides parse the body with this schema.
// A heartbeat carries no personal data: incident and problem details are technical English text
// from which digit runs shaped like ID, card or phone numbers were removed.
import { z } from 'zod';
import { IncidentSchema, PRINTER_STATES } from './admin-api.js';

/** Value of `format`; a receiver rejects a heartbeat of a format it does not know. */
export const HEARTBEAT_FORMAT = 1;

/** Content type of a heartbeat POST; the body is the heartbeat as UTF-8 JSON. */
export const HEARTBEAT_CONTENT_TYPE = 'application/vnd.minsheng.heartbeat+json';

/** Most incidents one heartbeat lists; older ones since the previous heartbeat are only counted. */
export const MAX_HEARTBEAT_INCIDENTS = 50;
/** Most open problems one heartbeat lists. */
export const MAX_HEARTBEAT_PROBLEMS = 20;
/** Longest incident or problem detail in a heartbeat; the kiosk cuts longer ones. */
export const MAX_HEARTBEAT_DETAIL = 500;

/**
 * Largest heartbeat body the receiver reads. The largest heartbeat the schema allows is about
 * 50 incidents and 20 problems of 500 characters (under 230,000 bytes even when JSON escapes
 * every character as 6 bytes).
 */
export const MAX_HEARTBEAT_BYTES = 256 * 1024;

const IsoDateTime = z.string().datetime({ offset: true });

export const HeartbeatIncidentSchema = IncidentSchema.extend({ detail: z.string().max(MAX_HEARTBEAT_DETAIL) });

export const HeartbeatProblemSchema = z.object({
  // A problem code of the data folder's status, such as network or data-expired.
  code: z.string().min(1).max(64),
  // When the problem began (ISO date-time), or null when the kiosk found it while reading.
  since: IsoDateTime.nullable(),
  detail: z.string().max(MAX_HEARTBEAT_DETAIL),
});

export const FleetHeartbeatSchema = z.object({
  format: z.literal(HEARTBEAT_FORMAT),
  // Random UUID, also sent as the idempotency key: the receiver stores each id once.
  id: z.string().uuid(),
  terminalId: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/),
  terminalName: z.string().min(1).max(100),
  regionCode: z.string().regex(/^\d{6}$/),
  // When the kiosk built the heartbeat, by its clock. A queued heartbeat keeps this time.
  createdAt: IsoDateTime,
  // The terminal's heartbeat.intervalMinutes: the county counts a terminal as stale after three.
  intervalMinutes: z.number().int().min(1).max(24 * 60),
  versions: z.object({
    app: z.string().min(1).max(64),
    // Null under the browser host.
    electron: z.string().max(64).nullable(),
    // The installed snapshot's version; null before the first sync.
    data: z.number().int().nonnegative().nullable(),
  }),
  lastSync: z.object({
    // ISO date-time of the last sync pass and of the last one that succeeded; null before any.
    at: IsoDateTime.nullable(),
    succeededAt: IsoDateTime.nullable(),
    // Open problems of the data folder, empty when the terminal is sound.
    problems: z.array(HeartbeatProblemSchema).max(MAX_HEARTBEAT_PROBLEMS),
  }),
  // Incidents recorded since the previous heartbeat, oldest first.
  incidents: z.array(HeartbeatIncidentSchema).max(MAX_HEARTBEAT_INCIDENTS),
  // Incidents since the previous heartbeat that are not listed: past the 50 listed, or carried by
  // heartbeats that the full queue dropped.
  incidentsOmitted: z.number().int().nonnegative(),
  // Heartbeats the kiosk dropped since the previous one: the oldest of a full queue, or ones the
  // receiver rejected.
  droppedHeartbeats: z.number().int().nonnegative(),
  printer: z.object({ state: z.enum(PRINTER_STATES), detail: z.string().max(MAX_HEARTBEAT_DETAIL).nullable() }),
  // Sealed reports waiting for upload, and how many of them failed before.
  outbox: z.object({ waiting: z.number().int().nonnegative(), retrying: z.number().int().nonnegative() }),
  // Bytes an unprivileged process may still write on the data folder's disk; null when unknown.
  diskFreeBytes: z.number().int().nonnegative().nullable(),
});
export type FleetHeartbeat = z.infer<typeof FleetHeartbeatSchema>;
export type HeartbeatIncident = z.infer<typeof HeartbeatIncidentSchema>;
export type HeartbeatProblem = z.infer<typeof HeartbeatProblemSchema>;
