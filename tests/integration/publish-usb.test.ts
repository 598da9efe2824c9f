// publish --usb: the bundle lands where the kiosk's usb source looks, is read back, and a full,
// read-only or missing stick is reported without failing the content-folder publish. Full and
// read-only sticks are tmpfs mounts, so this needs root. Needs `npm run build:main` first.
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManifestSchema } from '../../src-main/core/snapshot/manifest.js';
import { findUsbBundleFolder } from '../../src-main/core/sync/usb-source.js';
import { runCli } from '../helpers/cli.js';
import { mountTmpfs } from '../helpers/mount.js';
import type { TmpfsMount } from '../helpers/mount.js';
import { writeSampleDataset } from '../helpers/publisher-data.js';
import { makeTempDir } from '../helpers/temp.js';

const temp = makeTempDir('minsheng-publish-usb-');
const keyDir = path.join(temp.dir, 'keys');
const dataDir = path.join(temp.dir, 'data');
const contentDir = path.join(temp.dir, 'content');
const mounts: TmpfsMount[] = [];

function publish(...usb: string[]) {
  const options = usb.flatMap((dir) => ['--usb', dir]);
  return runCli(['publish', '--data', dataDir, '--key', path.join(keyDir, 'publisher.key'), '--out', contentDir, ...options]);
}

function publishedVersion(): number {
  return ManifestSchema.parse(JSON.parse(readFileSync(path.join(contentDir, 'manifest.json'), 'utf8'))).signed.version;
}

beforeAll(async () => {
  const keygen = await runCli(['keygen', '--out', keyDir]);
  expect(keygen.code, keygen.stderr).toBe(0);
  writeSampleDataset(dataDir);
});

afterAll(() => {
  for (const mount of mounts) mount.remove();
  temp.remove();
});

describe('publish --usb', () => {
  it('writes where the usb source finds it, and a kiosk syncs from it', async () => {
    const sticks = path.join(temp.dir, 'media');
    const stick = path.join(sticks, 'STICK');
    mounts.push(mountTmpfs(stick, 4 * 1024 * 1024));

    const first = await publish(stick);
    const second = await publish(stick);

    expect(first.code, first.stderr).toBe(0);
    expect(second.code, second.stderr).toBe(0);
    expect(second.stdout).toMatch(/USB stick .*STICK: \d+ files .* read back intact\./);
    const folder = findUsbBundleFolder({ roots: [sticks], regionCode: '431226' });
    expect(folder).toBe(path.join(stick, 'minsheng-bundles', '431226'));
    expect(readFileSync(path.join(folder, 'manifest.json'))).toEqual(readFileSync(path.join(contentDir, 'manifest.json')));
    // The stick holds what the newest manifest names, without version 1's payload or temporary files.
    expect(readdirSync(folder).sort()).toEqual(['delta-1-2.sqlite.gz', 'manifest.json', 'snapshot-2.sqlite.gz']);

    const trust = path.join(keyDir, 'publisher.pub');
    const sync = await runCli(['sync', '--source', folder, '--trust', trust, '--data-dir', path.join(temp.dir, 'kiosk'), '--region', '431226']);
    expect(sync.code, sync.stderr).toBe(0);
    expect(sync.stdout).toContain('Installed snapshot version 2.');
  });

  it('reports a full stick and still publishes', async () => {
    const stick = path.join(temp.dir, 'full');
    mounts.push(mountTmpfs(stick, 8 * 1024));
    const before = publishedVersion();

    const result = await publish(stick);

    expect(result.code).toBe(3);
    expect(result.stderr).toContain(`The USB stick ${stick} is full`);
    expect(publishedVersion()).toBe(before + 1);
    expect(existsSync(path.join(stick, 'minsheng-bundles', '431226', 'manifest.json'))).toBe(false);
  });

  it('reports a read-only stick in Chinese', async () => {
    const stick = path.join(temp.dir, 'locked');
    const mount = mountTmpfs(stick, 1024 * 1024);
    mounts.push(mount);
    mount.remountReadOnly();

    const result = await runCli(
      ['publish', '--data', dataDir, '--key', path.join(keyDir, 'publisher.key'), '--out', contentDir, '--usb', stick],
      { env: { ...process.env, LANG: 'zh_CN.UTF-8', MINSHENG_LANG: 'zh-CN' } },
    );

    expect(result.code).toBe(3);
    expect(result.stderr).toContain(`U 盘 ${stick} 无法写入`);
    expect(result.stderr).toContain('写保护');
  });

  it('reports a missing stick and copies to the others', async () => {
    const missing = path.join(temp.dir, 'not-mounted');
    const stick = path.join(temp.dir, 'second');
    mounts.push(mountTmpfs(stick, 4 * 1024 * 1024));

    const result = await publish(missing, stick);

    expect(result.code).toBe(3);
    expect(result.stderr).toContain(`The USB stick folder ${missing} was not found (ENOENT)`);
    expect(existsSync(missing)).toBe(false);
    expect(existsSync(path.join(stick, 'minsheng-bundles', '431226', 'manifest.json'))).toBe(true);
  });
});
