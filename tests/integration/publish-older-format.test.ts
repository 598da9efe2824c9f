// Publishing into a bundle folder whose manifest has the first format (specVersion 1): terminals
// already trust that version, so the new one must be numbered above it.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { writeSampleDataset } from '../helpers/publisher-data.js';
import { makeTempDir } from '../helpers/temp.js';

const temp = makeTempDir('minsheng-older-format-');
afterAll(() => temp.remove());

function olderManifest(version: number, regionCode: string) {
  return {
    signed: {
      type: 'minsheng-snapshot',
      specVersion: 1,
      version,
      regionCode,
      regionName: '示例县',
      createdAt: '2026-01-01T00:00:00.000Z',
      expiresAt: '2027-01-01T00:00:00.000Z',
      snapshotFormat: 2,
      payload: { path: `snapshot-${version}.sqlite.gz`, compression: 'gzip', length: 10, sha256: '0'.repeat(64), sqliteLength: 10, sqliteSha256: '0'.repeat(64) },
    },
    signatures: [{ keyId: '0'.repeat(64), algorithm: 'ed25519', signature: 'AAAA' }],
  };
}

describe('publish after the first manifest format', () => {
  it('numbers the new version above the old one', async () => {
    const data = path.join(temp.dir, 'data');
    writeSampleDataset(data);
    const out = path.join(temp.dir, 'bundle');
    mkdirSync(out);
    writeFileSync(path.join(out, 'manifest.json'), JSON.stringify(olderManifest(7, '431226')));
    expect((await runCli(['keygen', '--out', path.join(temp.dir, 'keys')])).code).toBe(0);

    const result = await runCli(['publish', '--data', data, '--key', path.join(temp.dir, 'keys', 'publisher.key'), '--out', out, '--lang', 'en']);

    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain('Version: 8');
    expect(JSON.parse(readFileSync(path.join(out, 'manifest.json'), 'utf8')).signed).toMatchObject({ specVersion: 2, version: 8 });
  });
});
