// The supervisor's smaller parts: the daily window, the line splitter and message parser, the
// socket address, the process tree memory read from a /proc-shaped folder and the default kiosk command.
import { existsSync, mkdirSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { isEmptyWindow, windowOccurrence } from '../../src-main/watchdog/daily-window.js';
import { createLineSplitter, parseWatchdogLine } from '../../src-main/watchdog/message-lines.js';
import { electronKioskCommand } from '../../src-main/watchdog/kiosk-command.js';
import { readProcessTreeMemory } from '../../src-main/watchdog/process-memory.js';
import { createSocketAddress, SocketPathTooLongError } from '../../src-main/watchdog/socket-address.js';
import { makeTempDir } from '../helpers/temp.js';

const at = (hours: number, minutes: number, day = 14) => new Date(2026, 2, day, hours, minutes).getTime();

describe('daily window', () => {
  it('names the occurrence by its start date', () => {
    const window = { from: '03:00', to: '04:00' };
    expect(windowOccurrence(window, at(2, 59))).toBeNull();
    expect(windowOccurrence(window, at(3, 0))).toBe('2026-03-14');
    expect(windowOccurrence(window, at(3, 59))).toBe('2026-03-14');
    expect(windowOccurrence(window, at(4, 0))).toBeNull();
  });

  it('gives the part after midnight to the previous day', () => {
    const window = { from: '23:30', to: '01:00' };
    expect(windowOccurrence(window, at(23, 29))).toBeNull();
    expect(windowOccurrence(window, at(23, 45))).toBe('2026-03-14');
    expect(windowOccurrence(window, at(0, 30, 15))).toBe('2026-03-14');
    expect(windowOccurrence(window, at(0, 30, 1))).toBe('2026-02-28');
    expect(windowOccurrence(window, at(1, 0, 15))).toBeNull();
  });

  it('treats a window from a time to the same time as empty', () => {
    const window = { from: '03:00', to: '03:00' };
    expect(isEmptyWindow(window)).toBe(true);
    expect(windowOccurrence(window, at(3, 0))).toBeNull();
  });
});

describe('watchdog lines', () => {
  function split(chunks: (string | Buffer)[], maxBytes = 16) {
    const lines: string[] = [];
    let overlong = 0;
    const splitter = createLineSplitter(
      (line) => lines.push(line),
      () => (overlong += 1),
      maxBytes,
    );
    for (const chunk of chunks) splitter.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk));
    return { lines, overlong };
  }

  it('joins lines across chunks and skips blank ones', () => {
    expect(split(['ab', 'c\nde', 'f\n\n', 'g\n'])).toEqual({ lines: ['abc', 'def', 'g'], overlong: 0 });
  });

  it('keeps a character split between chunks whole', () => {
    const bytes = Buffer.from('民生\n');
    expect(split([bytes.subarray(0, 2), bytes.subarray(2)]).lines).toEqual(['民生']);
  });

  it('drops over-long lines and goes on after them', () => {
    expect(split(['x'.repeat(17), '\nok\n'])).toEqual({ lines: ['ok'], overlong: 1 });
    expect(split(['x'.repeat(10), 'x'.repeat(10), 'x'.repeat(10), '\nok\n'])).toEqual({ lines: ['ok'], overlong: 1 });
    expect(split([`${'y'.repeat(20)}\nok\n`])).toEqual({ lines: ['ok'], overlong: 1 });
    expect(split(['x'.repeat(16), '\n'])).toEqual({ lines: ['x'.repeat(16)], overlong: 0 });
  });

  it('parses heartbeats and incidents and rejects anything else', () => {
    expect(parseWatchdogLine('{"type":"heartbeat","pid":12,"memoryBytes":1024,"busy":false}')).toEqual({
      ok: true,
      message: { type: 'heartbeat', pid: 12, memoryBytes: 1024, busy: false },
    });
    expect(parseWatchdogLine('{"type":"incident","kind":"renderer-gone","detail":"crashed"}').ok).toBe(true);
    expect(parseWatchdogLine('{"type":"heartbeat"')).toEqual({ ok: false, problem: 'not-json' });
    expect(parseWatchdogLine('{"type":"heartbeat","pid":0,"memoryBytes":1,"busy":false}')).toEqual({ ok: false, problem: 'invalid-message' });
    expect(parseWatchdogLine('{"type":"heartbeat","pid":1,"memoryBytes":-1,"busy":false}')).toEqual({ ok: false, problem: 'invalid-message' });
    expect(parseWatchdogLine('{"type":"restart"}')).toEqual({ ok: false, problem: 'invalid-message' });
    expect(parseWatchdogLine('null')).toEqual({ ok: false, problem: 'invalid-message' });
  });
});

