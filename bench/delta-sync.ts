// The benchmark's second version: publish again after a small edit, then install that version
// on a terminal that has the first one (by delta) and on an empty terminal (full payload).
import path from 'node:path';
import type { PublicKey } from '../src-main/core/crypto/key-types.js';
import { syncOnce } from '../src-main/core/sync/sync.js';
import { publish } from '../src-main/publisher/publish.js';
import type { PublishSuccess } from '../src-main/publisher/publish.js';
import { timeAsync } from './timing.js';

export interface DeltaPublishResult {
  published: PublishSuccess;
  publishMs: number;
  deltaBytes: number;
  payloadBytes: number;
}

/** Publishes the next version into `bundleDir`. Throws unless publish also shipped a delta. */
export async function publishWithDelta(dataDir: string, keyFile: string, bundleDir: string): Promise<DeltaPublishResult> {
  const run = await timeAsync(() => publish({ dataDir, keyFiles: [keyFile], outDir: bundleDir }));
  const published = run.value;
  if (!published.ok) throw new Error(`second publish failed with ${published.total} errors`);

  const delta = published.delta;
  if (delta === null || !delta.shipped) {
    throw new Error(`second publish shipped no delta: ${delta === null ? 'no intact previous bundle' : delta.code}`);
  }
  return { published, publishMs: run.ms, deltaBytes: delta.bytes, payloadBytes: published.payloadBytes };
}

export interface InstallTimes {
  deltaMs: number;
  fullMs: number;
}

/**
 * Syncs the bundle folder twice: into `upgradeDir`, which contains the previous version and so
 * takes the delta, and into a new empty folder, which takes the full payload. Throws when either sync
 * does not install, or installs by another method than expected.
 */
export async function timeDeltaAndFullInstall(bundleDir: string, publicKey: PublicKey, upgradeDir: string, emptyDir: string): Promise<InstallTimes> {
  const trust = { kind: 'publisher-keys' as const, keys: [publicKey] };

  const delta = await timeAsync(() => syncOnce({ source: bundleDir, trust, dataDir: upgradeDir }));
  if (delta.value.status !== 'installed' || delta.value.method !== 'delta') {
    throw new Error(`sync into ${path.basename(upgradeDir)} ended ${JSON.stringify(delta.value)}, expected a delta install`);
  }

  const full = await timeAsync(() => syncOnce({ source: bundleDir, trust, dataDir: emptyDir }));
  if (full.value.status !== 'installed' || full.value.method !== 'full') {
    throw new Error(`sync into ${path.basename(emptyDir)} ended ${JSON.stringify(full.value)}, expected a full install`);
  }

  return { deltaMs: delta.ms, fullMs: full.ms };
}
