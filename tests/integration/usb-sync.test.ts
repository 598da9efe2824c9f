// `sync --source usb` through syncOnce. Each USB stick is a tmpfs mounted under a test mount
// root, with the bundle in minsheng-bundles/<region code>/. The pass finds and installs it, a
// stick pulled out halfway through the payload copy changes nothing, and a later pass installs.
// Needs root, because each stick is a real mount.
import { execFileSync } from 'node:child_process';
import { cpSync, createReadStream, readdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_KIOSK_SETTINGS } from '../../src-main/core/config.js';
import { DOWNLOADS_FOLDER, downloadPath, isStagingName } from '../../src-main/core/data-folder/layout.js';
import { pointerOrNull } from '../../src-main/core/data-folder/pointer.js';
import { createKioskService } from '../../src-main/core/kiosk-service.js';
import type { Manifest } from '../../src-main/core/snapshot/manifest.js';
import { syncOnce } from '../../src-main/core/sync/sync.js';
import type { SyncOutcome } from '../../src-main/core/sync/sync.js';
import { USB_BUNDLES_FOLDER } from '../../src-main/core/sync/usb-source.js';
import { loadTrustFile } from '../../src-main/core/trust/anchor.js';
import type { TrustAnchor } from '../../src-main/core/trust/anchor.js';
import { makeBundle, makeTestKeys, sha256OfFile } from '../helpers/make-bundle.js';
import type { BuiltSnapshot, TestPerson } from '../helpers/make-bundle.js';
import { mountTmpfs } from '../helpers/mount.js';
import type { TmpfsMount } from '../helpers/mount.js';
import { makeTempDir } from '../helpers/temp.js';

const REGION = '430121';
// The dir source reads in 1 MiB chunks, so a larger payload is still being copied after the first.
const CHUNK_BYTES = 1024 * 1024;

const temp = makeTempDir('minsheng-usb-sync-');
const bundles = path.join(temp.dir, 'bundles');
const usbRoot = path.join(temp.dir, 'media');
const dataDir = path.join(temp.dir, 'data');
const sticks: TmpfsMount[] = [];

let trust: TrustAnchor;
let v1: BuiltSnapshot;
let v2: BuiltSnapshot;
let v2Manifest: Manifest;

beforeAll(() => {
  const keys = makeTestKeys();
  const trustFile = path.join(temp.dir, 'publisher.pub.pem');
  writeFileSync(trustFile, keys.publicKeyPem);
  trust = loadTrustFile(trustFile);

  v1 = makeBundle(path.join(bundles, 'v1'), { version: 1, households: 3, signWith: keys }).snapshot;
  // Filler households with random person keys compress poorly, which makes the payload span chunks.
  const built = makeBundle(path.join(bundles, 'v2'), { version: 2, households: 3, fillerHouseholds: 20_000, signWith: keys });
  v2 = built.snapshot;
  v2Manifest = built.manifest;
  if (v2Manifest.signed.payload.length <= 2 * CHUNK_BYTES) {
    throw new Error(`test setup: the version 2 payload has ${v2Manifest.signed.payload.length} bytes, not more than 2 MiB`);
  }
});

afterAll(() => {
  for (const stick of sticks) stick.remove();
  temp.remove();
});

/** Mounts a fresh stick under the USB root with the named bundle in its county folder. */
function plugStick(name: string, bundle: string): TmpfsMount {
  const stick = mountTmpfs(path.join(usbRoot, name), 32 * 1024 * 1024);
  sticks.push(stick);
  cpSync(path.join(bundles, bundle), path.join(stick.dir, USB_BUNDLES_FOLDER, REGION), { recursive: true });
  return stick;
}

function syncFromUsb(): Promise<SyncOutcome> {
  return syncOnce({ source: 'usb', trust, dataDir, usbRoots: [usbRoot], expectedRegion: REGION });
}

