// The technician's part of the KioskApi: the hidden admin screen. The renderer unlocks it with
// the PIN and gets a session token; every other call carries the token. The PIN check, the
// lockout after wrong PINs and the token live in the main process, so a renderer that is
// tampered with cannot skip them. Both hosts and the renderer parse every value with these
// schemas, like kiosk-api.ts.
import { z } from 'zod';
import { PrintLayoutSchema } from './kiosk-api.js';

/** Digits of an admin PIN; `minsheng provision` enforces the same range. */
export const ADMIN_PIN_MIN = 6;
export const ADMIN_PIN_MAX = 12;

export const AdminUnlockRequestSchema = z.object({ pin: z.string().max(64) });

export const AdminUnlockResultSchema = z.discriminatedUnion('status', [
  // The token opens the other admin calls until the admin screen is left or sits idle.
  z.object({ status: z.literal('unlocked'), token: z.string().min(16).max(128) }),
  z.object({ status: z.literal('wrong-pin'), attemptsLeft: z.number().int().nonnegative() }),
  // Too many wrong PINs: the pad stays locked until `until` (ISO date-time).
  z.object({ status: z.literal('locked'), until: z.string() }),
  // The terminal config has no admin section.
  z.object({ status: z.literal('not-configured') }),
  // Result for an empty PIN, which the pad sends when it opens: not locked, and the number of
  // wrong PINs left. An empty PIN is never checked and never counts as wrong.
  z.object({ status: z.literal('ready'), attemptsLeft: z.number().int().nonnegative() }),
]);
export type AdminUnlockResult = z.infer<typeof AdminUnlockResultSchema>;

export const AdminTokenRequestSchema = z.object({ token: z.string().min(16).max(128) });

// Result of a call whose token is unknown or expired. The screen then returns to the PIN pad.
export const AdminExpiredSchema = z.object({ status: z.literal('expired') });

export const IncidentSchema = z.object({
  // ISO date-time.
  at: z.string(),
  // crash, hang, memory, renderer-gone, renderer-unresponsive, gpu-crash, daily-restart, ...
  kind: z.string().max(64),
  // English technical detail, personal fields redacted.
  detail: z.string().max(2000),
});
export type Incident = z.infer<typeof IncidentSchema>;

export const PRINTER_STATES = ['ready', 'not-configured', 'not-found', 'error', 'unknown'] as const;

export const DiagnosticsSchema = z.object({
  terminalId: z.string(),
  terminalName: z.string(),
  regionCode: z.string(),
  versions: z.object({
    app: z.string(),
    // Null under the browser host.
    electron: z.string().nullable(),
    chromium: z.string().nullable(),
    node: z.string(),
  }),
  // The installed snapshot; null before the first sync.
  snapshot: z
    .object({ version: z.number().int(), dataAsOf: z.string(), createdAt: z.string(), expiresAt: z.string(), expired: z.boolean() })
    .nullable(),
  lastSync: z
    .object({
      // ISO date-time of the last pass and of the last one that succeeded.
      at: z.string().nullable(),
      succeededAt: z.string().nullable(),
      // Open problem codes from the data folder's status (empty when the last pass was clean).
      problems: z.array(z.object({ code: z.string(), detail: z.string() })),
      // The last pass's result: its status, and for a failure the reason code (network, io, ...)
      // and the technical detail. Missing from hosts older than this field.
      outcome: z
        .object({
          status: z.enum(['installed', 'up-to-date', 'rejected', 'failed']),
          reason: z.string().nullable(),
          detail: z.string().nullable(),
        })
        .optional(),
    })
    .nullable(),
  disk: z.object({ path: z.string(), freeBytes: z.number().nonnegative(), totalBytes: z.number().nonnegative() }),
  memory: z.object({ processBytes: z.number().nonnegative(), systemFreeBytes: z.number().nonnegative(), systemTotalBytes: z.number().nonnegative() }),
  printer: z.object({
    state: z.enum(PRINTER_STATES),
    name: z.string().nullable(),
    layout: PrintLayoutSchema.nullable(),
    detail: z.string().nullable(),
  }),
  outbox: z.object({ waiting: z.number().int().nonnegative(), lastError: z.string().nullable() }),
  // The fleet heartbeat queue for the county endpoint: heartbeats waiting, those that failed at
  // least once, those dropped unsent and not yet reported, the error holding the queue, and the
  // problem of an unreadable queue file. Absent when the config has no heartbeat section, and
  // from hosts older than this field.
  fleet: z
    .object({
      waiting: z.number().int().nonnegative(),
      retrying: z.number().int().nonnegative(),
      dropped: z.number().int().nonnegative(),
      lastError: z.string().nullable(),
      problem: z.string().nullable(),
    })
    .optional(),
  // Newest first, at most 50.
  incidents: z.array(IncidentSchema),
  // The newest log lines, personal fields redacted, at most 200.
  logLines: z.array(z.string()),
});
export type Diagnostics = z.infer<typeof DiagnosticsSchema>;

