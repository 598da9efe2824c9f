// `minsheng provision` through the built command (`npm run build:main`), as a technician runs
// it: a full provision that the kiosk's loader accepts, root keys, --dry-run, the overwrite
// refusal, the PIN on stdin, a scripted dialogue, and every problem reported in one run. The PIN
// must never appear in any output or in the file.
import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyPin } from '../../src-main/core/admin/pin-hash.js';
import { loadTerminalConfig } from '../../src-main/core/config.js';
import { PROVISION_OPTIONS } from '../../src-main/core/provision/options.js';
import { translatorFor } from '../../src-shared/messages/translator.js';
import { runCli } from '../helpers/cli.js';
import { FILES, makeProvisionSetup, requiredOptions, TEST_PIN } from '../helpers/provision-setup.js';
import type { ProvisionSetup } from '../helpers/provision-setup.js';

let setup: ProvisionSetup;
beforeAll(() => {
  setup = makeProvisionSetup();
});
afterAll(() => setup.remove());

let counter = 0;
function newConfigFile(): string {
  counter++;
  return path.join('etc', `kiosk-${counter}`, 'kiosk.json');
}

function inSetup(relative: string): string {
  return path.join(setup.dir, relative);
}

function provision(args: string[], options: { input?: string; env?: NodeJS.ProcessEnv } = {}) {
  return runCli(args, { cwd: setup.dir, ...options });
}

// Every option of the command with a valid value that is not its default.
const EVERY_OPTION = [
  '--home-region', '431226101',
  '--language', 'en',
  '--sync-interval', '30',
  '--idle-timeout', '120',
  '--idle-warning', '30',
  '--flag-above-yuan', '20,000.50',
  '--report-url', 'https://www.hn12388.gov.cn/',
  '--track-url', 'https://www.hn12388.gov.cn/track',
  '--commission-key', FILES.commissionKey,
  '--upload-url', 'https://county.example/minsheng/reports',
  '--printer', 'yes',
  '--printer-name', 'HP LaserJet',
  '--printer-layout', 'a4',
  '--admin-pin-file', FILES.pinFile,
  '--admin-corner', 'bottom-right',
  '--admin-max-attempts', '3',
  '--admin-lockout-minutes', '30',
  '--touch-only', 'no',
  '--allow', 'media',
  '--allow', 'fullscreen',
  '--attract-after', '120',
  '--watchdog-heartbeat', '10',
  '--watchdog-hang', '60',
  '--watchdog-memory', '2048',
  '--restart-window', '23:30-00:30',
  '--heartbeat-url', 'https://county.example/minsheng/heartbeats',
  '--heartbeat-interval', '30',
];

const ROOT_KEY_OPTIONS = ['--root-key', FILES.rootKey1, '--root-key', FILES.rootKey2, '--threshold', '2'];

