// Emergency notices end to end without screens. The real publisher signs a bundle and a notices
// file, and nginx serves the folder on 127.0.0.1. The notice pass fetches the file into a kiosk
// data folder, and the kiosk service returns the notices for the terminal's region.
import { copyFileSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { currentNotices } from '../../src-main/core/notices/current-notices.js';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createKioskService } from '../../src-main/core/kiosk-service.js';
import type { KioskService } from '../../src-main/core/kiosk-service.js';
import { syncNotices } from '../../src-main/core/notices/notice-sync.js';
import { NOTICES_FILE } from '../../src-main/core/notices/notices-file.js';
import { loadTrustFile } from '../../src-main/core/trust/anchor.js';
import { noticeFromFlags } from '../../src-main/publisher/notice-flags.js';
import { endNotice, publishNotice } from '../../src-main/publisher/notice-publish.js';
import { LOCK_FILE } from '../../src-main/publisher/out-folder.js';
import { NoticeError } from '../../src-main/publisher/notice-flags.js';
import { runCli } from '../helpers/cli.js';
import { TEST_SETTINGS } from '../helpers/kiosk-settings.js';
import { startNginx } from '../helpers/nginx.js';
import type { RunningNginx } from '../helpers/nginx.js';
import { writeSampleDataset } from '../helpers/publisher-data.js';
import { makeTempDir } from '../helpers/temp.js';

const COUNTY = '431226';
const HOME_TOWNSHIP = '431226100';
const OTHER_TOWNSHIP = '431226101';

const temp = makeTempDir();
const keyDir = path.join(temp.dir, 'keys');
const bundleDir = path.join(temp.dir, 'www', 'bundle');
const kioskDataDir = path.join(temp.dir, 'kiosk');
const keyFiles = [path.join(keyDir, 'publisher.key')];
let nginx: RunningNginx;
let service: KioskService;

function hoursFromNow(hours: number): string {
  return new Date(Date.now() + hours * 60 * 60 * 1000).toISOString();
}

function publishFor(id: string, region: string, title: string) {
  const flags = { id, region, title, body: `${title}，请相互转告。`, start: hoursFromNow(-1), end: hoursFromNow(4) };
  return publishNotice({ outDir: bundleDir, keyFiles, notice: (county, now) => noticeFromFlags(flags, county, now) });
}

function pass(source = `${nginx.url}bundle/`) {
  return syncNotices({ source, trust: loadTrustFile(path.join(keyDir, 'publisher.pub')), dataDir: kioskDataDir, expectedRegion: COUNTY });
}

async function shownIds(): Promise<string[]> {
  return (await service.getEmergencyNotices()).notices.map((notice) => notice.id);
}

beforeAll(async () => {
  const dataDir = path.join(temp.dir, 'data');
  expect((await runCli(['keygen', '--out', keyDir])).code).toBe(0);
  writeSampleDataset(dataDir);
  const published = await runCli(['publish', '--data', dataDir, '--key', keyFiles[0]!, '--out', bundleDir]);
  expect(published.code, published.stderr).toBe(0);
  nginx = await startNginx({ root: path.join(temp.dir, 'www') });
  service = createKioskService({ dataDir: kioskDataDir, settings: { ...TEST_SETTINGS, homeRegionCode: HOME_TOWNSHIP } });
});

afterAll(async () => {
  await service?.close();
  await nginx?.stop();
  temp.remove();
});

describe('emergency notices over nginx', () => {
  it('reports a folder without notices as absent', async () => {
    expect(await pass()).toEqual({ status: 'absent' });
    expect(await shownIds()).toEqual([]);
  });

  it('shows county and home township notices only', async () => {
    await publishFor('county-water', COUNTY, '全县停水通知');
    await publishFor('home-flood', HOME_TOWNSHIP, '防汛转移通知');
    await publishFor('other-road', OTHER_TOWNSHIP, '道路封闭通知');

    const outcome = await pass();
    expect(outcome).toMatchObject({ status: 'updated', count: 3 });
    expect((await shownIds()).sort()).toEqual(['county-water', 'home-flood']);
  });

  it('reports the same file as up to date', async () => {
    expect((await pass()).status).toBe('up-to-date');
  });

  it('hides a notice withdrawn early', async () => {
    const older = path.join(temp.dir, 'older-notices.json');
    copyFileSync(path.join(bundleDir, NOTICES_FILE), older);

    await endNotice({ outDir: bundleDir, keyFiles, id: 'home-flood' });
    expect((await pass()).status).toBe('updated');
    expect(await shownIds()).toEqual(['county-water']);

    // A replay of the set from before the withdrawal must not bring the notice back.
    copyFileSync(older, path.join(bundleDir, NOTICES_FILE));
    const replay = await pass();
    expect(replay).toMatchObject({ status: 'rejected', reason: 'rollback' });
    expect(await shownIds()).toEqual(['county-water']);
  });

  it('rejects a forged notice and keeps the stored set', async () => {
    await publishFor('home-flood', HOME_TOWNSHIP, '防汛转移通知');
    const file = path.join(bundleDir, NOTICES_FILE);
    const forged = JSON.parse(readFileSync(file, 'utf8')) as { signed: { sequence: number; notices: { title: string }[] } };
    forged.signed.sequence += 1000;
    forged.signed.notices[0]!.title = '假通知：请到村委会领取补贴';
    writeFileSync(file, JSON.stringify(forged));

    expect(await pass()).toMatchObject({ status: 'rejected', reason: 'bad-signature' });
    expect(await shownIds()).toEqual(['county-water']);
  });

  it('keeps the stored set when the file disappears', async () => {
    rmSync(path.join(bundleDir, NOTICES_FILE));
    expect(await pass()).toEqual({ status: 'absent' });
    expect(await shownIds()).toEqual(['county-water']);
  });

  it('reads notices from a folder source too', async () => {
    await publishFor('home-flood', HOME_TOWNSHIP, '防汛转移通知');
    expect(await pass(bundleDir)).toMatchObject({ status: 'updated' });
    // The file was rewritten from an empty folder, so the county notice is no longer in it.
    expect(await shownIds()).toEqual(['home-flood']);
  });
});

