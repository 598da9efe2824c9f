// `minsheng provision` rejects each bad field by name: for every option, a bad value on top of an
// otherwise valid config exits 2, names the option and the config field, shows the value (never
// the PIN), and writes nothing. Runs the built command (`npm run build:main`).
import { existsSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROVISION_OPTIONS } from '../../src-main/core/provision/options.js';
import { runCli } from '../helpers/cli.js';
import { buildRoot, writeRoot } from '../helpers/conformance.js';
import { makeTestKeys } from '../helpers/make-bundle.js';
import { FILES, makeProvisionSetup, requiredOptions, TEST_PIN } from '../helpers/provision-setup.js';
import type { ProvisionSetup } from '../helpers/provision-setup.js';

interface BadFieldCase {
  /** The option named in the message (an option or PIN source). */
  option: string;
  /** The config field named in the message, or its start (watchdog.dailyRestart for .from). */
  field: string;
  args: string[];
  /** Text of the bad value the message must show; absolute paths are given relative here. */
  shows?: string;
  /** The case replaces the base config's --trust with root keys. */
  withoutTrust?: boolean;
  /** A PIN that must not appear in any output. */
  pin?: string;
  /** Text given on stdin. */
  input?: string;
}

const PIN = ['--admin-pin-file', FILES.pinFile];
const ROOT_FILE = 'roots/1.root.json';
const REPORTING = ['--report-url', 'https://www.hn12388.gov.cn/'];
const BAD_PINS = { sequence: '234567', descending: '98765432', sameDigit: '777777', short: '12345', long: '1234567890123', letters: '12a456' };

