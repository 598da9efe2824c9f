// Reasons for rejecting a bundle. Each reason is a stable code that `minsheng sync` translates,
// and `minsheng status` prints as is. The details contain the values that differed and never
// personal data.
export const REJECT_REASONS = [
  'malformed-manifest',
  'unsupported-format',
  'unknown-key',
  'no-publisher-role',
  'bad-signature',
  'threshold-not-met',
  'wrong-region',
  'rollback',
  'expired',
  'length-mismatch',
  'hash-mismatch',
  'integrity-check-failed',
  'content-digest-mismatch',
  'malformed-root',
  'root-sequence',
  'root-threshold',
  'no-root',
  'malformed-notices',
] as const;
export type RejectReason = (typeof REJECT_REASONS)[number];

export type RejectDetails = Record<string, string | number>;

export class BundleRejection extends Error {
  constructor(
    readonly reason: RejectReason,
    readonly details: RejectDetails,
  ) {
    super(`bundle rejected (${reason}): ${JSON.stringify(details)}`);
    this.name = 'BundleRejection';
  }
}
