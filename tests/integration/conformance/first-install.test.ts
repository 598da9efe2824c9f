// First install under each form of provisioned trust: publisher public keys, a root.json, and
// root keys with a threshold from the terminal config. Each test checks the outcome, the trust
// state written to the data folder and the household total served afterwards. The CLI test
// needs `npm run build:main` first.
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadTrustFile, loadTrustSetting } from '../../../src-main/core/trust/anchor.js';
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
  writePrivateKey,
  writePublicKeys,
  writeRoot,
} from '../../helpers/conformance.js';
import { makeTestKeys } from '../../helpers/make-bundle.js';

const worlds: { remove(): void }[] = [];
afterAll(() => worlds.forEach((world) => world.remove()));

function newWorld() {
  const world = createWorld();
  worlds.push(world);
  return world;
}

describe('first install', () => {
  it('installs under publisher-key trust', async () => {
    const world = newWorld();
    const keyDir = world.folder('keys');
    const keygen = await runCli(['keygen', '--out', keyDir]);
    expect(keygen.code, keygen.stderr).toBe(0);
    const bundle = world.folder('bundle');
    const published = await publishSample(world, bundle, [path.join(keyDir, 'publisher.key')]);

    const sync = await runCli(['sync', '--source', bundle, '--trust', path.join(keyDir, 'publisher.pub'), '--data-dir', world.dataDir]);

    expect(sync.code, sync.stderr).toBe(0);
    expect(sync.stdout).toContain('Installed snapshot version 1.');
    const state = readTrustedState(world.dataDir);
    expect(state.currentVersion).toBe(1);
    expect(state.previousVersion).toBeNull();
    expect(state.currentDigest).toBe(published.contentDigest);
    expect(state.trustedVersions).toEqual({ [SAMPLE_COUNTY]: 1 });
    expect(state.newestSignedTime).toBe(readManifest(bundle).signed.createdAt);
    expect(state.trustedRootVersion).toBeNull();

    const query = await runCli(['query', '--data-dir', world.dataDir, '--id-number', SAMPLE_ID_NUMBERS.H002, '--json']);
    expect(query.code, query.stderr).toBe(0);
    expect((JSON.parse(query.stdout) as { household: { totalFen: number } }).household.totalFen).toBe(SAMPLE_TOTALS.H002);
  });

  it('installs under a provisioned root.json', async () => {
    const world = newWorld();
    const rootKey = makeTestKeys();
    const publisherKey = makeTestKeys();
    const root = buildRoot({ version: 1, rootKeys: [rootKey], publishers: { [SAMPLE_COUNTY]: { keys: [publisherKey] } }, signers: [rootKey] });
    const trustFile = writeRoot(world.folder('provisioned'), root);
    const bundle = world.folder('bundle');
    await publishSample(world, bundle, [writePrivateKey(path.join(world.dir, 'publisher.key'), publisherKey)]);

    const outcome = await world.sync(bundle, loadTrustFile(trustFile));

    expect(outcome).toEqual({ status: 'installed', version: 1, previousVersion: null, method: 'full' });
    const state = readTrustedState(world.dataDir);
    expect(state.currentVersion).toBe(1);
    expect(state.trustedVersions).toEqual({ [SAMPLE_COUNTY]: 1 });
    expect(state.trustedRootVersion).toBe(1);
    expect(await servedTotal(world.dataDir, SAMPLE_ID_NUMBERS.H001)).toBe(SAMPLE_TOTALS.H001);
  });

  it('installs under root keys and a threshold', async () => {
    const world = newWorld();
    const rootKeys = [makeTestKeys(), makeTestKeys(), makeTestKeys()];
    const publisherKey = makeTestKeys();
    const keyFiles = rootKeys.map((key, index) => writePublicKeys(path.join(world.dir, `root-${index}.pub`), [key]));
    const bundle = world.folder('bundle');
    const root = buildRoot({
      version: 1,
      rootKeys,
      rootThreshold: 2,
      publishers: { [SAMPLE_COUNTY]: { keys: [publisherKey] } },
      signers: [rootKeys[0]!, rootKeys[2]!],
    });
    writeRoot(bundle, root);
    await publishSample(world, bundle, [writePrivateKey(path.join(world.dir, 'publisher.key'), publisherKey)]);

    const outcome = await world.sync(bundle, loadTrustSetting({ kind: 'root-keys', files: keyFiles, threshold: 2 }));

    expect(outcome).toEqual({ status: 'installed', version: 1, previousVersion: null, method: 'full' });
    const state = readTrustedState(world.dataDir);
    expect(state.currentVersion).toBe(1);
    expect(state.trustedVersions).toEqual({ [SAMPLE_COUNTY]: 1 });
    expect(state.trustedRootVersion).toBe(1);
    expect(await servedTotal(world.dataDir, SAMPLE_ID_NUMBERS.H002)).toBe(SAMPLE_TOTALS.H002);
  });

  it('accepts root keys and a threshold on the CLI', async () => {
    const world = newWorld();
    const rootKeys = [makeTestKeys(), makeTestKeys()];
    const publisherKey = makeTestKeys();
    const keyFiles = rootKeys.map((key, index) => writePublicKeys(path.join(world.dir, `root-${index}.pub`), [key]));
    const bundle = world.folder('bundle');
    writeRoot(bundle, buildRoot({ version: 1, rootKeys, rootThreshold: 2, publishers: { [SAMPLE_COUNTY]: { keys: [publisherKey] } }, signers: rootKeys }));
    await publishSample(world, bundle, [writePrivateKey(path.join(world.dir, 'publisher.key'), publisherKey)]);

    const sync = await runCli(['sync', '--source', bundle, '--root-key', keyFiles[0]!, '--root-key', keyFiles[1]!, '--threshold', '2', '--data-dir', world.dataDir]);

    expect(sync.code, sync.stderr).toBe(0);
    expect(sync.stdout).toContain('Installed snapshot version 1.');
    expect(readTrustedState(world.dataDir).trustedRootVersion).toBe(1);
  });

  it('rejects root 1 below the configured threshold', async () => {
    const world = newWorld();
    const rootKeys = [makeTestKeys(), makeTestKeys(), makeTestKeys()];
    const publisherKey = makeTestKeys();
    const keyFiles = rootKeys.map((key, index) => writePublicKeys(path.join(world.dir, `root-${index}.pub`), [key]));
    const bundle = world.folder('bundle');
    writeRoot(bundle, buildRoot({ version: 1, rootKeys, rootThreshold: 1, publishers: { [SAMPLE_COUNTY]: { keys: [publisherKey] } }, signers: [rootKeys[1]!] }));
    await publishSample(world, bundle, [writePrivateKey(path.join(world.dir, 'publisher.key'), publisherKey)]);

    const outcome = await world.sync(bundle, loadTrustSetting({ kind: 'root-keys', files: keyFiles, threshold: 2 }));

    expect(outcome).toEqual({
      status: 'rejected',
      reason: 'root-threshold',
      details: { file: '1.root.json', signer: 'previous', valid: 1, threshold: 2 },
    });
    expect(fingerprintDataFolder(world.dataDir)).toEqual({});
    expect(readTrustedState(world.dataDir).trustedRootVersion).toBeNull();
    expect(await servedTotal(world.dataDir, SAMPLE_ID_NUMBERS.H001)).toBe('no-data');
  });

  it('rejects a source without root 1 under root keys', async () => {
    const world = newWorld();
    const rootKey = makeTestKeys();
    const publisherKey = makeTestKeys();
    const bundle = world.folder('bundle');
    await publishSample(world, bundle, [writePrivateKey(path.join(world.dir, 'publisher.key'), publisherKey)]);
    const trust = loadTrustSetting({ kind: 'root-keys', files: [writePublicKeys(path.join(world.dir, 'root.pub'), [rootKey])], threshold: 1 });

    const outcome = await world.sync(bundle, trust);

    expect(outcome).toEqual({ status: 'rejected', reason: 'no-root', details: { file: '1.root.json' } });
    expect(readTrustedState(world.dataDir).currentVersion).toBeNull();
    expect(await servedTotal(world.dataDir, SAMPLE_ID_NUMBERS.H001)).toBe('no-data');
  });
});