const CASES: BadFieldCase[] = [
  { option: 'terminal-id', field: 'terminalId', args: ['--terminal-id', 'JH 01'], shows: '"JH 01"' },
  // The root lists publishers for 431226 only, so sync would reject every bundle for 431225.
  { option: 'region', field: 'regionCode', args: ['--trust', ROOT_FILE, '--region', '431225'], shows: '431225', withoutTrust: true },
  { option: 'terminal-name', field: 'terminalName', args: ['--terminal-name', '镇'.repeat(101)], shows: '镇'.repeat(101) },
  { option: 'region', field: 'regionCode', args: ['--region', '4312'], shows: '"4312"' },
  { option: 'home-region', field: 'home.regionCode', args: ['--home-region', '433122101'], shows: '"433122101"' },
  { option: 'language', field: 'language', args: ['--language', 'fr'], shows: '"fr"' },
  { option: 'data-dir', field: 'dataDir', args: ['--data-dir', `${FILES.aFile}/data`], shows: FILES.aFile },
  { option: 'source', field: 'sync.source', args: ['--source', 'ftp://county.example/bundles'], shows: 'ftp://county.example/bundles' },
  { option: 'source', field: 'sync.source', args: ['--source', 'no-such-folder'], shows: 'no-such-folder' },
  // Empty, it would be read as the working folder.
  { option: 'source', field: 'sync.source', args: ['--source', ''], shows: 'no value given' },
  { option: 'source', field: 'sync.source', args: ['--source', 'https://user:secret@county.example/'], shows: 'https://user:secret@county.example/' },
  { option: 'trust', field: 'sync.trust', args: ['--trust', FILES.privateKey], shows: FILES.privateKey },
  { option: 'trust', field: 'sync.trust', args: ['--trust', 'keys/missing.pub'], shows: 'keys/missing.pub' },
  { option: 'root-key', field: 'sync.rootKeys.1', args: ['--root-key', FILES.rootKey1, '--root-key', FILES.notAKey, '--threshold', '1'], shows: FILES.notAKey, withoutTrust: true },
  { option: 'threshold', field: 'sync.rootThreshold', args: ['--root-key', FILES.rootKey1, '--root-key', FILES.rootKey2, '--threshold', '3'], shows: '3', withoutTrust: true },
  { option: 'threshold', field: 'sync.rootThreshold', args: ['--root-key', FILES.rootKey1, '--root-key', FILES.rootKey1, '--threshold', '2'], withoutTrust: true },
  { option: 'sync-interval', field: 'sync.intervalMinutes', args: ['--sync-interval', 'hourly'], shows: '"hourly"' },
  { option: 'sync-interval', field: 'sync.intervalMinutes', args: ['--sync-interval', '0'], shows: '0' },
  { option: 'idle-timeout', field: 'idle.timeoutSeconds', args: ['--idle-timeout', '3601'], shows: '3601' },
  { option: 'idle-warning', field: 'idle.warningSeconds', args: ['--idle-warning', '90'], shows: '90' },
  { option: 'flag-above-yuan', field: 'finance.flagAboveYuan', args: ['--flag-above-yuan', '¥5000'], shows: '"¥5000"' },
  { option: 'report-url', field: 'reporting.reportUrl', args: ['--report-url', 'www.hn12388.gov.cn'], shows: '"www.hn12388.gov.cn"' },
  { option: 'track-url', field: 'reporting.trackUrl', args: [...REPORTING, '--track-url', 'ftp://track.example/'], shows: '"ftp://track.example/"' },
  {
    option: 'commission-key',
    field: 'reporting.commissionKey',
    args: [...REPORTING, '--commission-key', FILES.publisherKey, '--upload-url', 'https://county.example/reports'],
    shows: FILES.publisherKey,
  },
  {
    option: 'upload-url',
    field: 'reporting.uploadUrl',
    args: [...REPORTING, '--commission-key', FILES.commissionKey, '--upload-url', 'https://user:pw@county.example/reports'],
    shows: '"https://user:pw@county.example/reports"',
  },
  { option: 'printer', field: 'printer.enabled', args: ['--printer', 'maybe'], shows: '"maybe"' },
  { option: 'printer-name', field: 'printer.name', args: ['--printer-name', 'P'.repeat(201)], shows: 'P'.repeat(201) },
  { option: 'printer-layout', field: 'printer.layout', args: ['--printer-layout', 'a5'], shows: '"a5"' },
  { option: 'admin-corner', field: 'admin.corner', args: [...PIN, '--admin-corner', 'middle'], shows: '"middle"', pin: TEST_PIN },
  { option: 'admin-max-attempts', field: 'admin.maxAttempts', args: [...PIN, '--admin-max-attempts', '11'], shows: '11', pin: TEST_PIN },
  { option: 'admin-lockout-minutes', field: 'admin.lockoutMinutes', args: [...PIN, '--admin-lockout-minutes', '0'], shows: '0', pin: TEST_PIN },
  { option: 'touch-only', field: 'kiosk.touchOnly', args: ['--touch-only', 'perhaps'], shows: '"perhaps"' },
  { option: 'allow', field: 'kiosk.permissions.1', args: ['--allow', 'media', '--allow', 'camera'], shows: '"camera"' },
  { option: 'attract-after', field: 'kiosk.attractAfterSeconds', args: ['--attract-after', '5'], shows: '5' },
  { option: 'watchdog-heartbeat', field: 'watchdog.heartbeatSeconds', args: ['--watchdog-heartbeat', '0'], shows: '0' },
  { option: 'watchdog-hang', field: 'watchdog.hangSeconds', args: ['--watchdog-hang', '6'], shows: '6' },
  { option: 'watchdog-memory', field: 'watchdog.memoryLimitMb', args: ['--watchdog-memory', '64'], shows: '64' },
  // Below the 256 MB a kiosk needs to run at all: the browser host alone uses 80 to 130 MB.
  { option: 'watchdog-memory', field: 'watchdog.memoryLimitMb', args: ['--watchdog-memory', '128'], shows: '128' },
  { option: 'restart-window', field: 'watchdog.dailyRestart', args: ['--restart-window', '25:00-04:00'], shows: '"25:00"' },
  { option: 'restart-window', field: 'watchdog.dailyRestart', args: ['--restart-window', '03:00-03:00'], shows: '"03:00-03:00"' },
  { option: 'restart-window', field: 'watchdog.dailyRestart', args: ['--restart-window', '03:00'], shows: '"03:00"' },
  { option: 'heartbeat-url', field: 'heartbeat.url', args: ['--heartbeat-url', 'county.example/heartbeats'], shows: '"county.example/heartbeats"' },
  {
    option: 'heartbeat-interval',
    field: 'heartbeat.intervalMinutes',
    args: ['--heartbeat-url', 'https://county.example/heartbeats', '--heartbeat-interval', '0'],
    shows: '0',
  },
  ...Object.entries(BAD_PINS).map(([name, pin]) => ({ option: 'admin-pin-file', field: 'admin.pinHash', args: ['--admin-pin-file', `pins/${name}.txt`], pin })),
  { option: 'admin-pin-file', field: 'admin.pinHash', args: ['--admin-pin-file', 'pins/missing.txt'], shows: 'pins/missing.txt' },
  { option: 'admin-pin-stdin', field: 'admin.pinHash', args: ['--admin-pin-stdin'], input: '876543\n', pin: '876543' },
  // One line, a newline at its end allowed: a second line is named as such, not as a bad digit.
  { option: 'admin-pin-file', field: 'admin.pinHash', args: ['--admin-pin-file', 'pins/two-lines.txt'], shows: 'there are more lines', pin: '864209' },
  { option: 'admin-pin-stdin', field: 'admin.pinHash', args: ['--admin-pin-stdin'], input: '864209\r\n975310\n', shows: 'there are more lines', pin: '864209' },
];

let setup: ProvisionSetup;
beforeAll(() => {
  setup = makeProvisionSetup();
  mkdirSync(path.join(setup.dir, 'pins'));
  for (const [name, pin] of Object.entries(BAD_PINS)) writeFileSync(path.join(setup.dir, 'pins', `${name}.txt`), `${pin}\n`);
  writeFileSync(path.join(setup.dir, 'pins', 'two-lines.txt'), '864209\n975310\n');
  const rootKey = makeTestKeys();
  writeRoot(path.join(setup.dir, 'roots'), buildRoot({ version: 1, rootKeys: [rootKey], publishers: { '431226': { keys: [makeTestKeys()] } }, signers: [rootKey] }));
});
afterAll(() => setup.remove());

