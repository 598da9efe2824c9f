// The HTTP source against Debian's nginx on 127.0.0.1, with the fault proxy in front where a
// fault must be injected. Dropped connections resume with Range, 500s are retried until the
// retries run out, and nginx's limit_rate tests the deadline. A server that ignores Range, a
// truncated file or a body past the limit each leave a defined destination file.
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createHttpSource } from '../../src-main/core/sync/http-source.js';
import { SourceError } from '../../src-main/core/sync/source.js';
import { startFaultProxy } from '../helpers/fault-proxy.js';
import type { Fault, FaultProxy } from '../helpers/fault-proxy.js';
import { startNginx } from '../helpers/nginx.js';
import type { RunningNginx } from '../helpers/nginx.js';
import { makeTempDir } from '../helpers/temp.js';

const temp = makeTempDir('minsheng-transfer-');
const www = path.join(temp.dir, 'www');
const FILE = randomBytes(256 * 1024);
const SLOW_FILE = FILE.subarray(0, 24 * 1024);
const TRUNCATED_LENGTH = 100_000;
let nginx: RunningNginx;
const proxies: FaultProxy[] = [];
let fileCount = 0;

beforeAll(async () => {
  for (const folder of ['', 'slow', 'error', 'no-ranges', 'truncated']) mkdirSync(path.join(www, folder), { recursive: true });
  writeFileSync(path.join(www, 'data.bin'), FILE);
  writeFileSync(path.join(www, 'slow', 'data.bin'), SLOW_FILE);
  writeFileSync(path.join(www, 'no-ranges', 'data.bin'), FILE);
  writeFileSync(path.join(www, 'truncated', 'data.bin'), FILE.subarray(0, TRUNCATED_LENGTH));

  nginx = await startNginx({
    root: www,
    locations: [
      'location /slow/ { limit_rate 8k; }',
      'location /error/ { return 500; }',
      // max_ranges 0 makes nginx ignore Range and send 200 with the whole file.
      'location /no-ranges/ { max_ranges 0; }',
    ],
  });
});

afterEach(async () => {
  while (proxies.length > 0) await proxies.pop()!.close();
});

afterAll(async () => {
  await nginx?.stop();
  temp.remove();
});

async function proxy(faults: Fault[]): Promise<FaultProxy> {
  const started = await startFaultProxy(nginx.port, faults);
  proxies.push(started);
  return started;
}

function newDestination(): string {
  fileCount += 1;
  return path.join(temp.dir, `download-${fileCount}.bin`);
}

function sha256(bytes: Buffer): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** Access log lines of GET requests for the path, as "path status". */
function requestsFor(urlPath: string): string[] {
  return nginx
    .accessLog()
    .map((line) => /"GET (\S+) HTTP\/[\d.]+" (\d{3}) /.exec(line))
    .filter((match): match is RegExpExecArray => match !== null && match[1] === urlPath)
    .map((match) => `${match[1]} ${match[2]}`);
}

async function sourceErrorOf(promise: Promise<unknown>): Promise<SourceError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof SourceError) return error;
    throw error;
  }
  throw new Error('expected a SourceError');
}

