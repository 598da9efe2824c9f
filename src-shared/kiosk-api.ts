// The one interface between the renderer and whichever host runs it. The Electron preload
// implements it over IPC and the browser host over HTTP; both sides parse every value with
// these schemas, so a wrong shape fails at the boundary and never reaches a screen.
import { z } from 'zod';
import type { BoardsApi } from './boards-api.js';
import type { EmergencyNoticesApi } from './emergency-notices.js';
import type { ReportsApi } from './reports-api.js';

export const LANGUAGES = ['zh-CN', 'en'] as const;
export const LanguageSchema = z.enum(LANGUAGES);
export type Language = z.infer<typeof LanguageSchema>;

export const SnapshotInfoSchema = z.object({
  version: z.number().int().positive(),
  regionCode: z.string(),
  regionName: z.string(),
  createdAt: z.string(),
  // Date (YYYY-MM-DD) up to which the county's data is complete: the "data as of" line.
  dataAsOf: z.string(),
  householdCount: z.number().int().nonnegative(),
  // Expiry (ISO date-time) from the signed manifest.
  expiresAt: z.string(),
  // The host sets these two with dataAge() from src-shared/data-age.ts. Its "now" is the later of
  // the terminal's clock and the newest signed time seen, so a clock turned back revives nothing.
  expired: z.boolean(),
  // Whole days since createdAt.
  ageDays: z.number().int().nonnegative(),
});
export type SnapshotInfo = z.infer<typeof SnapshotInfoSchema>;

/** a4: a sheet of A4 paper; receipt-80mm: an 80 mm thermal receipt roll. */
export const PRINT_LAYOUTS = ['a4', 'receipt-80mm'] as const;
export const PrintLayoutSchema = z.enum(PRINT_LAYOUTS);
export type PrintLayout = z.infer<typeof PrintLayoutSchema>;

export const KioskSettingsSchema = z.object({
  terminalName: z.string(),
  defaultLanguage: LanguageSchema,
  // Seconds without a touch before the session is wiped, and how long the warning shows first.
  idleTimeoutSeconds: z.number().int().min(10),
  idleWarningSeconds: z.number().int().min(5),
  // Township or village the boards open on (config home.regionCode; the county when absent).
  homeRegionCode: z.string().regex(/^\d{6,12}$/),
  // Village finance entries above this amount are flagged (config finance.flagAboveYuan).
  financeFlagThresholdFen: z.number().int().nonnegative(),
  // The terminal's ID from its config; QR codes and receipts carry it.
  terminalId: z.string(),
  // Addresses behind the QR codes (config reporting); null when the county configured none, and
  // then the screens show no QR code. `canFile` is false when no commission key is configured,
  // and then the screens offer no 一键举报.
  reporting: z
    .object({ reportUrl: z.string(), trackUrl: z.string().nullable(), canFile: z.boolean() })
    .nullable(),
  // Print settings: whether the print buttons show, and the paper the configured printer takes.
  printing: z.object({ enabled: z.boolean(), layout: PrintLayoutSchema }),
  // The hidden admin entry: the corner tapped five times opens the PIN pad; null when the
  // terminal has no admin PIN.
  admin: z.object({ corner: z.enum(['top-left', 'top-right', 'bottom-left', 'bottom-right']) }).nullable(),
  // Seconds on the untouched home screen before the attract loop starts.
  attractAfterSeconds: z.number().int().min(10),
  // Hides the mouse cursor on a touch-only terminal.
  touchOnly: z.boolean(),
});
export type KioskSettings = z.infer<typeof KioskSettingsSchema>;

export const MemberSchema = z.object({
  maskedName: z.string(),
  relation: z.string(),
  // True for the person whose ID number was typed.
  isQueried: z.boolean(),
});
export type Member = z.infer<typeof MemberSchema>;

export const PaymentSchema = z.object({
  paymentId: z.string(),
  itemCode: z.string(),
  itemName: z.string(),
  department: z.string(),
  policyBasis: z.string(),
  recipientMaskedName: z.string(),
  amountFen: z.number().int().nonnegative(),
  paidOn: z.string(),
  period: z.string(),
});
export type Payment = z.infer<typeof PaymentSchema>;

export const HouseholdSchema = z.object({
  villageCode: z.string(),
  villageName: z.string(),
  townshipName: z.string(),
  countyName: z.string(),
  members: z.array(MemberSchema),
  // Newest first.
  payments: z.array(PaymentSchema),
  totalFen: z.number().int().nonnegative(),
});
export type Household = z.infer<typeof HouseholdSchema>;

export const LookupResultSchema = z.discriminatedUnion('status', [
  z.object({ status: z.literal('found'), household: HouseholdSchema }),
  z.object({ status: z.literal('not-found') }),
  z.object({
    status: z.literal('invalid'),
    problem: z.enum(['empty', 'invalid-characters', 'invalid-length', 'invalid-birth-date', 'invalid-checksum']),
  }),
  z.object({ status: z.literal('no-data') }),
]);
export type LookupResult = z.infer<typeof LookupResultSchema>;

export const LookupRequestSchema = z.object({ idNumber: z.string().max(64) });

export interface KioskApi extends BoardsApi, ReportsApi, EmergencyNoticesApi {
  getSettings(): Promise<KioskSettings>;
  /** Null when no snapshot is installed yet. */
  getSnapshotInfo(): Promise<SnapshotInfo | null>;
  lookupHousehold(idNumber: string): Promise<LookupResult>;
}

/** IPC channel names (Electron) and HTTP paths (browser host) for each KioskApi method. */
export const KIOSK_CHANNELS = {
  getSettings: 'kiosk:get-settings',
  getSnapshotInfo: 'kiosk:get-snapshot-info',
  lookupHousehold: 'kiosk:lookup-household',
  getEmergencyNotices: 'kiosk:get-emergency-notices',
} as const;

export const KIOSK_HTTP_PATHS = {
  getSettings: '/api/settings',
  getSnapshotInfo: '/api/snapshot',
  lookupHousehold: '/api/lookup',
  getEmergencyNotices: '/api/emergency-notices',
} as const;
