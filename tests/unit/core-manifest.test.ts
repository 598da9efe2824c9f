import { describe, expect, it } from 'vitest';
import { ManifestSchema } from '../../src-main/core/snapshot/manifest.js';
import { BundleRejection, parseManifest } from '../../src-main/core/sync/verify.js';

function validManifest() {
  return {
    signed: {
      type: 'minsheng-snapshot',
      specVersion: 1,
      version: 3,
      regionCode: '430121',
      regionName: '长沙县',
      createdAt: '2025-01-15T08:00:00.000Z',
      expiresAt: '2025-03-15T08:00:00.000Z',
      snapshotFormat: 1,
      payload: {
        path: 'snapshot-430121-v3.sqlite.gz',
        compression: 'gzip',
        length: 1234,
        sha256: 'a'.repeat(64),
        sqliteLength: 8192,
        sqliteSha256: 'b'.repeat(64),
      },
    },
    signatures: [{ keyId: 'c'.repeat(64), algorithm: 'ed25519', signature: 'AAAA' }],
  };
}

type Mutation = (manifest: ReturnType<typeof validManifest>) => void;

const MALFORMED: [string, Mutation][] = [
  ['missing version', (m) => delete (m.signed as Partial<typeof m.signed>).version],
  ['missing payload', (m) => delete (m.signed as Partial<typeof m.signed>).payload],
  ['missing sha256', (m) => delete (m.signed.payload as Partial<typeof m.signed.payload>).sha256],
  ['missing signatures', (m) => delete (m as Partial<typeof m>).signatures],
  ['empty signatures', (m) => (m.signatures = [])],
  ['path with a slash', (m) => (m.signed.payload.path = 'sub/snapshot.gz')],
  ['path with ..', (m) => (m.signed.payload.path = '..')],
  ['path escaping the folder', (m) => (m.signed.payload.path = '../../etc/passwd')],
  ['negative length', (m) => (m.signed.payload.length = -1)],
  ['zero sqlite length', (m) => (m.signed.payload.sqliteLength = 0)],
  ['fractional version', (m) => (m.signed.version = 1.5)],
  ['upper-case hash', (m) => (m.signed.payload.sha256 = 'A'.repeat(64))],
  ['short hash', (m) => (m.signed.payload.sha256 = 'a'.repeat(63))],
  ['region with letters', (m) => (m.signed.regionCode = '43A121')],
  ['date that is not ISO', (m) => (m.signed.expiresAt = 'next year')],
  ['other compression', (m) => ((m.signed.payload as { compression: string }).compression = 'zstd')],
];

describe('ManifestSchema', () => {
  it('accepts a well-formed manifest', () => {
    expect(ManifestSchema.safeParse(validManifest()).success).toBe(true);
  });

  it.each(MALFORMED)('rejects %s', (_name, mutate) => {
    const manifest = validManifest();
    mutate(manifest);
    expect(ManifestSchema.safeParse(manifest).success).toBe(false);
  });
});

describe('parseManifest', () => {
  function reasonOf(bytes: Buffer): string {
    try {
      parseManifest(bytes);
      return 'accepted';
    } catch (error) {
      if (error instanceof BundleRejection) return error.reason;
      throw error;
    }
  }

  it('rejects text that is not JSON as malformed', () => {
    expect(reasonOf(Buffer.from('{"signed": '))).toBe('malformed-manifest');
  });

  it('rejects a bad field as malformed', () => {
    const manifest = validManifest();
    manifest.signed.payload.path = '../x';
    expect(reasonOf(Buffer.from(JSON.stringify(manifest)))).toBe('malformed-manifest');
  });

  it('rejects a newer spec version as unsupported', () => {
    const manifest = validManifest();
    (manifest.signed as { specVersion: number }).specVersion = 2;
    expect(reasonOf(Buffer.from(JSON.stringify(manifest)))).toBe('unsupported-format');
  });

  it('accepts a well-formed manifest', () => {
    expect(reasonOf(Buffer.from(JSON.stringify(validManifest())))).toBe('accepted');
  });
});