export const ADMIN_ACTIONS = ['sync-now', 'network-check', 'test-print', 'import-usb', 'export-logs', 'exit-to-desktop'] as const;
export const AdminActionSchema = z.enum(ADMIN_ACTIONS);
export type AdminAction = z.infer<typeof AdminActionSchema>;

export const AdminActionRequestSchema = z.object({ token: z.string().min(16).max(128), action: AdminActionSchema });

export const AdminActionResultSchema = z.discriminatedUnion('status', [
  // `code` picks the catalog line the screen shows (admin:result.<action>.<code>); `detail` is
  // technical text for the technician, such as a folder or an HTTP status.
  z.object({ status: z.literal('done'), code: z.string().max(64), detail: z.string().max(2000) }),
  z.object({ status: z.literal('failed'), code: z.string().max(64), detail: z.string().max(2000) }),
  AdminExpiredSchema,
]);
export type AdminActionResult = z.infer<typeof AdminActionResultSchema>;

export const AdminDiagnosticsResultSchema = z.discriminatedUnion('status', [
  z.object({ status: z.literal('ok'), diagnostics: DiagnosticsSchema }),
  AdminExpiredSchema,
]);
export type AdminDiagnosticsResult = z.infer<typeof AdminDiagnosticsResultSchema>;

// Result of adminTouch. The token stays valid for ADMIN_TOKEN_IDLE_SECONDS more.
export const AdminTouchResultSchema = z.discriminatedUnion('status', [z.object({ status: z.literal('ok') }), AdminExpiredSchema]);
export type AdminTouchResult = z.infer<typeof AdminTouchResultSchema>;

export interface AdminApi {
  adminUnlock(request: z.infer<typeof AdminUnlockRequestSchema>): Promise<AdminUnlockResult>;
  adminDiagnostics(request: z.infer<typeof AdminTokenRequestSchema>): Promise<AdminDiagnosticsResult>;
  adminAction(request: z.infer<typeof AdminActionRequestSchema>): Promise<AdminActionResult>;
  /** Restarts the token's idle time without other work: the screen calls it when the technician taps. */
  adminTouch(request: z.infer<typeof AdminTokenRequestSchema>): Promise<AdminTouchResult>;
  /** Ends the admin session; the token stops working. */
  adminLock(request: z.infer<typeof AdminTokenRequestSchema>): Promise<void>;
}

/**
 * The result codes each action can return, for the screen's catalog (admin:result.<action>.<code>).
 * Every action may also fail with 'internal' when the host hit an unexpected error.
 */
