// The scripts the packages install, run for real in a folder laid out as electron-builder lays
// out an installed Linux app (<app>/minsheng-kiosk, <app>/resources/app.asar, <app>/resources/linux),
// with DESTDIR standing for the system root. The Electron binary cannot be downloaded here, so
// <app>/minsheng-kiosk is a script that records its arguments and ELECTRON_RUN_AS_NODE and then,
// when asked, runs them with Node, which is what Electron does in Node mode; app.asar is a link
// to this repository. Needs `npm run build:main`.
import { spawnSync } from 'node:child_process';
import type { SpawnSyncReturns } from 'node:child_process';
import {
  chmodSync,
  cpSync,
  existsSync,
  lstatSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  realpathSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { builderConfig, projectBlock, renderDebScript } from '../helpers/builder-config.js';
import { REPO_ROOT } from '../helpers/cli.js';
import { makeTempDir } from '../helpers/temp.js';

interface FakeInstall {
  /** The app folder; its name has a space and Chinese letters, as /opt/<productName> does. */
  appDir: string;
  /** The system root that integrate.sh writes under (DESTDIR). */
  root: string;
  /** The file the fake executable writes its environment and arguments to. */
  record: string;
  home: string;
  env: NodeJS.ProcessEnv;
}

let temp: { dir: string; remove(): void };
let install: FakeInstall;

function makeFakeInstall(dir: string): FakeInstall {
  const appDir = path.join(dir, 'opt', `${builderConfig.productName} test`);
  const root = path.join(dir, 'root');
  const record = path.join(dir, 'kiosk-record.txt');
  const home = path.join(dir, 'home');
  mkdirSync(path.join(appDir, 'resources'), { recursive: true });
  mkdirSync(home);

  symlinkSync(REPO_ROOT, path.join(appDir, 'resources/app.asar'));
  cpSync(path.join(REPO_ROOT, 'resources/linux'), path.join(appDir, 'resources/linux'), { recursive: true });
  // Packagers may drop the executable bit of extra resources; integrate.sh sets it again.
  for (const name of readdirSync(path.join(appDir, 'resources/linux'))) chmodSync(path.join(appDir, 'resources/linux', name), 0o644);

  const executable = path.join(appDir, builderConfig.executableName);
  writeFileSync(
    executable,
    [
      '#!/bin/sh',
      'printf \'%s\\n\' "ELECTRON_RUN_AS_NODE=${ELECTRON_RUN_AS_NODE:-}" "$@" > "$FAKE_KIOSK_RECORD"',
      '[ "${FAKE_KIOSK_RUN_NODE:-}" = 1 ] || exit 0',
      `exec '${process.execPath}' "$@"`,
      '',
    ].join('\n'),
    { mode: 0o755 },
  );

  // No user systemd manager can be reached, whatever the machine runs: the session script's
  // fallback path is the one under test.
  const env = {
    PATH: process.env.PATH,
    HOME: home,
    LANG: 'C.UTF-8',
    MINSHENG_LANG: 'en',
    DESTDIR: root,
    FAKE_KIOSK_RECORD: record,
    XDG_RUNTIME_DIR: path.join(dir, 'no-runtime-dir'),
    DBUS_SESSION_BUS_ADDRESS: `unix:path=${path.join(dir, 'no-bus')}`,
  };
  return { appDir, root, record, home, env };
}

function run(command: string, args: string[], env: NodeJS.ProcessEnv = install.env, input?: string): SpawnSyncReturns<string> {
  return spawnSync(command, args, { env, encoding: 'utf8', input, timeout: 60_000 });
}

function integrate(action: string): SpawnSyncReturns<string> {
  return run('sh', [path.join(install.appDir, 'resources/linux/integrate.sh'), action]);
}

/** Lines the fake executable recorded: ELECTRON_RUN_AS_NODE=…, then each argument. */
function recorded(): string[] {
  return readFileSync(install.record, 'utf8').trimEnd().split('\n');
}

function installed(file: string): string {
  return path.join(install.root, file);
}

/** Returns whether a file or link exists under DESTDIR, counting a link whose target is gone. */
function isInstalled(file: string): boolean {
  try {
    lstatSync(installed(file));
    return true;
  } catch {
    return false;
  }
}

const INSTALLED_FILES = [
  'usr/bin/minsheng',
  'usr/bin/minsheng-kiosk-session',
  'usr/lib/systemd/user/minsheng-kiosk.service',
  'etc/xdg/autostart/minsheng-kiosk-autostart.desktop',
];

beforeEach(() => {
  temp = makeTempDir('minsheng-packaging-');
  install = makeFakeInstall(temp.dir);
});

afterEach(() => temp.remove());

describe('integrate.sh', () => {
  it('installs links, unit and autostart entry', () => {
    const result = integrate('install');

    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(readlinkSync(installed('usr/bin/minsheng'))).toBe(path.join(realpathSync(install.appDir), 'resources/linux/minsheng'));
    expect(readlinkSync(installed('usr/bin/minsheng-kiosk-session'))).toBe(path.join(realpathSync(install.appDir), 'resources/linux/minsheng-kiosk-session'));
    for (const file of INSTALLED_FILES.slice(2)) {
      expect(statSync(installed(file)).mode & 0o777, file).toBe(0o644);
      expect(readFileSync(installed(file), 'utf8')).toBe(readFileSync(path.join(REPO_ROOT, 'resources/linux', path.basename(file)), 'utf8'));
    }
    expect(statSync(path.join(install.appDir, 'resources/linux/minsheng')).mode & 0o111).toBe(0o111);
  });

  it('installs twice without error', () => {
    expect(integrate('install').status).toBe(0);
    const again = integrate('install');

    expect(again.stderr).toBe('');
    expect(again.status).toBe(0);
  });

  it('removes what it installed', () => {
    integrate('install');
    const result = integrate('remove');

    expect(result.status).toBe(0);
    for (const file of INSTALLED_FILES) expect(isInstalled(file), file).toBe(false);
  });

  it('leaves another minsheng command alone', () => {
    mkdirSync(installed('usr/bin'), { recursive: true });
    symlinkSync('../lib/node_modules/minsheng-kiosk/bin/minsheng.js', installed('usr/bin/minsheng'));

    const result = integrate('install');
    integrate('remove');

    expect(result.status).toBe(0);
    expect(result.stderr).toContain('belongs to another program');
    expect(readlinkSync(installed('usr/bin/minsheng'))).toBe('../lib/node_modules/minsheng-kiosk/bin/minsheng.js');
  });

  it('rejects a missing action', () => {
    const result = integrate('');

    expect(result.status).toBe(2);
    expect(result.stderr).toContain('usage: integrate.sh install|remove');
  });
});

describe('minsheng launcher', () => {
  it('runs the CLI on the app executable in Node mode', () => {
    integrate('install');
    const result = run(installed('usr/bin/minsheng'), ['--help'], { ...install.env, FAKE_KIOSK_RUN_NODE: '1' });

    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/^\s+provision\s/m);
    expect(result.stdout).toMatch(/^\s+watchdog\s/m);
    expect(recorded()).toEqual(['ELECTRON_RUN_AS_NODE=1', path.join(realpathSync(install.appDir), 'resources/app.asar/bin/minsheng.js'), '--help']);
  });
});

