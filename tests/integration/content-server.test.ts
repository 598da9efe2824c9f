// The content server as documented: real nginx running resources/nginx/minsheng-content.conf
// (only its port and root changed) over a folder that `minsheng publish` writes. A kiosk data
// folder syncs through it, and readers in a loop never see a manifest whose files are missing or
// partial while publishes run. Needs `npm run build:main` first.
import { createHash } from 'node:crypto';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManifestSchema } from '../../src-main/core/snapshot/manifest.js';
import { REPO_ROOT, runCli } from '../helpers/cli.js';
import { startNginx } from '../helpers/nginx.js';
import type { RunningNginx } from '../helpers/nginx.js';
import { writeSampleDataset } from '../helpers/publisher-data.js';
import { makeTempDir } from '../helpers/temp.js';

const CONFIG_FILE = path.join(REPO_ROOT, 'resources/nginx/minsheng-content.conf');

const temp = makeTempDir('minsheng-content-server-');
const keyDir = path.join(temp.dir, 'keys');
const dataDir = path.join(temp.dir, 'data');
const contentDir = path.join(temp.dir, 'content');
const kioskDataDir = path.join(temp.dir, 'kiosk');
let nginx: RunningNginx;

/** The documented server block with only the listen address and the root replaced. */
function documentedServer(port: number): string {
  const text = readFileSync(CONFIG_FILE, 'utf8');
  expect(text).toContain('listen 80;');
  expect(text).toContain('root /srv/minsheng/content;');
  return text.replace('listen 80;', `listen 127.0.0.1:${port};`).replace('root /srv/minsheng/content;', `root ${contentDir};`);
}

function publish() {
  return runCli(['publish', '--data', dataDir, '--key', path.join(keyDir, 'publisher.key'), '--out', contentDir]);
}

function sync() {
  const trust = path.join(keyDir, 'publisher.pub');
  return runCli(['sync', '--source', nginx.url, '--trust', trust, '--data-dir', kioskDataDir, '--region', '431226']);
}

/** Changes one payment amount, so the next publish has a small delta. */
function changeOnePayment(run: number): void {
  const file = path.join(dataDir, 'payments.csv');
  const lines = readFileSync(file, 'utf8').split('\n');
  const cells = lines[1]!.split(',');
  cells[3] = `${100 + run}.00`;
  lines[1] = cells.join(',');
  writeFileSync(file, lines.join('\n'));
}

beforeAll(async () => {
  const keygen = await runCli(['keygen', '--out', keyDir]);
  expect(keygen.code, keygen.stderr).toBe(0);
  writeSampleDataset(dataDir);
  nginx = await startNginx({ root: contentDir, server: documentedServer });
});

afterAll(async () => {
  await nginx?.stop();
  temp.remove();
});

/** Checks that `file` is served as JSON with no-cache and an ETag that turns a revalidation into a 304. */
async function expectRevalidatedJson(file: string): Promise<void> {
  const response = await fetch(`${nginx.url}${file}`);
  const etag = response.headers.get('etag');
  await response.arrayBuffer();

  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toBe('application/json; charset=utf-8');
  expect(response.headers.get('cache-control')).toBe('no-cache');
  expect(etag).not.toBeNull();
  const again = await fetch(`${nginx.url}${file}`, { headers: { 'if-none-match': etag! } });
  expect(again.status).toBe(304);
}

