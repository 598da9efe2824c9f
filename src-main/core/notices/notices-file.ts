// The signed notices file (notices.json) that a county publishes beside its bundle's manifest.
// It lists every current emergency notice of the county and is signed by the same keys as the
// county's manifests. Its sequence number rises with each publication, so a terminal rejects an
// older file (a replay that would bring back a withdrawn notice) as a rollback.
import { z } from 'zod';
import { EmergencyNoticeListSchema } from '../../../src-shared/emergency-notices.js';
import { SignatureSchema } from '../snapshot/manifest.js';
import { BundleRejection } from '../sync/rejection.js';

export const NOTICES_FILE = 'notices.json';
export const NOTICES_SPEC_VERSION = 1;
// Twenty notices of 500 characters take about 40 KiB; a larger file is rejected before parsing.
export const MAX_NOTICES_BYTES = 64 * 1024;

export const SignedNoticesSchema = z
  .object({
    type: z.literal('minsheng-notices'),
    specVersion: z.literal(NOTICES_SPEC_VERSION),
    /** The county (6 digits) whose publisher keys sign this file. */
    regionCode: z.string().regex(/^\d{6}$/),
    sequence: z.number().int().positive().max(Number.MAX_SAFE_INTEGER),
    createdAt: z.string().datetime(),
    /** The latest end of the notices, or a day after createdAt for a file with none. */
    expiresAt: z.string().datetime(),
    notices: EmergencyNoticeListSchema,
  })
  .refine((signed) => signed.notices.every((notice) => notice.regionCode.startsWith(signed.regionCode)), {
    message: 'every notice region must lie in the county regionCode',
    path: ['notices'],
  })
  .refine((signed) => new Set(signed.notices.map((notice) => notice.id)).size === signed.notices.length, {
    message: 'notice ids must be unique',
    path: ['notices'],
  });
export type SignedNotices = z.infer<typeof SignedNoticesSchema>;

export const NoticesFileSchema = z.object({
  signed: SignedNoticesSchema,
  signatures: z.array(SignatureSchema).min(1).max(16),
});
export type NoticesFile = z.infer<typeof NoticesFileSchema>;

/** Parses the bytes of a notices file; throws BundleRejection 'malformed-notices' naming the field. */
export function parseNoticesFile(bytes: Buffer): NoticesFile {
  let raw: unknown;
  try {
    raw = JSON.parse(bytes.toString('utf8'));
  } catch {
    throw new BundleRejection('malformed-notices', { problem: 'not valid JSON' });
  }

  const result = NoticesFileSchema.safeParse(raw);
  if (!result.success) {
    const issue = result.error.issues[0]!;
    throw new BundleRejection('malformed-notices', { problem: `${issue.path.join('.') || '(root)'}: ${issue.message}` });
  }
  return result.data;
}

const DAY_MS = 24 * 60 * 60 * 1000;

/** Returns the signed expiry of a notice set: its latest end, or one day after `createdAt` when it is empty. */
export function noticesExpiry(notices: SignedNotices['notices'], createdAt: Date): string {
  const ends = notices.map((notice) => Date.parse(notice.endsAt));
  return new Date(Math.max(createdAt.getTime() + DAY_MS, ...ends)).toISOString();
}
