// Endless data: a server that sends more bytes than the manifest signed, over a real nginx on
// 127.0.0.1. The payload files here are 1 GiB (sparse, so they cost no disk), and the terminal
// must stop at the signed length, reject the bundle and install nothing. One location declares
// the full length; the other drops Content-Length (sub_filter), so the cut happens mid-stream.
import { statSync, truncateSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { downloadPath } from '../../../src-main/core/data-folder/layout.js';
import type { Manifest } from '../../../src-main/core/snapshot/manifest.js';
import type { TrustAnchor } from '../../../src-main/core/trust/anchor.js';
import { createWorld, fingerprintDataFolder, readTrustedState, servedTotal } from '../../helpers/conformance.js';
import type { World } from '../../helpers/conformance.js';
import { makeBundle, makeTestKeys } from '../../helpers/make-bundle.js';
import type { BuiltSnapshot } from '../../helpers/make-bundle.js';
import { startNginx } from '../../helpers/nginx.js';
import type { RunningNginx } from '../../helpers/nginx.js';

const ENDLESS_BYTES = 1024 ** 3;

let world: World;
let nginx: RunningNginx;
let trust: TrustAnchor;
let v1: BuiltSnapshot;
const manifests: Record<string, Manifest> = {};

beforeAll(async () => {
  world = createWorld();
  const keys = makeTestKeys();
  trust = { kind: 'publisher-keys', keys: [keys.publicKey] };
  const www = world.folder('www');
  v1 = makeBundle(path.join(www, 'v1'), { version: 1, signWith: keys }).snapshot;
  for (const name of ['declared', 'chunked']) {
    const folder = path.join(www, name);
    manifests[name] = makeBundle(folder, { version: 2, signWith: keys }).manifest;
    truncateSync(path.join(folder, manifests[name]!.signed.payload.path), ENDLESS_BYTES);
  }
  // sub_filter may change a body's length, so nginx drops Content-Length and sends it chunked.
  nginx = await startNginx({ root: www, locations: ["location /chunked/ { sub_filter_types *; sub_filter 'no-such-text' ''; }"] });
  expect((await world.sync(`${nginx.url}v1/`, trust)).status).toBe('installed');
});

afterAll(async () => {
  await nginx?.stop();
  world?.remove();
});

/** Body bytes nginx logged for requests of `urlPath` (combined log format). */
function bytesSent(urlPath: string): number[] {
  return nginx
    .accessLog()
    .filter((line) => line.includes(`GET ${urlPath} `))
    .map((line) => Number(/" \d{3} (\d+) /.exec(line)?.[1] ?? Number.NaN));
}

describe('endless data', () => {
  for (const name of ['declared', 'chunked'] as const) {
    it(`stops at the signed length (${name})`, async () => {
      const manifest = manifests[name]!;
      const payloadUrl = `${nginx.url}${name}/${manifest.signed.payload.path}`;
      const probe = await fetch(payloadUrl, { headers: { 'accept-encoding': 'identity' } });
      await probe.body?.cancel();
      expect(probe.headers.get('content-length')).toBe(name === 'declared' ? String(ENDLESS_BYTES) : null);
      const before = fingerprintDataFolder(world.dataDir);

      const outcome = await world.sync(`${nginx.url}${name}/`, trust);

      expect(outcome).toMatchObject({ status: 'rejected', reason: 'length-mismatch' });
      const partial = downloadPath(world.dataDir, manifest.signed.payload.digest);
      expect(statSync(partial, { throwIfNoEntry: false })?.size ?? 0).toBeLessThanOrEqual(manifest.signed.payload.length);
      // The terminal closed the connection early, and nginx logs what it wrote to the socket before.
      for (const bytes of bytesSent(`/${name}/${manifest.signed.payload.path}`)) expect(bytes).toBeLessThan(ENDLESS_BYTES / 8);
      expect(fingerprintDataFolder(world.dataDir)).toEqual(before);
      const state = readTrustedState(world.dataDir);
      expect(state.currentVersion).toBe(1);
      expect(state.trustedVersions).toEqual({ '430121': 1 });
      expect(await servedTotal(world.dataDir, v1.people[0]!.idNumber)).toBe(v1.people[0]!.householdTotalFen);
    });
  }

  it('rejects a manifest larger than the limit', async () => {
    const folder = world.folder('www', 'huge-manifest');
    makeBundle(folder, { version: 3, signWith: makeTestKeys() });
    truncateSync(path.join(folder, 'manifest.json'), ENDLESS_BYTES);
    const before = fingerprintDataFolder(world.dataDir);

    const outcome = await world.sync(`${nginx.url}huge-manifest/`, trust);

    expect(outcome).toEqual({ status: 'rejected', reason: 'malformed-manifest', details: { problem: 'larger than 65536 bytes' } });
    expect(fingerprintDataFolder(world.dataDir)).toEqual(before);
  });
});