export const ADMIN_RESULT_CODES = {
  // installed and up-to-date mean done. The rest are failures: no result within
  // ADMIN_SYNC_WAIT_SECONDS (still-running), a rejected bundle, a sync failure reason (network,
  // io, disk-full, read-only, busy when another pass has locked the data folder), or a trust
  // anchor that cannot be read.
  'sync-now': ['installed', 'up-to-date', 'still-running', 'rejected', 'network', 'io', 'disk-full', 'read-only', 'busy', 'trust-unreadable', 'internal'],
  // reachable: every configured address answered; unreachable: at least one did not; detail
  // lists each address with its HTTP status or error. nothing-to-check: no network address is
  // configured (the source is a folder or USB).
  'network-check': ['reachable', 'unreachable', 'nothing-to-check', 'internal'],
  'test-print': ['printed', 'not-configured', 'failed', 'internal'],
  // The sync-now codes, plus no-usb when no mounted medium contains minsheng-bundles/<region
  // code>/, and not-regular-file when that folder or its manifest is a link, a pipe or a device.
  'import-usb': ['installed', 'up-to-date', 'still-running', 'no-usb', 'not-regular-file', 'rejected', 'network', 'io', 'disk-full', 'read-only', 'busy', 'trust-unreadable', 'internal'],
  // exported: detail is the folder written; no-usb: no mounted medium; write-failed: the medium
  // is read-only, full or was pulled.
  'export-logs': ['exported', 'no-usb', 'write-failed', 'internal'],
  // exiting: the kiosk closes right after answering; not-supported: the browser host cannot.
  'exit-to-desktop': ['exiting', 'not-supported', 'internal'],
} as const satisfies Record<AdminAction, readonly string[]>;
export type AdminResultCode<A extends AdminAction> = (typeof ADMIN_RESULT_CODES)[A][number];

/**
 * Seconds sync-now and import-usb wait for their sync pass. A longer pass, such as one retrying a
 * source that does not respond, goes on in the background. The action then fails as
 * still-running, and the pass's result shows in the diagnostics when it ends.
 */
export const ADMIN_SYNC_WAIT_SECONDS = 120;

/** Seconds without a tap after which the admin screen locks itself. */
export const ADMIN_SCREEN_IDLE_SECONDS = 5 * 60;
/** The screen sends adminTouch at most this often while the technician taps. */
export const ADMIN_TOUCH_INTERVAL_SECONDS = 30;
/**
 * An admin session token stops working after this many seconds without an admin call. It is a
 * minute longer than the screen's idle time, so the screen, which calls at most
 * ADMIN_TOUCH_INTERVAL_SECONDS after a tap, always locks itself before the host drops the token.
 */
export const ADMIN_TOKEN_IDLE_SECONDS = ADMIN_SCREEN_IDLE_SECONDS + 60;

/** The value an AdminApi method resolves to. */
export type AdminApiResult<M extends keyof AdminApi> = Awaited<ReturnType<AdminApi[M]>>;

// The schema each AdminApi method's result must pass; the preload and the HTTP client parse with it.
export const ADMIN_RESULT_SCHEMAS: { readonly [M in keyof AdminApi]: z.ZodType<AdminApiResult<M>> } = {
  adminUnlock: AdminUnlockResultSchema,
  adminDiagnostics: AdminDiagnosticsResultSchema,
  adminAction: AdminActionResultSchema,
  adminTouch: AdminTouchResultSchema,
  adminLock: z.void(),
};

export const ADMIN_CHANNELS = {
  adminUnlock: 'kiosk:admin-unlock',
  adminDiagnostics: 'kiosk:admin-diagnostics',
  adminAction: 'kiosk:admin-action',
  adminTouch: 'kiosk:admin-touch',
  adminLock: 'kiosk:admin-lock',
} as const;

export const ADMIN_HTTP_PATHS = {
  adminUnlock: '/api/admin/unlock',
  adminDiagnostics: '/api/admin/diagnostics',
  adminAction: '/api/admin/action',
  adminTouch: '/api/admin/touch',
  adminLock: '/api/admin/lock',
} as const;
