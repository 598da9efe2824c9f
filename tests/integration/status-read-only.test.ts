// `minsheng status` on a read-only data folder: the sync could not record its failure in
// status.json, so the report checks writability itself and lists the problem.
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readTerminalReport } from '../../src-main/core/data-folder/terminal-status.js';
import { installSnapshotFile } from '../helpers/installed-snapshot.js';
import { buildSnapshotFile } from '../helpers/make-bundle.js';
import { mountTmpfs } from '../helpers/mount.js';
import type { TmpfsMount } from '../helpers/mount.js';
import { makeTempDir } from '../helpers/temp.js';

const LOOKUP_KEY = { algorithm: 'scrypt' as const, N: 1024, r: 8, p: 1, keyLength: 32, saltHex: '2f'.repeat(16) };

let temp: ReturnType<typeof makeTempDir>;
let mount: TmpfsMount;

beforeEach(() => {
  temp = makeTempDir('minsheng-status-ro-');
  mount = mountTmpfs(path.join(temp.dir, 'disk'), 8 * 1024 * 1024);
});

afterEach(() => {
  mount.remove();
  temp.remove();
});

describe('status on a read-only data folder', () => {
  it('lists the read-only problem', async () => {
    const dataDir = path.join(mount.dir, 'kiosk');
    const built = buildSnapshotFile(path.join(temp.dir, 'build', 'snapshot.sqlite'), { version: 1, households: 1, lookupKey: LOOKUP_KEY });
    // Published an hour ago, so the data has not expired and read-only is the only problem.
    await installSnapshotFile(dataDir, built.file, { createdAt: new Date(Date.now() - 3_600_000).toISOString() });
    expect(readTerminalReport(dataDir).status.problems).toEqual([]);

    mount.remountReadOnly();
    const report = readTerminalReport(dataDir);

    expect(report.status.problems.map((problem) => problem.code)).toEqual(['read-only']);
    expect(report.current?.version).toBe(1);
  });
});
