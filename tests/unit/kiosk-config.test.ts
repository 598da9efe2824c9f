// The shipped terminal configs load, and each kind of mistake a technician makes produces a
// message that names the field or value, in both languages, with no bare catalog keys.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ConfigError, loadTerminalConfig, MAX_CONFIG_BYTES } from '../../src-main/core/config.js';
import { translatorFor } from '../../src-shared/messages/translator.js';
import { LANGUAGES } from '../../src-shared/kiosk-api.js';
import { REPO_ROOT } from '../helpers/cli.js';
import { makeTempDir } from '../helpers/temp.js';

const CONFIG_DIR = path.join(REPO_ROOT, 'kiosk-config');

const VALID = {
  terminalId: 'test-01',
  terminalName: '测试终端',
  regionCode: '431226',
  dataDir: 'data',
  sync: { source: 'bundle', trust: 'publisher.pub' },
};

let temp: ReturnType<typeof makeTempDir>;
beforeEach(() => {
  temp = makeTempDir();
});
afterEach(() => {
  temp.remove();
});

function writeConfig(content: unknown): string {
  const file = path.join(temp.dir, 'terminal.json');
  writeFileSync(file, typeof content === 'string' ? content : JSON.stringify(content));
  return file;
}

/** Loads the file and returns the ConfigError it must throw. */
function configErrorOf(file: string, language: (typeof LANGUAGES)[number]): ConfigError {
  try {
    loadTerminalConfig(file, translatorFor(language));
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error(`expected ${file} to be rejected`);
}

function allText(error: ConfigError): string {
  return [error.message, ...error.problems].join('\n');
}

// A bare key such as "config:issue.missing" or "issue.missing" means a message was not found.
function expectNoBareKeys(text: string): void {
  expect(text).not.toMatch(/config:/);
  expect(text).not.toMatch(/\b(issue|types)\.[a-zA-Z]+/);
}

describe('shipped terminal configs', () => {
  it('example.json loads with absolute paths kept', () => {
    const loaded = loadTerminalConfig(path.join(CONFIG_DIR, 'example.json'), translatorFor('en'));

    expect(loaded.config.regionCode).toBe('431226');
    expect(loaded.config.terminalName).toBe('锦和镇便民服务中心 1 号机');
    expect(loaded.source).toMatch(/^https:\/\//);
    expect(loaded.dataDir).toBe('/var/lib/minsheng-kiosk');
    expect(loaded.config.idle.warningSeconds).toBeLessThan(loaded.config.idle.timeoutSeconds);
  });

  it('demo.json resolves paths against its folder', () => {
    const loaded = loadTerminalConfig(path.join(CONFIG_DIR, 'demo.json'), translatorFor('en'));

    expect(loaded.dataDir).toBe(path.join(REPO_ROOT, '.kiosk-data'));
    expect(loaded.source).toBe(path.join(REPO_ROOT, 'resources/demo-bundle'));
    expect(loaded.trust).toEqual({ kind: 'file', file: path.join(CONFIG_DIR, 'demo-root.json') });
  });

  it('defaults fill an omitted idle section', () => {
    const loaded = loadTerminalConfig(writeConfig(VALID), translatorFor('en'));

    expect(loaded.config.idle).toEqual({ timeoutSeconds: 90, warningSeconds: 20 });
    expect(loaded.config.sync.intervalMinutes).toBe(60);
    expect(loaded.config.language).toBe('zh-CN');
  });
});

describe('trust settings', () => {
  it('resolves a trust file against the config folder', () => {
    const loaded = loadTerminalConfig(writeConfig(VALID), translatorFor('en'));

    expect(loaded.trust).toEqual({ kind: 'file', file: path.join(temp.dir, 'publisher.pub') });
  });

  it('resolves root keys with their threshold', () => {
    const sync = { source: 'usb', rootKeys: ['keys/root-a.pub', '/etc/minsheng-kiosk/root-b.pub'], rootThreshold: 2 };

    const loaded = loadTerminalConfig(writeConfig({ ...VALID, sync }), translatorFor('en'));

    expect(loaded.trust).toEqual({
      kind: 'root-keys',
      files: [path.join(temp.dir, 'keys/root-a.pub'), '/etc/minsheng-kiosk/root-b.pub'],
      threshold: 2,
    });
    expect(loaded.source).toBe('usb');
  });
});

describe.each(LANGUAGES)('config errors in %s', (language) => {
  it('names a missing field', () => {
    const { terminalName: _omitted, ...config } = VALID;
    const error = configErrorOf(writeConfig(config), language);

    expect(error.problems).toHaveLength(1);
    expect(error.problems[0]).toContain('terminalName');
    expect(error.message).toContain('terminal.json');
    expectNoBareKeys(allText(error));
  });

  it('names a wrong type and its value', () => {
    const error = configErrorOf(writeConfig({ ...VALID, sync: { ...VALID.sync, intervalMinutes: '60' } }), language);

    expect(error.problems).toHaveLength(1);
    expect(error.problems[0]).toContain('sync.intervalMinutes');
    expect(error.problems[0]).toContain('"60"');
    expectNoBareKeys(allText(error));
  });

  it('rejects warningSeconds not below timeoutSeconds', () => {
    const error = configErrorOf(writeConfig({ ...VALID, idle: { timeoutSeconds: 30, warningSeconds: 30 } }), language);

    expect(error.problems).toHaveLength(1);
    expect(error.problems[0]).toContain('idle.warningSeconds');
    expect(error.problems[0]).toContain('30');
    expect(error.problems[0]).toContain('idle.timeoutSeconds');
    expectNoBareKeys(allText(error));
  });

  it('rejects both trust and rootKeys', () => {
    const sync = { ...VALID.sync, rootKeys: ['root.pub'], rootThreshold: 1 };
    const error = configErrorOf(writeConfig({ ...VALID, sync }), language);

    expect(error.problems).toHaveLength(1);
    expect(error.problems[0]).toContain('sync.trust');
    expect(error.problems[0]).toContain('sync.rootKeys');
    expectNoBareKeys(allText(error));
  });

  it('rejects neither trust nor rootKeys', () => {
    const error = configErrorOf(writeConfig({ ...VALID, sync: { source: 'bundle' } }), language);

    expect(error.problems).toHaveLength(1);
    expect(error.problems[0]).toContain('sync.trust');
    expect(error.problems[0]).toContain('sync.rootKeys');
    expectNoBareKeys(allText(error));
  });

  it('rejects rootKeys without rootThreshold', () => {
    const error = configErrorOf(writeConfig({ ...VALID, sync: { source: 'bundle', rootKeys: ['root.pub'] } }), language);

    expect(error.problems).toHaveLength(1);
    expect(error.problems[0]).toContain('sync.rootThreshold');
    expectNoBareKeys(allText(error));
  });

  it('rejects a rootThreshold above the key count', () => {
    const sync = { source: 'bundle', rootKeys: ['a.pub', 'b.pub'], rootThreshold: 3 };
    const error = configErrorOf(writeConfig({ ...VALID, sync }), language);

    expect(error.problems).toHaveLength(1);
    expect(error.problems[0]).toContain('sync.rootThreshold');
    expect(error.problems[0]).toContain('3');
    expectNoBareKeys(allText(error));
  });

  it('names an unknown top-level field', () => {
    const error = configErrorOf(writeConfig({ ...VALID, terminalNmae: 'x' }), language);

    expect(error.problems).toHaveLength(1);
    expect(error.problems[0]).toContain('terminalNmae');
    expectNoBareKeys(allText(error));
  });

  it('lists every problem of one file', () => {
    const error = configErrorOf(writeConfig({ ...VALID, regionCode: '4312', language: 'fr' }), language);

    expect(error.problems).toHaveLength(2);
    expect(allText(error)).toContain('"4312"');
    expect(allText(error)).toContain('"fr"');
    expect(allText(error)).toContain('"zh-CN"');
    expectNoBareKeys(allText(error));
  });

  it('reports invalid JSON with the file', () => {
    const file = writeConfig('{ "terminalId": "a", }');
    const error = configErrorOf(file, language);

    expect(error.message).toContain(file);
    expect(error.message).toContain('example.json');
    expectNoBareKeys(allText(error));
  });

  it('reports a missing file with its path', () => {
    const file = path.join(temp.dir, 'absent.json');
    const error = configErrorOf(file, language);

    expect(error.message).toContain(file);
    expect(error.message).toContain('ENOENT');
    expectNoBareKeys(allText(error));
  });

  it('refuses a file larger than the cap', () => {
    // Valid JSON padded with spaces past the cap, so only the size can be the problem.
    const file = writeConfig(JSON.stringify(VALID) + ' '.repeat(MAX_CONFIG_BYTES));
    const error = configErrorOf(file, language);

    expect(error.message).toContain(file);
    expect(error.message).toContain(String(MAX_CONFIG_BYTES));
    expectNoBareKeys(allText(error));
  });

  it('accepts a file just under the cap', () => {
    const text = JSON.stringify(VALID);
    const file = writeConfig(text + ' '.repeat(MAX_CONFIG_BYTES - Buffer.byteLength(text)));

    expect(loadTerminalConfig(file, translatorFor(language)).config.terminalId).toBe('test-01');
  });
});

describe('config error language', () => {
  it('zh-CN text is Chinese, not zod English', () => {
    const error = configErrorOf(writeConfig({ ...VALID, sync: { ...VALID.sync, intervalMinutes: 0 } }), 'zh-CN');

    expect(error.problems[0]).toContain('不能小于 1');
    expect(error.problems[0]).not.toMatch(/Too small|Invalid input/);
  });
});