describe('minsheng provision', () => {
  it('writes a config the kiosk loads', async () => {
    const configFile = newConfigFile();

    const result = await provision([...requiredOptions(configFile), ...EVERY_OPTION]);

    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const loaded = loadTerminalConfig(inSetup(configFile), translatorFor('en'));
    expect(loaded.config).toMatchObject({
      terminalId: '431226-JH-01',
      terminalName: '锦和镇便民服务中心 1 号机',
      regionCode: '431226',
      home: { regionCode: '431226101' },
      language: 'en',
      sync: { source: 'https://minsheng.example.gov.cn/bundles/431226/', intervalMinutes: 30 },
      idle: { timeoutSeconds: 120, warningSeconds: 30 },
      finance: { flagAboveYuan: 2_000_050 },
      reporting: { reportUrl: 'https://www.hn12388.gov.cn/', trackUrl: 'https://www.hn12388.gov.cn/track', uploadUrl: 'https://county.example/minsheng/reports' },
      printer: { enabled: true, name: 'HP LaserJet', layout: 'a4' },
      admin: { corner: 'bottom-right', maxAttempts: 3, lockoutMinutes: 30 },
      kiosk: { touchOnly: false, permissions: ['media', 'fullscreen'], attractAfterSeconds: 120 },
      watchdog: { heartbeatSeconds: 10, hangSeconds: 60, memoryLimitMb: 2048, dailyRestart: { from: '23:30', to: '00:30' } },
      heartbeat: { url: 'https://county.example/minsheng/heartbeats', intervalMinutes: 30 },
    });
    expect(loaded.dataDir).toBe(inSetup('data'));
    expect(loaded.trust).toEqual({ kind: 'file', file: inSetup(FILES.publisherKey) });
    expect(loaded.commissionKeyFile).toBe(inSetup(FILES.commissionKey));
    expect(verifyPin(TEST_PIN, loaded.config.admin!.pinHash)).toBe(true);
    expect(verifyPin('48291538', loaded.config.admin!.pinHash)).toBe(false);
  });

  it('covers every option in the full provisions', () => {
    for (const option of PROVISION_OPTIONS) {
      expect([...requiredOptions('x'), ...EVERY_OPTION, ...ROOT_KEY_OPTIONS], option.name).toContain(`--${option.name}`);
    }
  });

  it('writes paths relative to the config file', async () => {
    const configFile = newConfigFile();

    const result = await provision([...requiredOptions(configFile), '--commission-key', FILES.commissionKey, '--report-url', 'https://r.example/', '--upload-url', 'https://r.example/up']);

    expect(result.code).toBe(0);
    const written = JSON.parse(readFileSync(inSetup(configFile), 'utf8'));
    expect(written.dataDir).toBe('../../data');
    expect(written.sync.trust).toBe('../../keys/publisher.pub');
    expect(written.reporting.commissionKey).toBe('../../keys/commission.pub');
  });

  it('keeps absolute paths absolute', async () => {
    const configFile = newConfigFile();
    const dataDir = inSetup('absolute-data');

    const result = await provision([...requiredOptions(configFile), '--data-dir', dataDir, '--trust', inSetup(FILES.publisherKey)]);

    expect(result.code).toBe(0);
    const written = JSON.parse(readFileSync(inSetup(configFile), 'utf8'));
    expect(written.dataDir).toBe(dataDir);
    expect(written.sync.trust).toBe(inSetup(FILES.publisherKey));
  });

  it('writes mode 0600 and no PIN', async () => {
    const configFile = newConfigFile();

    const result = await provision([...requiredOptions(configFile), '--admin-pin-file', FILES.pinFile]);

    expect(result.code).toBe(0);
    expect(statSync(inSetup(configFile)).mode & 0o777).toBe(0o600);
    const text = readFileSync(inSetup(configFile), 'utf8');
    expect(text).not.toContain(TEST_PIN);
    expect(`${result.stdout}${result.stderr}`).not.toContain(TEST_PIN);
    expect(result.stdout).not.toContain(JSON.parse(text).admin.pinHash);
    expect(result.stdout).toContain('Admin screen: PIN set, opened by tapping the top-left corner five times');
    expect(existsSync(inSetup('data'))).toBe(false);
  });

  it('writes root keys and a threshold', async () => {
    const configFile = newConfigFile();
    const required = requiredOptions(configFile);
    const withoutTrust = required.slice(0, required.indexOf('--trust'));

    const result = await provision([...withoutTrust, ...ROOT_KEY_OPTIONS]);

    expect(result.stderr).toBe('');
    const loaded = loadTerminalConfig(inSetup(configFile), translatorFor('en'));
    expect(loaded.trust).toEqual({ kind: 'root-keys', files: [inSetup(FILES.rootKey1), inSetup(FILES.rootKey2)], threshold: 2 });
  });

  it('takes the PIN from stdin', async () => {
    const configFile = newConfigFile();

    const result = await provision([...requiredOptions(configFile), '--admin-pin-stdin'], { input: `${TEST_PIN}\n` });

    expect(result.code).toBe(0);
    const loaded = loadTerminalConfig(inSetup(configFile), translatorFor('en'));
    expect(verifyPin(TEST_PIN, loaded.config.admin!.pinHash)).toBe(true);
    expect(`${result.stdout}${result.stderr}`).not.toContain(TEST_PIN);
  });

  it('prints the config with --dry-run', async () => {
    const configFile = newConfigFile();

    const result = await provision([...requiredOptions(configFile), '--admin-pin-file', FILES.pinFile, '--dry-run']);

    expect(result.code).toBe(0);
    expect(existsSync(inSetup(configFile))).toBe(false);
    const printed = JSON.parse(result.stdout.slice(result.stdout.indexOf('{')));
    expect(printed.terminalId).toBe('431226-JH-01');
    expect(printed.dataDir).toBe('../../data');
    expect(printed.admin.pinHash).toBe('(the PIN hash, made when the file is written; not shown)');
    expect(`${result.stdout}${result.stderr}`).not.toContain(TEST_PIN);
  });

  it('refuses to overwrite without --force', async () => {
    const configFile = newConfigFile();
    expect((await provision(requiredOptions(configFile))).code).toBe(0);
    const before = readFileSync(inSetup(configFile));

    const refused = await provision([...requiredOptions(configFile), '--terminal-id', 'JH-02']);

    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain(`The config file ${inSetup(configFile)} exists and was left unchanged. Add --force to replace it.`);
    expect(readFileSync(inSetup(configFile))).toEqual(before);
  });

  it('replaces a config with --force', async () => {
    const configFile = newConfigFile();
    expect((await provision(requiredOptions(configFile))).code).toBe(0);

    const replaced = await provision([...requiredOptions(configFile), '--terminal-id', 'JH-02', '--force']);

    expect(replaced.code).toBe(0);
    expect(loadTerminalConfig(inSetup(configFile), translatorFor('en')).config.terminalId).toBe('JH-02');
    expect(statSync(inSetup(configFile)).mode & 0o777).toBe(0o600);
  });

  it('reports every problem at once', async () => {
    const configFile = newConfigFile();

    const result = await provision([
      ...requiredOptions(configFile),
      '--region', '43122',
      '--idle-warning', 'soon',
      '--trust', FILES.notAKey,
      '--allow', 'camera',
      '--restart-window', '4:00-05:00',
      '--admin-pin-file', 'pins/none.txt',
    ]);

    expect(result.code).toBe(2);
    expect(result.stderr).toContain('The config was not written: 6 problem(s). Fix each and run again:');
    for (const named of ['--region (regionCode)', '--idle-warning (idle.warningSeconds)', '--trust (sync.trust)', '--allow (kiosk.permissions.0)', '--restart-window (watchdog.dailyRestart', '--admin-pin-file (admin.pinHash)']) {
      expect(result.stderr).toContain(named);
    }
    expect(existsSync(inSetup(configFile))).toBe(false);
  });

  it('reports in Chinese by default', async () => {
    const configFile = newConfigFile();

    const result = await provision([...requiredOptions(configFile), '--region', '43122'], { env: { MINSHENG_LANG: '' } });

    expect(result.code).toBe(2);
    expect(result.stderr).toContain('配置未写入：有 1 处问题，请逐条改正后重新运行：');
    expect(result.stderr).toContain('--region（regionCode）：字段 regionCode 的值 "43122" 无效');
  });

  it('lists missing values without a terminal', async () => {
    const configFile = newConfigFile();

    const result = await provision(['provision', '--config', configFile, '--terminal-id', 'JH-01']);

    expect(result.code).toBe(2);
    expect(result.stderr).toContain('--terminal-name (terminalName): missing: give it with --terminal-name or answer its prompt.');
    expect(result.stderr).toContain('--region (regionCode): missing');
    expect(result.stderr).toContain('--data-dir (dataDir): missing');
    expect(result.stderr).toContain('--source (sync.source): missing');
    expect(result.stderr).toContain('--trust (sync.trust): the trust setting is missing');
    expect(result.stderr).not.toContain('(--terminal-name): ');
  });

  it('rejects a stray argument', async () => {
    const result = await provision([...requiredOptions(newConfigFile()), 'extra']);

    expect(result.code).toBe(2);
    expect(result.stderr).toContain('Unexpected argument "extra"');
  });
});