describe('watchdog socket address', () => {
  const temp = makeTempDir();
  afterAll(() => temp.remove());

  it.runIf(process.platform !== 'win32')('makes a private folder for the socket and removes it', () => {
    const address = createSocketAddress('linux', temp.dir);
    const folder = path.dirname(address.path);
    expect(statSync(folder).mode & 0o777).toBe(0o700);
    address.remove();
    expect(existsSync(folder)).toBe(false);
  });

  it.runIf(process.platform !== 'win32')('rejects a temporary folder too deep for a socket path', () => {
    const deep = path.join(temp.dir, 'd'.repeat(100));
    mkdirSync(deep);
    expect(() => createSocketAddress('linux', deep)).toThrow(SocketPathTooLongError);
    expect(() => createSocketAddress('linux', deep)).toThrow(/set TMPDIR to a shorter folder/);
  });

  it('names a pipe on Windows', () => {
    expect(createSocketAddress('win32').path).toMatch(/^\\\\\.\\pipe\\minsheng-watchdog-\d+-[0-9a-f]{12}$/);
  });
});

describe('process tree memory', () => {
  const temp = makeTempDir();
  afterAll(() => temp.remove());

  function writeProcess(procDir: string, pid: number, parentPid: number, groupId: number, files: { pssKb?: number; rssKb?: number }) {
    const dir = path.join(procDir, String(pid));
    mkdirSync(dir, { recursive: true });
    // A command name with a space and a parenthesis, as Chromium's "(zygote)" helpers have.
    writeFileSync(path.join(dir, 'stat'), `${pid} (kiosk (zygote) x) S ${parentPid} ${groupId} ${groupId} 0 -1\n`);
    if (files.pssKb !== undefined) writeFileSync(path.join(dir, 'smaps_rollup'), `Rss:   999 kB\nPss:   ${files.pssKb} kB\n`);
    if (files.rssKb !== undefined) writeFileSync(path.join(dir, 'status'), `Name: kiosk\nVmRSS:\t${files.rssKb} kB\n`);
  }

  it('sums the children, grandchildren and group members of the kiosk', () => {
    const procDir = path.join(temp.dir, 'proc');
    writeProcess(procDir, 100, 1, 100, { pssKb: 1000 });
    writeProcess(procDir, 101, 100, 100, { pssKb: 200 });
    writeProcess(procDir, 102, 101, 102, { rssKb: 30 });
    // Its parent died, but it stayed in the kiosk's group.
    writeProcess(procDir, 103, 1, 100, { pssKb: 4 });
    writeProcess(procDir, 200, 1, 200, { pssKb: 50_000 });
    mkdirSync(path.join(procDir, 'self'));

    expect(readProcessTreeMemory(100, procDir)).toBe((1000 + 200 + 30 + 4) * 1024);
  });

  it('returns null for a process that is gone', () => {
    expect(readProcessTreeMemory(99_999, path.join(temp.dir, 'proc'))).toBeNull();
    expect(readProcessTreeMemory(1, path.join(temp.dir, 'missing'))).toBeNull();
  });

  it.runIf(process.platform === 'linux')('reads this process from the real /proc', () => {
    const bytes = readProcessTreeMemory(process.pid);
    expect(bytes).toBeGreaterThan(10 * 1024 * 1024);
  });
});

describe('default kiosk command', () => {
  const temp = makeTempDir();
  afterAll(() => temp.remove());
  const node = { execPath: '/usr/bin/node', versions: process.versions, env: { PATH: '/usr/bin', ELECTRON_RUN_AS_NODE: '1' } };

  it('starts the Electron of node_modules with the package as the app', () => {
    const root = path.join(temp.dir, 'checkout');
    mkdirSync(path.join(root, 'node_modules/electron/dist'), { recursive: true });
    writeFileSync(path.join(root, 'node_modules/electron/path.txt'), 'electron\n');
    writeFileSync(path.join(root, 'node_modules/electron/dist/electron'), '');

    const command = electronKioskCommand('/etc/kiosk.json', root, node);

    expect(command).toEqual({
      ok: true,
      command: path.join(root, 'node_modules/electron/dist/electron'),
      args: [root, '--config', '/etc/kiosk.json'],
      env: { PATH: '/usr/bin' },
    });
  });

  it('starts the packaged app on its own executable', () => {
    const packaged = { execPath: '/opt/kiosk/minsheng-kiosk', versions: { ...process.versions, electron: '45.6.1' }, env: { ELECTRON_RUN_AS_NODE: '1' } };
    expect(electronKioskCommand('/etc/kiosk.json', '/opt/kiosk/resources/app.asar', packaged)).toEqual({
      ok: true,
      command: '/opt/kiosk/minsheng-kiosk',
      args: ['--config', '/etc/kiosk.json'],
      env: {},
    });
  });

  it('names what is missing of Electron', () => {
    const root = path.join(temp.dir, 'no-binary');
    mkdirSync(path.join(root, 'node_modules/electron'), { recursive: true });
    expect(electronKioskCommand('/etc/kiosk.json', path.join(temp.dir, 'empty'), node)).toEqual({ ok: false, reason: 'node_modules/electron not found' });
    expect(electronKioskCommand('/etc/kiosk.json', root, node)).toEqual({ ok: false, reason: 'node_modules/electron/path.txt not found' });
    writeFileSync(path.join(root, 'node_modules/electron/path.txt'), 'electron');
    expect(electronKioskCommand('/etc/kiosk.json', root, node)).toEqual({ ok: false, reason: `${path.join('node_modules/electron/dist', 'electron')} not found` });
  });
});