describe('minsheng-kiosk-session', () => {
  const session = () => run(installed('usr/bin/minsheng-kiosk-session'), []);

  it('starts nothing without a config', () => {
    integrate('install');
    const result = session();

    expect(result.status).toBe(0);
    expect(result.stdout + result.stderr).toBe('');
    expect(existsSync(install.record)).toBe(false);
  });

  it('runs the watchdog without user systemd', () => {
    integrate('install');
    const config = path.join(install.home, '.config/minsheng/kiosk.json');
    mkdirSync(path.dirname(config), { recursive: true });
    writeFileSync(config, '{}');

    const result = session();

    expect(result.status).toBe(0);
    expect(recorded()).toEqual([
      'ELECTRON_RUN_AS_NODE=1',
      path.join(realpathSync(install.appDir), 'resources/app.asar/bin/minsheng.js'),
      'watchdog',
      '--config',
      config,
    ]);
  });
});

describe('systemd user unit', () => {
  it('passes systemd-analyze verify', () => {
    integrate('install');
    // verify checks that ExecStart's program exists, so the unit names the installed link
    // under DESTDIR instead of /usr/bin/minsheng.
    const unit = readFileSync(installed('usr/lib/systemd/user/minsheng-kiosk.service'), 'utf8');
    const staged = path.join(temp.dir, 'verify', 'minsheng-kiosk.service');
    mkdirSync(path.dirname(staged));
    writeFileSync(staged, unit.replaceAll('/usr/bin/minsheng ', `${installed('usr/bin/minsheng')} `));
    const runtimeDir = path.join(temp.dir, 'runtime');
    mkdirSync(runtimeDir, { mode: 0o700 });

    const result = run('systemd-analyze', ['--user', 'verify', staged], { PATH: process.env.PATH, HOME: install.home, XDG_RUNTIME_DIR: runtimeDir });

    expect(result.error, 'systemd-analyze missing (Debian package systemd)').toBeUndefined();
    expect(unit).toContain('ExecStart=/usr/bin/minsheng watchdog');
    expect(result.stdout + result.stderr).toBe('');
    expect(result.status).toBe(0);
  });
});

