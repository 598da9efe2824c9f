// Writing the provisioned config: mode 0600 whatever the umask, an existing file kept unless
// replacing is asked for, and no temporary file left behind either way.
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { writeTerminalConfig } from '../../src-main/core/provision/write-config.js';
import { makeTempDir } from '../helpers/temp.js';

const temp = makeTempDir('minsheng-provision-write-');
afterAll(() => temp.remove());

describe('writeTerminalConfig', () => {
  it('creates the folder and writes mode 0600', async () => {
    const file = path.join(temp.dir, 'new', 'etc', 'kiosk.json');
    const previousUmask = process.umask(0);
    try {
      await writeTerminalConfig(file, { terminalId: 'JH-01' }, { replace: false });
    } finally {
      process.umask(previousUmask);
    }

    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual({ terminalId: 'JH-01' });
    expect(statSync(file).mode & 0o777).toBe(0o600);
  });

  it('keeps an existing file without replace', async () => {
    const file = path.join(temp.dir, 'kept.json');
    writeFileSync(file, 'old');

    await expect(writeTerminalConfig(file, { terminalId: 'JH-02' }, { replace: false })).rejects.toMatchObject({ code: 'EEXIST' });

    expect(readFileSync(file, 'utf8')).toBe('old');
    expect(readdirSync(temp.dir).filter((name) => name.endsWith('.tmp'))).toEqual([]);
  });

  it('replaces an existing file with replace', async () => {
    const file = path.join(temp.dir, 'replaced.json');
    writeFileSync(file, 'old', { mode: 0o644 });

    await writeTerminalConfig(file, { terminalId: 'JH-03' }, { replace: true });

    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual({ terminalId: 'JH-03' });
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(readdirSync(temp.dir).filter((name) => name.endsWith('.tmp'))).toEqual([]);
  });
});