describe('HTTP transfer against nginx', () => {
  it('resumes a dropped connection with Range', async () => {
    const faulty = await proxy([{ kind: 'drop-after', bytes: 100_000 }]);
    const source = createHttpSource(faulty.url, { backoffMs: 10, retries: 0 });
    const destination = newDestination();
    const before = requestsFor('/data.bin').length;

    const length = await source.downloadFile('data.bin', destination, FILE.length);

    expect(length).toBe(FILE.length);
    expect(readFileSync(destination).equals(FILE)).toBe(true);
    expect(faulty.connections()).toBe(2);
    expect(requestsFor('/data.bin').slice(before)).toContain('/data.bin 206');
  });

  it('resumes a partial file left by an earlier call', async () => {
    // The second connection closes before any byte, which uses up the only retry (0).
    const faulty = await proxy([
      { kind: 'drop-after', bytes: 100_000 },
      { kind: 'drop-after', bytes: 0 },
    ]);
    const destination = newDestination();
    const firstError = await sourceErrorOf(
      createHttpSource(faulty.url, { backoffMs: 10, retries: 0 }).downloadFile('data.bin', destination, FILE.length),
    );

    const partial = readFileSync(destination);
    expect(firstError.kind).toBe('network');
    expect(partial.length).toBeGreaterThan(0);
    expect(partial.length).toBeLessThan(FILE.length);
    expect(partial.equals(FILE.subarray(0, partial.length))).toBe(true);

    const before = requestsFor('/data.bin').length;
    const length = await createHttpSource(nginx.url).downloadFile('data.bin', destination, FILE.length, { resume: true });

    expect(length).toBe(FILE.length);
    expect(readFileSync(destination).equals(FILE)).toBe(true);
    expect(requestsFor('/data.bin').slice(before)).toEqual(['/data.bin 206']);
  });

  it('retries 500 answers, then fails', async () => {
    const source = createHttpSource(`${nginx.url}error/`, { retries: 3, backoffMs: 10 });
    const error = await sourceErrorOf(source.downloadFile('data.bin', newDestination(), FILE.length));

    expect(error.kind).toBe('network');
    expect(error.message).toContain('500');
    expect(requestsFor('/error/data.bin')).toEqual(Array(4).fill('/error/data.bin 500'));
  });

  it('finishes a slow download within its deadline', async () => {
    const source = createHttpSource(`${nginx.url}slow/`, { deadlineBaseMs: 60_000 });
    const destination = newDestination();

    expect(await source.downloadFile('data.bin', destination, SLOW_FILE.length)).toBe(SLOW_FILE.length);
    expect(readFileSync(destination).equals(SLOW_FILE)).toBe(true);
  });

  it('fails a slow download past its deadline', async () => {
    // Deadline: 100 ms + 24 KiB at 1 MB/s, about 125 ms; nginx sends 8 KiB/s, so about 3 s.
    const source = createHttpSource(`${nginx.url}slow/`, { deadlineBaseMs: 100, minRateBytesPerSecond: 1_000_000, backoffMs: 10 });
    const destination = newDestination();
    const error = await sourceErrorOf(source.downloadFile('data.bin', destination, SLOW_FILE.length));

    expect(error.kind).toBe('network');
    expect(error.message).toContain('timed out');
    expect(statSync(destination).size).toBeLessThan(SLOW_FILE.length);
  });

  it('returns fewer bytes of a truncated file', async () => {
    const source = createHttpSource(`${nginx.url}truncated/`);
    const destination = newDestination();
    const length = await source.downloadFile('data.bin', destination, FILE.length);

    expect(length).toBe(TRUNCATED_LENGTH);
    // The caller's length and digest check is what rejects it.
    expect(sha256(readFileSync(destination))).not.toBe(sha256(FILE));
  });

  it('restarts cleanly when Range is ignored', async () => {
    const destination = newDestination();
    writeFileSync(destination, FILE.subarray(0, 50_000));
    const source = createHttpSource(`${nginx.url}no-ranges/`);

    const length = await source.downloadFile('data.bin', destination, FILE.length, { resume: true });

    expect(length).toBe(FILE.length);
    expect(readFileSync(destination).equals(FILE)).toBe(true);
    expect(requestsFor('/no-ranges/data.bin')).toEqual(['/no-ranges/data.bin 200']);
  });

  it('stops a body without length at maxBytes', async () => {
    const faulty = await proxy([{ kind: 'strip-content-length' }]);
    const source = createHttpSource(faulty.url, { backoffMs: 10 });
    const destination = newDestination();
    const error = await sourceErrorOf(source.downloadFile('data.bin', destination, 100_000));

    expect(error.kind).toBe('too-large');
    expect(readFileSync(destination).length).toBe(100_000);
    expect(readFileSync(destination).equals(FILE.subarray(0, 100_000))).toBe(true);
  });

  it('rejects a declared length past maxBytes', async () => {
    const destination = newDestination();
    const error = await sourceErrorOf(createHttpSource(nginx.url).downloadFile('data.bin', destination, 100_000));

    expect(error.kind).toBe('too-large');
    expect(existsSync(destination) ? statSync(destination).size : 0).toBe(0);
  });
});