async function noticeErrorOf(run: Promise<unknown>): Promise<NoticeError> {
  const error = await run.then(
    () => null,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(NoticeError);
  return error as NoticeError;
}

describe('the publisher checks the folder before it signs', () => {
  const file = path.join(bundleDir, NOTICES_FILE);

  it('rejects a key that the kiosks would not accept and keeps the file', async () => {
    const wrongDir = path.join(temp.dir, 'wrong-keys');
    expect((await runCli(['keygen', '--out', wrongDir])).code).toBe(0);
    const before = readFileSync(file, 'utf8');
    const flags = { region: COUNTY, title: '假通知', body: '假通知', start: hoursFromNow(0), end: hoursFromNow(1) };
    const wrongKey = path.join(wrongDir, 'publisher.key');
    const error = await noticeErrorOf(publishNotice({ outDir: bundleDir, keyFiles: [wrongKey], notice: (county, now) => noticeFromFlags(flags, county, now) }));
    expect(error.code).toBe('errors.keyNotAccepted');
    expect(error.params.file).toBe(wrongKey);
    expect(readFileSync(file, 'utf8')).toBe(before);
  });

  it('does not sign again a notices file altered on the server', async () => {
    const good = readFileSync(file, 'utf8');
    const forged = JSON.parse(good) as { signed: { notices: { title: string }[] } };
    forged.signed.notices[0]!.title = '假通知：请到村委会领取补贴';
    writeFileSync(file, JSON.stringify(forged));

    const error = await noticeErrorOf(publishFor('county-water', COUNTY, '全县停水通知'));
    expect(error.code).toBe('errors.noticesAltered');
    expect(error.params.file).toBe(file);
    expect(await noticeErrorOf(endNotice({ outDir: bundleDir, keyFiles, id: 'home-flood' }))).toMatchObject({ code: 'errors.noticesAltered' });

    for (const check of [['--trust', path.join(keyDir, 'publisher.pub')], ['--key', keyFiles[0]!]]) {
      const listed = await runCli(['notice', 'list', '--out', bundleDir, ...check]);
      expect(listed.code, check[0]).toBe(1);
      expect(listed.stderr, check[0]).toContain(`The content of the notices file ${file} does not match the signature`);
      expect(listed.stderr, check[0]).not.toContain('Nothing was written');
      expect(listed.stdout, check[0]).not.toContain('假通知');
    }
    const unchecked = await runCli(['notice', 'list', '--out', bundleDir]);
    expect(unchecked.code).toBe(1);
    expect(unchecked.stderr).toContain(`The signatures of the notices file ${file} could not be checked`);
    expect(unchecked.stdout).not.toContain('假通知');
    writeFileSync(file, good);

    const listed = await runCli(['notice', 'list', '--out', bundleDir, '--key', keyFiles[0]!]);
    expect(listed.code, listed.stderr).toBe(0);
    expect(listed.stdout).toContain('home-flood');
  });

  it('lists with a key that did not sign the bundle only to say so', async () => {
    const wrongKey = path.join(temp.dir, 'wrong-keys', 'publisher.key');
    const listed = await runCli(['notice', 'list', '--out', bundleDir, '--key', wrongKey]);
    expect(listed.code).toBe(1);
    expect(listed.stderr).toContain(`The key in ${wrongKey}`);
    expect(listed.stderr).toContain('did not sign the county');
  });

  it('waits for a bundle publish that holds the folder lock', async () => {
    const lockFile = path.join(bundleDir, LOCK_FILE);
    writeFileSync(lockFile, JSON.stringify({ pid: process.pid, startedAt: new Date().toISOString() }));
    const publishing = publishFor('county-water', COUNTY, '全县停水通知');
    // The lock is released only after the publish has found it taken at least once.
    await new Promise((resolve) => setTimeout(resolve, 600));
    rmSync(lockFile);
    expect((await publishing).notices.map((notice) => notice.id)).toContain('county-water');
  });
});

describe('a withdrawal reaches a kiosk that checks late', () => {
  it('removes the withdrawn notice two days later', async () => {
    const lateDir = path.join(temp.dir, 'late-kiosk');
    const day = 24 * 60 * 60 * 1000;
    const start = Date.now() + 60 * 60 * 1000;
    const at = (days: number) => new Date(start + days * day);
    const trust = loadTrustFile(path.join(keyDir, 'publisher.pub'));
    const latePass = (now: Date) => syncNotices({ source: bundleDir, trust, dataDir: lateDir, expectedRegion: COUNTY, now });
    const shown = (now: Date) => currentNotices(lateDir, HOME_TOWNSHIP, now).map((notice) => notice.id);

    const flags = { id: 'long-flood', region: HOME_TOWNSHIP, title: '防汛通知', body: '汛期请远离河道。', start: at(0).toISOString(), end: at(19).toISOString() };
    await publishNotice({ outDir: bundleDir, keyFiles, now: at(0), notice: (county, now) => noticeFromFlags(flags, county, now) });
    expect(await latePass(at(0))).toMatchObject({ status: 'updated' });
    expect(shown(at(0))).toContain('long-flood');

    await endNotice({ outDir: bundleDir, keyFiles, id: 'long-flood', now: at(0.01) });
    expect(await latePass(at(2))).toMatchObject({ status: 'updated' });
    expect(shown(at(2))).not.toContain('long-flood');
  });
});

describe('a kiosk with a snapshot', () => {
  it('uses the snapshot county and the trusted time floor', async () => {
    const servedDir = path.join(temp.dir, 'served-kiosk');
    const synced = await runCli(['sync', '--source', bundleDir, '--trust', path.join(keyDir, 'publisher.pub'), '--data-dir', servedDir, '--region', COUNTY]);
    expect(synced.code, synced.stderr).toBe(0);
    // serve without --config: the default home region is the province, not in the snapshot.
    const clock = new Date(Date.now() - 3 * 24 * 60 * 60 * 1000);
    const served = createKioskService({ dataDir: servedDir, settings: { ...TEST_SETTINGS, homeRegionCode: '430000' }, clock: () => clock });
    try {
      expect((await served.getSettings()).homeRegionCode).toBe(COUNTY);
      const result = await served.getEmergencyNotices();
      expect(result.notices.map((notice) => notice.id)).toContain('county-water');
      expect(Date.parse(result.timeFloor!)).toBeGreaterThan(clock.getTime());
    } finally {
      await served.close();
    }
  });
});

describe('USB sticks', () => {
  it('carry notices.json from notice publish --usb and from publish --usb', async () => {
    const noticeStick = path.join(temp.dir, 'stick-notice');
    const bundleStick = path.join(temp.dir, 'stick-bundle');
    mkdirSync(noticeStick);
    mkdirSync(bundleStick);
    const args = ['--region', COUNTY, '--title', '全县停水通知', '--body', '全县停水。', '--start', hoursFromNow(-1), '--end', hoursFromNow(4), '--id', 'county-water'];
    const published = await runCli(['notice', 'publish', ...args, '--key', keyFiles[0]!, '--out', bundleDir, '--usb', noticeStick]);
    expect(published.code, published.stderr).toBe(0);
    const onStick = path.join(noticeStick, 'minsheng-bundles', COUNTY, NOTICES_FILE);
    expect(readFileSync(onStick, 'utf8')).toBe(readFileSync(path.join(bundleDir, NOTICES_FILE), 'utf8'));

    const dataDir = path.join(temp.dir, 'data');
    const bundle = await runCli(['publish', '--data', dataDir, '--key', keyFiles[0]!, '--out', bundleDir, '--usb', bundleStick]);
    expect(bundle.code, bundle.stderr).toBe(0);
    expect(readFileSync(path.join(bundleStick, 'minsheng-bundles', COUNTY, NOTICES_FILE), 'utf8')).toBe(readFileSync(onStick, 'utf8'));

    const trust = loadTrustFile(path.join(keyDir, 'publisher.pub'));
    const stickKiosk = path.join(temp.dir, 'stick-kiosk');
    expect(await syncNotices({ source: 'usb', usbRoots: [bundleStick], trust, dataDir: stickKiosk, expectedRegion: COUNTY })).toMatchObject({ status: 'updated' });
  });
});
