// The dir source when a USB stick is pulled halfway: the file shrinks or disappears while it is
// copied. The destination is a FIFO that the test reads, so the fault happens after the first
// chunk has been read and before the next one, on every run.
import { execFileSync } from 'node:child_process';
import { createReadStream, mkdirSync, readFileSync, truncateSync, unlinkSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createDirSource } from '../../src-main/core/sync/dir-source.js';
import { SourceError } from '../../src-main/core/sync/source.js';
import { makeTempDir } from '../helpers/temp.js';

const temp = makeTempDir('minsheng-dir-source-');
// Three read chunks of the dir source (1 MiB each), so a fault after the first is mid-copy.
const FILE = randomBytes(3 * 1024 * 1024);
let caseCount = 0;

afterAll(() => temp.remove());

/** Makes a stick folder holding data.bin; returns the folder and the file. */
function makeStick(): { folder: string; file: string } {
  caseCount += 1;
  const folder = path.join(temp.dir, `stick-${caseCount}`);
  mkdirSync(folder, { recursive: true });
  const file = path.join(folder, 'data.bin');
  writeFileSync(file, FILE);
  return { folder, file };
}

/**
 * Copies data.bin into a FIFO and calls fault once the first bytes come out of it. Returns the
 * copy's outcome and the number of bytes that went through.
 */
async function copyWithFault(folder: string, fault: () => void): Promise<{ outcome: unknown; received: number }> {
  const fifo = path.join(temp.dir, `fifo-${caseCount}`);
  execFileSync('mkfifo', [fifo]);

  let received = 0;
  const reader = createReadStream(fifo);
  const drained = new Promise<void>((resolve, reject) => {
    reader.on('data', (chunk) => {
      if (received === 0) fault();
      received += chunk.length;
    });
    reader.on('end', resolve);
    reader.on('error', reject);
  });

  const outcome = await createDirSource(folder)
    .downloadFile('data.bin', fifo, FILE.length)
    .catch((error: unknown) => error);
  await drained;
  return { outcome, received };
}

describe('dir source with a stick pulled halfway', () => {
  it('fails when the file shrinks mid-copy', async () => {
    const { folder, file } = makeStick();
    const { outcome, received } = await copyWithFault(folder, () => truncateSync(file, 1024));

    expect(outcome).toBeInstanceOf(SourceError);
    expect((outcome as SourceError).kind).toBe('io');
    expect((outcome as SourceError).message).toContain(`ended after 1048576 of ${FILE.length} bytes`);
    expect(received).toBeLessThan(FILE.length);
  });

  it('fails when the file disappears mid-copy', async () => {
    const { folder, file } = makeStick();
    const { outcome } = await copyWithFault(folder, () => unlinkSync(file));

    expect(outcome).toBeInstanceOf(SourceError);
    expect((outcome as SourceError).kind).toBe('io');
    expect((outcome as SourceError).message).toContain('disappeared while being read');
  });

  it('copies the whole file without a fault', async () => {
    const { folder } = makeStick();
    const { outcome, received } = await copyWithFault(folder, () => {});

    expect(outcome).toBe(FILE.length);
    expect(received).toBe(FILE.length);
  });
});

describe('dir source resume', () => {
  it('keeps the partial bytes and copies the rest', async () => {
    const { folder } = makeStick();
    const destination = path.join(temp.dir, `resume-${caseCount}.bin`);
    // A marked prefix shows that the kept bytes were not read again from the stick.
    const marked = Buffer.alloc(1000, 0xaa);
    writeFileSync(destination, marked);

    const length = await createDirSource(folder).downloadFile('data.bin', destination, FILE.length, { resume: true });
    const copied = readFileSync(destination);

    expect(length).toBe(FILE.length);
    expect(copied.subarray(0, 1000).equals(marked)).toBe(true);
    expect(copied.subarray(1000).equals(FILE.subarray(1000))).toBe(true);
  });

  it('starts over when the partial is longer than the file', async () => {
    const { folder } = makeStick();
    const destination = path.join(temp.dir, `resume-${caseCount}.bin`);
    writeFileSync(destination, Buffer.alloc(FILE.length + 10));

    const length = await createDirSource(folder).downloadFile('data.bin', destination, FILE.length + 100, { resume: true });

    expect(length).toBe(FILE.length);
    expect(readFileSync(destination).equals(FILE)).toBe(true);
  });

  it('truncates without resume', async () => {
    const { folder } = makeStick();
    const destination = path.join(temp.dir, `resume-${caseCount}.bin`);
    writeFileSync(destination, Buffer.alloc(1000, 0xaa));

    expect(await createDirSource(folder).downloadFile('data.bin', destination, FILE.length)).toBe(FILE.length);
    expect(readFileSync(destination).equals(FILE)).toBe(true);
  });
});
