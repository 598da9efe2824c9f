// What the kiosk and its supervisor (src-main/watchdog) say to each other, and the incident log
// they both append to. The supervisor starts the kiosk with the address of a local socket (a
// Unix socket, or a named pipe on Windows) in MINSHENG_WATCHDOG_SOCKET; the kiosk connects and
// writes one JSON message per line. A kiosk started without the variable runs unsupervised.
import { z } from 'zod';
import { IncidentSchema } from './admin-api.js';

export const WATCHDOG_SOCKET_ENV = 'MINSHENG_WATCHDOG_SOCKET';

/** Lines longer than this are dropped by the supervisor, so a broken kiosk cannot fill its memory. */
export const WATCHDOG_MAX_LINE_BYTES = 4096;

export const HeartbeatMessageSchema = z.object({
  type: z.literal('heartbeat'),
  pid: z.number().int().positive(),
  // Bytes used by all the kiosk's processes together (Electron: app.getAppMetrics()).
  memoryBytes: z.number().nonnegative(),
  // True while a villager's session or the admin screen is open: the daily restart waits.
  busy: z.boolean(),
});
export type HeartbeatMessage = z.infer<typeof HeartbeatMessageSchema>;

// Something the kiosk recovered from by itself, such as a renderer reloaded after it was gone.
export const IncidentMessageSchema = z.object({ type: z.literal('incident'), kind: z.string().max(64), detail: z.string().max(2000) });

export const WatchdogMessageSchema = z.discriminatedUnion('type', [HeartbeatMessageSchema, IncidentMessageSchema]);
export type WatchdogMessage = z.infer<typeof WatchdogMessageSchema>;

/**
 * The incident log: one IncidentSchema JSON object per line, appended by the supervisor for each
 * restart and by the kiosk for each recovery. It lives in the data folder's logs directory.
 */
export const INCIDENTS_FILE = 'logs/incidents.jsonl';
export { IncidentSchema };
export type { Incident } from './admin-api.js';

/**
 * Exit code of a kiosk that a technician closed from the admin screen ("exit to desktop"): the
 * supervisor records it and does not restart the kiosk until it is started again.
 */
export const TECHNICIAN_EXIT_CODE = 64;
