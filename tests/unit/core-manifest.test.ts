import { describe, expect, it } from 'vitest';
import { ManifestSchema } from '../../src-main/core/snapshot/manifest.js';
import { BundleRejection, parseManifest } from '../../src-main/core/sync/verify.js';

function validManifest() {
  return {
    signed: {
      type: 'minsheng-snapshot',
      specVersion: 2,
      version: 3,
      regionCode: '430121',
      regionName: '长沙县',
      createdAt: '2025-01-15T08:00:00.000Z',
      expiresAt: '2025-03-15T08:00:00.000Z',
      snapshotFormat: 1,
      hashAlgorithm: 'sha256',
      contentDigest: 'd'.repeat(64),
      payload: {
        path: 'snapshot-430121-v3.sqlite.gz',
        compression: 'gzip',
        length: 1234,
        digest: 'a'.repeat(64),
        sqliteLength: 8192,
        sqliteDigest: 'b'.repeat(64),
      },
    },
    signatures: [{ keyId: 'c'.repeat(64), algorithm: 'ed25519', signature: 'AAAA' }],
  };
}

function withDelta() {
  const manifest = validManifest();
  return {
    ...manifest,
    signed: {
      ...manifest.signed,
      delta: {
        path: 'delta-2-3.sqlite.gz',
        compression: 'gzip',
        length: 200,
        digest: 'e'.repeat(64),
        sqliteLength: 4096,
        sqliteDigest: 'f'.repeat(64),
        baseVersion: 2,
        baseContentDigest: '1'.repeat(64),
      },
    },
  };
}

type Manifest = ReturnType<typeof validManifest>;
type Mutation = (manifest: Manifest) => void;

const MALFORMED: [string, Mutation][] = [
  ['missing version', (m) => delete (m.signed as Partial<typeof m.signed>).version],
  ['missing payload', (m) => delete (m.signed as Partial<typeof m.signed>).payload],
  ['missing digest', (m) => delete (m.signed.payload as Partial<typeof m.signed.payload>).digest],
  ['missing sqlite digest', (m) => delete (m.signed.payload as Partial<typeof m.signed.payload>).sqliteDigest],
  ['missing content digest', (m) => delete (m.signed as Partial<typeof m.signed>).contentDigest],
  ['missing hash algorithm', (m) => delete (m.signed as Partial<typeof m.signed>).hashAlgorithm],
  ['unknown hash algorithm', (m) => (m.signed.hashAlgorithm = 'md5')],
  ['missing signatures', (m) => delete (m as Partial<typeof m>).signatures],
  ['empty signatures', (m) => (m.signatures = [])],
  ['seventeen signatures', (m) => (m.signatures = Array.from({ length: 17 }, () => m.signatures[0]!))],
  ['unknown signature algorithm', (m) => (m.signatures[0]!.algorithm = 'rsa')],
  ['short key ID', (m) => (m.signatures[0]!.keyId = 'c'.repeat(63))],
  ['path with a slash', (m) => (m.signed.payload.path = 'sub/snapshot.gz')],
  ['path with ..', (m) => (m.signed.payload.path = '..')],
  ['path escaping the folder', (m) => (m.signed.payload.path = '../../etc/passwd')],
  ['negative length', (m) => (m.signed.payload.length = -1)],
  ['zero sqlite length', (m) => (m.signed.payload.sqliteLength = 0)],
  ['fractional version', (m) => (m.signed.version = 1.5)],
  ['upper-case digest', (m) => (m.signed.payload.digest = 'A'.repeat(64))],
  ['short digest', (m) => (m.signed.payload.digest = 'a'.repeat(63))],
  ['short content digest', (m) => (m.signed.contentDigest = 'd'.repeat(63))],
  ['region with letters', (m) => (m.signed.regionCode = '43A121')],
  ['date that is not ISO', (m) => (m.signed.expiresAt = 'next year')],
  ['other compression', (m) => ((m.signed.payload as { compression: string }).compression = 'zstd')],
];

type DeltaManifest = ReturnType<typeof withDelta>;

const MALFORMED_DELTA: [string, (manifest: DeltaManifest) => void][] = [
  ['delta without base version', (m) => delete (m.signed.delta as Partial<typeof m.signed.delta>).baseVersion],
  ['delta without base digest', (m) => delete (m.signed.delta as Partial<typeof m.signed.delta>).baseContentDigest],
  ['delta path escaping the folder', (m) => (m.signed.delta.path = '../delta.gz')],
  ['delta base version zero', (m) => (m.signed.delta.baseVersion = 0)],
];

describe('ManifestSchema', () => {
  it('accepts a well-formed manifest', () => {
    expect(ManifestSchema.safeParse(validManifest()).success).toBe(true);
  });

  it('accepts a manifest with a delta', () => {
    expect(ManifestSchema.safeParse(withDelta()).success).toBe(true);
  });

  it('accepts SM3 digests', () => {
    const manifest = validManifest();
    manifest.signed.hashAlgorithm = 'sm3';
    manifest.signatures[0]!.algorithm = 'sm2';

    expect(ManifestSchema.safeParse(manifest).success).toBe(true);
  });

  it.each(MALFORMED)('rejects %s', (_name, mutate) => {
    const manifest = validManifest();
    mutate(manifest);
    expect(ManifestSchema.safeParse(manifest).success).toBe(false);
  });

  it.each(MALFORMED_DELTA)('rejects %s', (_name, mutate) => {
    const manifest = withDelta();
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

  it('quotes no byte of a file that is not JSON', () => {
    let problem: unknown;
    try {
      parseManifest(Buffer.from('root:*:20200:0:99999:7:::'));
    } catch (error) {
      if (error instanceof BundleRejection) problem = error.details.problem;
    }

    expect(problem).toMatch(/^not valid JSON/);
    expect(String(problem)).not.toContain('root');
  });

  it('rejects a bad field as malformed', () => {
    const manifest = validManifest();
    manifest.signed.payload.path = '../x';
    expect(reasonOf(Buffer.from(JSON.stringify(manifest)))).toBe('malformed-manifest');
  });

  it('rejects a newer spec version as unsupported', () => {
    const manifest = validManifest();
    (manifest.signed as { specVersion: number }).specVersion = 3;
    expect(reasonOf(Buffer.from(JSON.stringify(manifest)))).toBe('unsupported-format');
  });

  it('rejects spec version 1 as unsupported', () => {
    const manifest = validManifest();
    (manifest.signed as { specVersion: number }).specVersion = 1;
    expect(reasonOf(Buffer.from(JSON.stringify(manifest)))).toBe('unsupported-format');
  });

  it('accepts a well-formed manifest', () => {
    expect(reasonOf(Buffer.from(JSON.stringify(validManifest())))).toBe('accepted');
  });
});
