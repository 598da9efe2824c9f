import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { addLogFile, configureLogging, createLogger, scrubText, toTextLine } from '../../src-main/core/log.js';
import { makeTempDir } from '../helpers/temp.js';

const ID_NUMBER = '11010519491231002X';

describe('scrubText', () => {
  it.each([
    [`id ${ID_NUMBER} end`, 'id [18 digits redacted] end'],
    ['old id 110105491231002', 'old id [15 digits redacted]'],
    ['card 6222021234567890123', 'card [19 digits redacted]'],
    ['phone 13812345678.', 'phone [11 digits redacted].'],
    ['version 12 of 431226', 'version 12 of 431226'],
  ])('scrubs %j', (input, expected) => {
    expect(scrubText(input)).toBe(expected);
  });
});

describe('createLogger', () => {
  const temp = makeTempDir();
  afterEach(() => configureLogging());

  it('logs thrown values that are not errors, without their personal numbers', () => {
    const file = path.join(temp.dir, 'logs', 'odd-errors.log');
    configureLogging({ file, level: 'info' });

    const log = createLogger('test-module');
    log.error({ err: `disk said ${ID_NUMBER}` }, 'a string was thrown');
    log.error({ err: { name: 'SqliteError', message: { code: 'SQLITE_CORRUPT' } } }, 'a worker error arrived as an object');
    log.error({ err: null }, 'null was thrown');

    const lines = readFileSync(file, 'utf8').trim().split('\n').map((line) => JSON.parse(line));
    expect(lines.map((line) => line.err)).toEqual([
      { type: 'string', message: 'disk said [18 digits redacted]' },
      { type: 'SqliteError', message: '[object Object]' },
      { type: 'object', message: 'null' },
    ]);
  });

  it('redacts personal fields and free text in the file', () => {
    const file = path.join(temp.dir, 'logs', 'kiosk.log');
    configureLogging({ file, level: 'info' });

    const log = createLogger('test-module');
    log.info({ idNumber: ID_NUMBER, household: { name: '张三丰', phone: '13812345678' } }, `lookup ${ID_NUMBER}`);
    log.error({ err: new Error(`failed for ${ID_NUMBER}`) }, 'lookup failed');
    log.debug('below the level');

    const text = readFileSync(file, 'utf8');
    const lines = text.trim().split('\n').map((line) => JSON.parse(line));
    expect(lines).toHaveLength(2);
    expect(lines[0].module).toBe('test-module');
    expect(lines[0].idNumber).toBe('[redacted]');
    expect(lines[0].household.name).toBe('[redacted]');
    expect(lines[0].household.phone).toBe('[redacted]');
    expect(text).not.toContain(ID_NUMBER);
    expect(text).not.toContain('张三丰');
    expect(text).not.toContain('13812345678');
    expect(text).not.toContain('below the level');
  });
});

describe('addLogFile', () => {
  const temp = makeTempDir();
  afterEach(() => configureLogging());

  it('adds a JSON file beside the first target', () => {
    const console = path.join(temp.dir, 'console.txt');
    const file = path.join(temp.dir, 'logs', 'kiosk.log');
    configureLogging({ file: console, level: 'warn', format: 'text' });
    addLogFile(file);

    const log = createLogger('test-module');
    log.info({ port: 8765 }, 'started');
    log.warn('disk almost full');
    log.debug('below both levels');

    expect(readFileSync(console, 'utf8')).toBe('warn test-module: disk almost full\n');
    const lines = readFileSync(file, 'utf8').trim().split('\n').map((line) => JSON.parse(line));
    expect(lines.map((line) => line.msg)).toEqual(['started', 'disk almost full']);
    expect(lines[0]).toMatchObject({ module: 'test-module', port: 8765, level: 30 });
  });

  it('is dropped by configureLogging', () => {
    const file = path.join(temp.dir, 'dropped.log');
    addLogFile(file);
    configureLogging({ file: path.join(temp.dir, 'other.log'), level: 'info' });

    createLogger('test-module').info('after the reset');

    expect(readFileSync(file, 'utf8')).toBe('');
  });
});

describe('toTextLine', () => {
  it('writes level, module, message and fields', () => {
    const line = JSON.stringify({ level: 40, time: 't', pid: 1, hostname: 'h', module: 'sync', msg: 'retrying', retry: 2, error: { code: 'ECONNRESET' } });
    expect(toTextLine(line)).toBe('warn sync: retrying (retry=2, error={"code":"ECONNRESET"})\n');
  });

  it('passes through a line that is not JSON', () => {
    expect(toTextLine('plain text\n')).toBe('plain text\n');
  });
});

describe('configureLogging text format', () => {
  const temp = makeTempDir();
  afterEach(() => configureLogging());

  it('redacts in the text form too', () => {
    const file = path.join(temp.dir, 'text.log');
    configureLogging({ file, level: 'info', format: 'text' });
    createLogger('cli').warn({ idNumber: ID_NUMBER }, `failed for ${ID_NUMBER}`);

    const text = readFileSync(file, 'utf8');
    expect(text).toBe('warn cli: failed for [18 digits redacted] (idNumber=[redacted])\n');
  });
});