describe('deb after-remove script', () => {
  const block = projectBlock(renderDebScript(builderConfig.deb.afterRemove));

  function afterRemove(action: string): SpawnSyncReturns<string> {
    return run('bash', ['-s', action], install.env, block);
  }

  it('keeps the integration on upgrade', () => {
    integrate('install');
    rmSync(install.appDir, { recursive: true });

    expect(afterRemove('upgrade').status).toBe(0);
    for (const file of INSTALLED_FILES) expect(isInstalled(file), file).toBe(true);
  });

  it('removes the integration after the app folder', () => {
    integrate('install');
    // dpkg runs postrm after it has removed the package's files.
    rmSync(install.appDir, { recursive: true });

    const result = afterRemove('remove');

    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    for (const file of INSTALLED_FILES) expect(isInstalled(file), file).toBe(false);
  });
});

describe('NSIS include', () => {
  it('compiles with makensis', () => {
    // electron-builder inserts customInstall into its install section and customUnInstall
    // into its uninstall section; this script does the same with nothing else around them.
    const output = path.join(temp.dir, 'harness.exe');
    const script = [
      'Unicode true',
      `OutFile "${output}"`,
      'InstallDir "$PROGRAMFILES64\\minsheng-test"',
      'RequestExecutionLevel admin',
      `!include "${path.join(REPO_ROOT, builderConfig.nsis.include)}"`,
      'Section "install"',
      '  SetOutPath "$INSTDIR"',
      '  WriteUninstaller "$INSTDIR\\uninstall.exe"',
      '  !insertmacro customInstall',
      'SectionEnd',
      'Section "un.uninstall"',
      '  !insertmacro customUnInstall',
      'SectionEnd',
      '',
    ].join('\n');
    const scriptFile = path.join(temp.dir, 'harness.nsi');
    writeFileSync(scriptFile, script);

    // -WX: warnings are errors.
    const result = run('makensis', ['-V2', '-WX', scriptFile], { PATH: process.env.PATH });

    expect(result.error, 'makensis missing; run scripts/ensure-system-deps.sh').toBeUndefined();
    expect(result.stdout + result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(existsSync(output)).toBe(true);
  });
});
