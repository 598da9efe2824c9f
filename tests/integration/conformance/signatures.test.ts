// Manifest signatures: who may sign, how many must, and that a signature counts only for the key
// and algorithm it claims. Every rejection leaves nothing installed; a good bundle installs.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MANIFEST_FILE } from '../../../src-main/core/snapshot/manifest.js';
import type { Manifest } from '../../../src-main/core/snapshot/manifest.js';
import type { TrustAnchor } from '../../../src-main/core/trust/anchor.js';
import { runCli } from '../../helpers/cli.js';
import {
  SAMPLE_COUNTY,
  SAMPLE_ID_NUMBERS,
  SAMPLE_TOTALS,
  buildRoot,
  createWorld,
  fingerprintDataFolder,
  publishSample,
  readManifest,
  readTrustedState,
  servedTotal,
} from '../../helpers/conformance.js';
import type { World } from '../../helpers/conformance.js';
import { makeBundle, makeTestKeys } from '../../helpers/make-bundle.js';
import type { TestKeys } from '../../helpers/make-bundle.js';

const REGION = '430121';

let world: World;
let publisher: TestKeys;

beforeEach(() => {
  world = createWorld();
  publisher = makeTestKeys();
});

afterEach(() => world.remove());

function writeManifestFile(folder: string, manifest: Manifest): void {
  writeFileSync(path.join(folder, MANIFEST_FILE), `${JSON.stringify(manifest, null, 2)}\n`);
}

/** Builds root trust whose publisher role for REGION is `keys` with `threshold`. */
function rootTrust(keys: TestKeys[], threshold: number): TrustAnchor {
  const rootKey = makeTestKeys();
  return { kind: 'root', root: buildRoot({ version: 1, rootKeys: [rootKey], publishers: { [REGION]: { keys, threshold } }, signers: [rootKey] }) };
}

/** Syncs `folder`, expects the rejection, and checks that nothing was installed or trusted. */
async function expectRejected(folder: string, trust: TrustAnchor, reason: string, details: Record<string, string | number>) {
  const outcome = await world.sync(folder, trust);

  expect(outcome).toEqual({ status: 'rejected', reason, details });
  expect(fingerprintDataFolder(world.dataDir)).toEqual({});
  expect(readTrustedState(world.dataDir).trustedVersions).toEqual({});
}