async function householdTotal(person: TestPerson): Promise<number | null> {
  const service = createKioskService({ dataDir, settings: DEFAULT_KIOSK_SETTINGS });
  try {
    const result = await service.lookupHousehold(person.idNumber);
    return result.status === 'found' ? result.household.totalFen : null;
  } finally {
    service.close();
  }
}

/** SHA-256 of every file in the data folder except status.json and the downloads. */
function fingerprint(): Record<string, string | null> {
  const files: Record<string, string | null> = {};
  for (const name of readdirSync(dataDir).sort()) {
    if (name === 'status.json' || name === DOWNLOADS_FOLDER) continue;
    files[name] = sha256OfFile(path.join(dataDir, name));
  }
  return files;
}

/**
 * Runs a pass whose payload copy goes into a FIFO put where the download file would be, so the
 * test gets the first bytes and pulls the stick before the copy ends, on every run. A lazy
 * unmount keeps the open payload readable, unlike real hardware (EIO), so the pass notices the
 * pull when it finds the payload gone after the copy.
 */
async function syncPullingStickMidCopy(stick: TmpfsMount): Promise<{ outcome: SyncOutcome; received: number }> {
  const probe = downloadPath(dataDir, v2Manifest.signed.payload.digest);
  execFileSync('mkfifo', [probe]);

  let received = 0;
  const reader = createReadStream(probe);
  const drained = new Promise<void>((resolve, reject) => {
    reader.on('data', (chunk) => {
      if (received === 0) stick.detach();
      received += chunk.length;
    });
    reader.on('end', resolve);
    reader.on('error', reject);
  });

  const outcome = await syncFromUsb();
  await drained;
  // The FIFO is this test's probe, not a partial download a later pass could resume.
  rmSync(probe);
  return { outcome, received };
}

describe('sync from a USB stick', () => {
  it('fails when no stick is plugged in', async () => {
    const outcome = await syncFromUsb();

    expect(outcome).toMatchObject({ status: 'failed', reason: 'io' });
    expect(String((outcome as { details: { problem?: unknown } }).details.problem)).toContain(
      path.join(USB_BUNDLES_FOLDER, REGION, 'manifest.json'),
    );
    expect(pointerOrNull(dataDir, 'current')).toBeNull();
  });

  it('finds and installs the bundle', async () => {
    const stick = plugStick('stick-a', 'v1');
    const outcome = await syncFromUsb();
    stick.remove();

    expect(outcome).toEqual({ status: 'installed', version: 1, previousVersion: null, method: 'full' });
    const person = v1.people[0]!;
    expect(await householdTotal(person)).toBe(person.householdTotalFen);
  });

  it('changes nothing when the stick is pulled mid-copy', async () => {
    const before = fingerprint();
    const stick = plugStick('stick-b', 'v2');

    const { outcome, received } = await syncPullingStickMidCopy(stick);

    expect(received).toBeGreaterThan(0);
    expect(outcome).toMatchObject({ status: 'failed', reason: 'io' });
    expect(String((outcome as { details: { problem?: unknown } }).details.problem)).toContain('disappeared while being read');
    expect(fingerprint()).toEqual(before);
    expect(readdirSync(dataDir).filter(isStagingName)).toEqual([]);
    expect(pointerOrNull(dataDir, 'current')?.version).toBe(1);

    const person = v1.people[0]!;
    expect(await householdTotal(person)).toBe(person.householdTotalFen);
  });

  it('installs from the stick on a later pass', async () => {
    plugStick('stick-c', 'v2');
    const outcome = await syncFromUsb();

    expect(outcome).toEqual({ status: 'installed', version: 2, previousVersion: 1, method: 'full' });
    const person = v2.people[0]!;
    expect(await householdTotal(person)).toBe(person.householdTotalFen);
    expect(readdirSync(path.join(dataDir, DOWNLOADS_FOLDER))).toEqual([]);
  });
});
