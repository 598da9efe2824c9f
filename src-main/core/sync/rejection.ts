// Why a bundle was refused. Each reason is a stable code the CLI and the admin status
// translate; the details carry the values that differed, never personal data.
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