describe('manifest signatures', () => {
  it('rejects an unknown key', async () => {
    const stranger = makeTestKeys();
    const folder = path.join(world.dir, 'bundle');
    const { snapshot } = makeBundle(folder, { version: 1, signWith: stranger });

    await expectRejected(folder, { kind: 'publisher-keys', keys: [publisher.publicKey] }, 'unknown-key', { keyIds: stranger.keyId, trusted: publisher.keyId });
    expect(await servedTotal(world.dataDir, snapshot.people[0]!.idNumber)).toBe('no-data');
  });

  it('rejects a bad signature', async () => {
    const folder = path.join(world.dir, 'bundle');
    makeBundle(folder, { version: 1, signWith: publisher });
    const manifest = readManifest(folder);
    writeManifestFile(folder, { ...manifest, signed: { ...manifest.signed, regionName: '望城区' } });

    await expectRejected(folder, { kind: 'publisher-keys', keys: [publisher.publicKey] }, 'bad-signature', { keyId: publisher.keyId });
  });

  it('does not count one key twice', async () => {
    const second = makeTestKeys();
    const folder = path.join(world.dir, 'bundle');
    makeBundle(folder, { version: 1, signWith: publisher });
    const manifest = readManifest(folder);
    writeManifestFile(folder, { ...manifest, signatures: [manifest.signatures[0]!, manifest.signatures[0]!] });

    await expectRejected(folder, rootTrust([publisher, second], 2), 'threshold-not-met', { valid: 1, threshold: 2 });
  });

  it('installs with 2 of 3 publisher keys', async () => {
    const [first, second, third] = [publisher, makeTestKeys(), makeTestKeys()];
    const folder = path.join(world.dir, 'bundle');
    const { snapshot } = makeBundle(folder, { version: 1, signWith: first, alsoSignWith: [third] });

    const outcome = await world.sync(folder, rootTrust([first, second, third], 2));

    expect(outcome).toEqual({ status: 'installed', version: 1, previousVersion: null, method: 'full' });
    expect(readTrustedState(world.dataDir).trustedVersions).toEqual({ [REGION]: 1 });
    expect(await servedTotal(world.dataDir, snapshot.people[0]!.idNumber)).toBe(snapshot.people[0]!.householdTotalFen);
  });

  it('rejects 1 of 3 below a threshold of 2', async () => {
    const folder = path.join(world.dir, 'bundle');
    makeBundle(folder, { version: 1, signWith: publisher });

    await expectRejected(folder, rootTrust([publisher, makeTestKeys(), makeTestKeys()], 2), 'threshold-not-met', { valid: 1, threshold: 2 });
  });

  it('rejects a signature under another algorithm label', async () => {
    const folder = path.join(world.dir, 'bundle');
    makeBundle(folder, { version: 1, signWith: publisher });
    const manifest = readManifest(folder);
    writeManifestFile(folder, { ...manifest, signatures: [{ ...manifest.signatures[0]!, algorithm: 'sm2' }] });

    await expectRejected(folder, { kind: 'publisher-keys', keys: [publisher.publicKey] }, 'bad-signature', { keyId: publisher.keyId });
  });

  it('rejects a manifest signed by a root key', async () => {
    const rootKey = makeTestKeys();
    const trust: TrustAnchor = {
      kind: 'root',
      root: buildRoot({ version: 1, rootKeys: [rootKey], publishers: { [REGION]: { keys: [publisher] } }, signers: [rootKey] }),
    };
    const folder = path.join(world.dir, 'bundle');
    makeBundle(folder, { version: 1, signWith: rootKey });

    await expectRejected(folder, trust, 'unknown-key', { keyIds: rootKey.keyId, trusted: publisher.keyId });
  });

  it("rejects another county's publisher key", async () => {
    const rootKey = makeTestKeys();
    const neighbour = makeTestKeys();
    const trust: TrustAnchor = {
      kind: 'root',
      root: buildRoot({
        version: 1,
        rootKeys: [rootKey],
        publishers: { [REGION]: { keys: [publisher] }, '430122': { keys: [neighbour] } },
        signers: [rootKey],
      }),
    };
    const folder = path.join(world.dir, 'bundle');
    makeBundle(folder, { version: 1, signWith: neighbour });

    await expectRejected(folder, trust, 'unknown-key', { keyIds: neighbour.keyId, trusted: publisher.keyId });
  });

  it('installs with an SM2 publisher key from keygen', async () => {
    const keyDir = world.folder('keys');
    const keygen = await runCli(['keygen', '--out', keyDir, '--alg', 'sm2']);
    expect(keygen.code, keygen.stderr).toBe(0);
    const bundle = world.folder('bundle');
    const published = await publishSample(world, bundle, [path.join(keyDir, 'publisher.key')]);
    expect(published.keys[0]!.algorithm).toBe('sm2');
    expect(readManifest(bundle).signed.hashAlgorithm).toBe('sm3');

    const sync = await runCli(['sync', '--source', bundle, '--trust', path.join(keyDir, 'publisher.pub'), '--data-dir', world.dataDir]);

    expect(sync.code, sync.stderr).toBe(0);
    expect(sync.stdout).toContain('Installed snapshot version 1.');
    const state = readTrustedState(world.dataDir);
    expect(state.currentVersion).toBe(1);
    expect(state.currentDigest).toBe(published.contentDigest);
    expect(state.trustedVersions).toEqual({ [SAMPLE_COUNTY]: 1 });
    expect(await servedTotal(world.dataDir, SAMPLE_ID_NUMBERS.H001)).toBe(SAMPLE_TOTALS.H001);
  });
});