describe('minsheng provision bad fields', () => {
  it('has a case for every option and PIN source', () => {
    const covered = new Set(CASES.map((testCase) => testCase.option));

    for (const option of PROVISION_OPTIONS) expect(covered, option.name).toContain(option.name);
    expect(covered).toContain('admin-pin-file');
    expect(covered).toContain('admin-pin-stdin');
  });

  it.concurrent.for(CASES.map((testCase, index) => ({ ...testCase, index })))('rejects --$option case $index', async (testCase, { expect }) => {
    const configFile = path.join('etc', `case-${testCase.index}.json`);
    const base = requiredOptions(configFile);
    const args = testCase.withoutTrust === true ? base.slice(0, base.indexOf('--trust')) : base;

    const result = await runCli([...args, ...testCase.args], { cwd: setup.dir, input: testCase.input });

    expect(result.code).toBe(2);
    expect(result.stderr).toContain(`--${testCase.option} (${testCase.field}`);
    expect(result.stderr).toContain('The config was not written: 1 problem(s)');
    if (testCase.shows !== undefined) expect(result.stderr).toContain(testCase.shows);
    if (testCase.pin !== undefined) expect(`${result.stdout}${result.stderr}`).not.toContain(testCase.pin);
    expect(existsSync(path.join(setup.dir, configFile))).toBe(false);
    expect(existsSync(path.join(setup.dir, 'data'))).toBe(false);
  });

  it('accepts a root trust file that lists the county', async () => {
    const base = requiredOptions('etc/with-root.json');
    const args = [...base.slice(0, base.indexOf('--trust')), '--trust', ROOT_FILE, '--dry-run'];

    const result = await runCli(args, { cwd: setup.dir });

    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
  });

  it.concurrent.for([
    { option: 'trust', field: 'sync.trust', file: 'overwrite/trust.pub', args: (file: string) => ['--trust', file] },
    { option: 'admin-pin-file', field: 'admin.pinHash', file: 'overwrite/pin.txt', args: (file: string) => ['--admin-pin-file', file] },
  ])('refuses to overwrite the --$option file with the config, even with --force', async ({ option, field, file, args }, { expect }) => {
    const source = option === 'trust' ? FILES.publisherKey : FILES.pinFile;
    mkdirSync(path.join(setup.dir, 'overwrite'), { recursive: true });
    const before = readFileSync(path.join(setup.dir, source), 'utf8');
    writeFileSync(path.join(setup.dir, file), before);
    // The config path reaches the same file through a link, as realpath sees it.
    symlinkSync(file.replace('overwrite/', ''), path.join(setup.dir, `${file}.link`));
    const base = requiredOptions(`${file}.link`);
    const trust = option === 'trust' ? [] : ['--trust', FILES.publisherKey];

    const result = await runCli([...base.slice(0, base.indexOf('--trust')), ...trust, ...args(file), '--force'], { cwd: setup.dir });

    expect(result.code).toBe(2);
    expect(result.stderr).toContain(`--${option} (${field}`);
    expect(result.stderr).toContain('writing the config would overwrite it');
    expect(readFileSync(path.join(setup.dir, file), 'utf8')).toBe(before);
  });

  it('describes formats in words and a clashing default as such, in both languages', async () => {
    const bad = ['--region', '4312', '--terminal-id', 'JH 01', '--restart-window', '25:00-04:00', '--idle-timeout', '10'];
    const english = await runCli([...requiredOptions('etc/words.json'), ...bad], { cwd: setup.dir });
    const chinese = await runCli([...requiredOptions('etc/words.json'), ...bad], { cwd: setup.dir, env: { MINSHENG_LANG: 'zh-CN' } });

    expect(english.stderr).toContain('expected a county code of 6 digits, such as 431226');
    expect(english.stderr).toContain('expected 1 to 64 letters A to Z, digits, dashes or underscores');
    expect(english.stderr).toContain('expected a time of day as HH:MM on the 24-hour clock');
    expect(english.stderr).toContain('idle.warningSeconds has an invalid value (not given, so its default)');
    expect(chinese.stderr).toContain('6 位数字的县级代码');
    expect(chinese.stderr).toContain('（未给出，取默认值）');
    for (const result of [english, chinese]) {
      expect(result.code).toBe(2);
      // No regular expression is shown, and no "(missing)" for a field the schema fills in.
      expect(result.stderr).not.toMatch(/\^|\\d|\$\//);
      expect(result.stderr).not.toContain('(missing)');
      expect(result.stderr).not.toContain('（缺失）');
    }
  });

  it('calls a negative number what it is, not a missing value', async () => {
    const result = await runCli([...requiredOptions('etc/negative.json'), '--idle-timeout', '-5'], { cwd: setup.dir });

    expect(result.code).toBe(2);
    expect(result.stderr).toContain('Option --idle-timeout got -5, a negative number, which no option takes');
    expect(result.stderr).not.toContain('needs a value');
  });
});