describe('minsheng provision dialogue', () => {
  // The answers in the order of the questions; '' is Enter alone.
  const ANSWERS = [
    '431226-JH-09', // terminal ID
    '锦和镇 9 号机', // terminal name
    '4312', // county code, wrong: asked again at the end
    '', // home region: the whole county
    '', // language: the default
    'data-9', // data folder
    FILES.bundles, // source folder
    '', // no trust file: root keys instead
    FILES.rootKey1,
    FILES.rootKey2,
    '', // no more root keys
    '1', // threshold
    'yes', // printer
    'a4',
    '', // system default printer
    '', // idle timeout: the default
    '', // idle warning: the default
    '02:00-03:00', // restart window
    '111111', // PIN breaking a rule: asked again
    TEST_PIN,
    '00000000', // repeated PIN that differs: both asked again
    TEST_PIN,
    TEST_PIN,
    'top-right', // admin corner
    '', // no reporting
    'https://county.example/heartbeats', // fleet heartbeat
    '431226', // the county code again
  ];

  it('writes the config from scripted answers', async () => {
    const configFile = newConfigFile();

    const result = await provision(['provision', '--config', configFile, '--prompt'], { input: `${ANSWERS.join('\n')}\n` });

    expect(result.code).toBe(0);
    expect(result.stderr).toContain('Terminal ID (--terminal-id): ');
    expect(result.stderr).toContain('--region (regionCode): Field regionCode has an invalid value "4312"');
    expect(result.stderr).toContain('the PIN must not repeat one digit');
    expect(result.stderr).toContain('The two PINs differ. Type the PIN again.');
    expect(`${result.stdout}${result.stderr}`).not.toContain(TEST_PIN);

    const loaded = loadTerminalConfig(inSetup(configFile), translatorFor('en'));
    expect(loaded.config).toMatchObject({
      terminalId: '431226-JH-09',
      terminalName: '锦和镇 9 号机',
      regionCode: '431226',
      language: 'zh-CN',
      printer: { enabled: true, layout: 'a4' },
      admin: { corner: 'top-right' },
      watchdog: { dailyRestart: { from: '02:00', to: '03:00' } },
      heartbeat: { url: 'https://county.example/heartbeats' },
    });
    expect(loaded.config.home).toBeUndefined();
    expect(loaded.config.reporting).toBeUndefined();
    expect(loaded.source).toBe(inSetup(FILES.bundles));
    expect(loaded.dataDir).toBe(inSetup('data-9'));
    expect(loaded.trust).toEqual({ kind: 'root-keys', files: [inSetup(FILES.rootKey1), inSetup(FILES.rootKey2)], threshold: 1 });
    expect(verifyPin(TEST_PIN, loaded.config.admin!.pinHash)).toBe(true);
  });

  it('asks only what the options leave out', async () => {
    const configFile = newConfigFile();
    const required = requiredOptions(configFile);
    const withoutName = required.filter((_, index) => index !== required.indexOf('--terminal-name') && index !== required.indexOf('--terminal-name') + 1);
    const answers = ['Jinhe 10', '', '', 'no', '', '', '', '', '', ''];

    const result = await provision([...withoutName, '--prompt'], { input: `${answers.join('\n')}\n` });

    expect(result.code).toBe(0);
    expect(result.stderr).toContain('Terminal name (--terminal-name): ');
    expect(result.stderr).not.toContain('Terminal ID (--terminal-id): ');
    expect(result.stderr).not.toContain('(--source): ');
    const loaded = loadTerminalConfig(inSetup(configFile), translatorFor('en'));
    expect(loaded.config.terminalName).toBe('Jinhe 10');
    expect(loaded.config.printer).toBeUndefined();
    expect(loaded.config.admin).toBeUndefined();
  });

  it('writes nothing when the input ends early', async () => {
    const configFile = newConfigFile();

    const result = await provision(['provision', '--config', configFile, '--prompt'], { input: '431226-JH-11\nJinhe 11\n' });

    expect(result.code).toBe(2);
    expect(result.stderr).toContain('The input ended before every question was answered; the config was not written.');
    expect(existsSync(inSetup(configFile))).toBe(false);
  });
});
