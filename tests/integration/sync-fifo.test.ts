// A bundle folder whose files are FIFOs (a stick or share prepared to stall a terminal): the
// sync pass must fail at once instead of waiting for a writer that never comes.
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { rmSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { syncOnce } from '../../src-main/core/sync/sync.js';
import { makeBundle, makeTestKeys } from '../helpers/make-bundle.js';
import { makeTempDir } from '../helpers/temp.js';

let temp: ReturnType<typeof makeTempDir>;
beforeEach(() => {
  temp = makeTempDir('minsheng-fifo-');
});
afterEach(() => temp.remove());

describe('sync from a folder of FIFOs', () => {
  it.each(['manifest.json', 'payload'])('fails at once on a FIFO %s', async (which) => {
    const keys = makeTestKeys();
    const folder = path.join(temp.dir, 'bundle');
    const { manifest } = makeBundle(folder, { version: 1, signWith: keys });
    const name = which === 'payload' ? manifest.signed.payload.path : which;
    rmSync(path.join(folder, name));
    execFileSync('mkfifo', [path.join(folder, name)]);

    const outcome = await syncOnce({ source: folder, trust: { kind: 'publisher-keys', keys: [keys.publicKey] }, dataDir: path.join(temp.dir, 'kiosk') });

    expect(outcome).toMatchObject({ status: 'failed', reason: 'io' });
  }, 15_000);
});