describe('content server config', () => {
  it('syncs a kiosk in full, then by delta', async () => {
    expect((await publish()).code).toBe(0);
    const first = await sync();
    expect(first.code, first.stderr).toBe(0);
    expect(first.stdout).toContain('Installed snapshot version 1.');

    changeOnePayment(1);
    expect((await publish()).code).toBe(0);
    const second = await sync();
    expect(second.code, second.stderr).toBe(0);
    expect(second.stdout).toContain('Installed snapshot version 2 from the delta (replacing version 1).');
  });

  it('revalidates the manifest with its ETag', async () => {
    await expectRevalidatedJson('manifest.json');
  });

  it('serves the emergency notices file like the manifest, and a kiosk gets it', async () => {
    const start = new Date(Date.now() - 60_000).toISOString();
    const end = new Date(Date.now() + 4 * 60 * 60 * 1000).toISOString();
    const key = path.join(keyDir, 'publisher.key');
    const args = ['--region', '431226', '--title', '停水通知', '--body', '全县停水。', '--start', start, '--end', end, '--id', 'water-1'];
    const published = await runCli(['notice', 'publish', ...args, '--key', key, '--out', contentDir]);
    expect(published.code, published.stderr).toBe(0);

    await expectRevalidatedJson('notices.json');

    const synced = await runCli(['sync', '--source', nginx.url, '--trust', path.join(keyDir, 'publisher.pub'), '--data-dir', kioskDataDir, '--notices-only']);
    expect(synced.code, synced.stderr).toBe(0);
    expect(synced.stdout).toContain('Emergency notices updated');
    rmSync(path.join(contentDir, 'notices.json'));
  });

  it('says so when the source has no notices file', async () => {
    const synced = await runCli(['sync', '--source', nginx.url, '--trust', path.join(keyDir, 'publisher.pub'), '--data-dir', kioskDataDir, '--notices-only']);
    expect(synced.code, synced.stderr).toBe(0);
    expect(synced.stdout).toContain(`No emergency notices file (notices.json) at ${nginx.url}`);
  });

  it('serves payloads cached, unencoded and in ranges', async () => {
    const manifest = ManifestSchema.parse(await (await fetch(`${nginx.url}manifest.json`)).json());
    const url = `${nginx.url}${manifest.signed.payload.path}`;
    const whole = await fetch(url, { headers: { 'accept-encoding': 'gzip' } });
    const bytes = Buffer.from(await whole.arrayBuffer());
    const tail = await fetch(url, { headers: { range: 'bytes=100-', 'accept-encoding': 'identity' } });
    const tailBytes = Buffer.from(await tail.arrayBuffer());

    expect(whole.headers.get('content-type')).toBe('application/gzip');
    expect(whole.headers.get('content-encoding')).toBeNull();
    expect(whole.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(bytes.length).toBe(manifest.signed.payload.length);
    expect(tail.status).toBe(206);
    expect(tail.headers.get('content-range')).toBe(`bytes 100-${bytes.length - 1}/${bytes.length}`);
    expect(tailBytes.equals(bytes.subarray(100))).toBe(true);
  });

  it.each([
    ['a listing of the folder', 'GET', '', 404],
    ['the publish lock', 'GET', '.publish.lock', 404],
    ['a temporary file', 'GET', '.snapshot-9.sqlite.gz.123.tmp', 404],
    ['another file', 'GET', 'notes.txt', 404],
    ['a POST', 'POST', 'manifest.json', 405],
    ['a PUT', 'PUT', 'snapshot-1.sqlite.gz', 405],
    ['a DELETE', 'DELETE', 'manifest.json', 405],
  ])('refuses %s', async (_name, method, file, status) => {
    writeFileSync(path.join(contentDir, 'notes.txt'), 'not for kiosks');
    writeFileSync(path.join(contentDir, '.publish.lock'), '{"pid":1}');
    const response = await fetch(`${nginx.url}${file}`, { method });
    const body = await response.text();
    rmSync(path.join(contentDir, 'notes.txt'));
    rmSync(path.join(contentDir, '.publish.lock'));
    expect(response.status).toBe(status);
    expect(body).not.toContain('snapshot-');
  });
});

interface ReadProblem {
  version: number;
  file: string;
  problem: string;
}

/** Reads the manifest and every file it names, and returns what does not match. */
async function readOnce(): Promise<{ version: number; problems: ReadProblem[] }> {
  const manifest = ManifestSchema.parse(await (await fetch(`${nginx.url}manifest.json`)).json());
  const { signed } = manifest;
  const entries = [signed.payload, ...(signed.delta === undefined ? [] : [signed.delta]), ...(manifest.olderDeltas?.signed.deltas ?? [])];
  const problems: ReadProblem[] = [];
  for (const entry of entries) {
    const response = await fetch(`${nginx.url}${entry.path}`);
    const bytes = Buffer.from(await response.arrayBuffer());
    const digest = createHash('sha256').update(bytes).digest('hex');
    if (response.status !== 200) problems.push({ version: signed.version, file: entry.path, problem: `status ${response.status}` });
    else if (bytes.length !== entry.length || digest !== entry.digest) problems.push({ version: signed.version, file: entry.path, problem: `${bytes.length} bytes, digest ${digest}` });
  }
  return { version: signed.version, problems };
}

describe('content folder during publishes', () => {
  it('never shows a manifest without its files', async () => {
    const publishes = (async () => {
      for (let run = 2; run < 6; run += 1) {
        changeOnePayment(run);
        const result = await publish();
        expect(result.code, result.stderr).toBe(0);
      }
    })();
    let done = false;
    void publishes.finally(() => (done = true));

    const problems: ReadProblem[] = [];
    const versions = new Set<number>();
    let reads = 0;
    while (!done) {
      const read = await readOnce();
      problems.push(...read.problems);
      versions.add(read.version);
      reads += 1;
    }
    await publishes;
    const last = await readOnce();

    expect(problems).toEqual([]);
    expect(last.problems).toEqual([]);
    expect(last.version).toBe(6);
    expect(reads).toBeGreaterThan(0);
  });
});
