import { existsSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { makeFolder } from '../../src-main/core/make-folder.js';
import { makeTempDir } from '../helpers/temp.js';

const temp = makeTempDir();
afterAll(() => temp.remove());

describe('makeFolder', () => {
  it('creates missing parents', async () => {
    const dir = path.join(temp.dir, 'a', 'b', 'c');
    await makeFolder(dir);
    expect(statSync(dir).isDirectory()).toBe(true);
  });

  it('accepts an existing folder', async () => {
    await makeFolder(temp.dir);
    expect(statSync(temp.dir).isDirectory()).toBe(true);
  });

  it('rejects a file in the path', async () => {
    const file = path.join(temp.dir, 'file');
    writeFileSync(file, 'x');
    await expect(makeFolder(path.join(file, 'sub'))).rejects.toMatchObject({ code: 'ENOTDIR' });
  });

  it('rejects a path that is a file', async () => {
    const file = path.join(temp.dir, 'plain-file');
    writeFileSync(file, 'x');
    await expect(makeFolder(file)).rejects.toMatchObject({ code: 'ENOTDIR' });
  });

  it('fails under /proc instead of hanging', async () => {
    // Node's recursive mkdir never returns here; this must fail quickly with ENOENT.
    await expect(makeFolder('/proc/minsheng-test/out')).rejects.toMatchObject({ code: 'ENOENT' });
    expect(existsSync('/proc/minsheng-test')).toBe(false);
  });
});
