// electron-builder.yml, checked without running electron-builder (it downloads Electron and
// rebuilds better-sqlite3 in place): electron-builder's own loader, schema and file matchers
// decide what is packed, and the deb scripts and autostart files are checked where they are
// text. tests/integration/packaging-scripts.test.ts runs the scripts themselves.
// Needs a build first (`npm test` builds in pretest; by hand: npm run build).
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import {
  BUILDER_VERSION,
  builderConfig,
  DEB_APP_DIR,
  extraResourceFiles,
  isAsarUnpacked,
  packedAppFiles,
  projectBlock,
  renderDebScript,
  validateBuilderConfig,
} from '../helpers/builder-config.js';
import { REPO_ROOT } from '../helpers/cli.js';

vi.mock('electron', () => import('../helpers/electron-stand-in.js'));

const { appFiles } = await import('../../src-main/electron/main.js');

const require = createRequire(import.meta.url);
const packageJson = JSON.parse(readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as { main: string; name: string };
const packed = new Set(packedAppFiles());

function readRepoFile(file: string): string {
  return readFileSync(path.join(REPO_ROOT, file), 'utf8');
}

/** Returns the value of `key=` in a section of an INI-style file (systemd unit, desktop entry). */
function iniValue(text: string, section: string, key: string): string | undefined {
  let current = '';
  for (const line of text.split('\n')) {
    const header = /^\[(.+)\]$/.exec(line.trim());
    if (header) current = header[1]!;
    else if (current === section && line.startsWith(`${key}=`)) return line.slice(key.length + 1).trim();
  }
  return undefined;
}

describe('electron-builder.yml', () => {
  it('passes electron-builder schema', async () => {
    await expect(validateBuilderConfig(builderConfig)).resolves.toBeUndefined();
  });

  it('fails schema on unknown option', async () => {
    const broken = { ...builderConfig, nsis: { ...builderConfig.nsis, includeScript: 'x.nsh' } };

    await expect(validateBuilderConfig(broken)).rejects.toThrow(/configuration/i);
  });

  it('names the app', () => {
    expect(builderConfig.appId).toMatch(/^cn\.gov\.hunan\./);
    expect(builderConfig.productName).toBe('民生监督自助查询终端');
    expect(builderConfig.executableName).toBe('minsheng-kiosk');
  });

  it('builds deb and AppImage for x64 and arm64', () => {
    const linux = Object.fromEntries(builderConfig.linux.target.map((entry) => [entry.target, entry.arch]));

    expect(Object.keys(linux).sort()).toEqual(['AppImage', 'deb']);
    expect(linux.deb).toEqual(['x64', 'arm64']);
    expect(linux.AppImage).toEqual(['x64', 'arm64']);
  });

  it('builds an NSIS installer for x64', () => {
    expect(builderConfig.win.target).toEqual([{ target: 'nsis', arch: ['x64'] }]);
    expect(builderConfig.nsis.perMachine).toBe(true);
  });

  it('gives artifacts ASCII names with the arch', () => {
    for (const name of [builderConfig.appImage.artifactName, builderConfig.nsis.artifactName]) {
      expect(name).toMatch(/^[\x20-\x7e]+$/);
      expect(name).toContain('${arch}');
    }
  });
});

describe('packed app files', () => {
  it('packs the built main entry', () => {
    expect(packageJson.main).toBe('dist/main/src-main/electron/main.js');
    expect(existsSync(path.join(REPO_ROOT, packageJson.main)), `${packageJson.main} missing; run npm run build`).toBe(true);
    expect(packed.has(packageJson.main)).toBe(true);
  });

  it('packs the preload the window loads', () => {
    const preload = path.relative('/app', appFiles('/app').preloadFile);

    expect(preload).toBe('dist/preload/preload.cjs');
    expect(packed.has(preload)).toBe(true);
  });

  it('packs the renderer page', () => {
    const page = path.relative('/app', new URL(appFiles('/app').pageUrl).pathname);

    expect(page).toBe('dist/renderer/index.html');
    expect(packed.has(page)).toBe(true);
  });

  it('packs the CLI entry the launchers run', () => {
    expect(packed.has('bin/minsheng.js')).toBe(true);
    expect(packed.has('dist/main/src-main/cli/main.js')).toBe(true);
    expect(packed.has('dist/main/src-main/cli/commands/watchdog.js')).toBe(true);
    expect(packed.has('dist/main/src-main/cli/commands/provision.js')).toBe(true);
  });

  it('packs every built runtime file', () => {
    const built = [...packed].filter((file) => file.startsWith('dist/'));
    const runtimeFolders = ['dist/main/src-main/', 'dist/main/src-shared/', 'dist/preload/', 'dist/renderer/'];

    expect(built.length).toBeGreaterThan(100);
    for (const folder of runtimeFolders) expect(built.some((file) => file.startsWith(folder)), folder).toBe(true);
  });

  it('packs the demo config and its public files', () => {
    expect(packed.has('kiosk-config/demo.json')).toBe(true);
    expect(packed.has('kiosk-config/demo-commission.pub.pem')).toBe(true);
    expect(packed.has('resources/demo-bundle/manifest.json')).toBe(true);
  });

  it('packs no key, test, benchmark, map or data folder', () => {
    const forbidden = [
      /\.key$/,
      /\.key\.pem$/,
      /(^|\/)\.kiosk-data\//,
      /^tests\//,
      /^dist\/main\/bench\//,
      /\.map$/,
      /^src-(main|shared|renderer)\//,
      /^resources\/(linux|windows|build)\//,
      /^docs\//,
    ];

    for (const file of packed) {
      for (const pattern of forbidden) expect(file, `${file} is packed`).not.toMatch(pattern);
    }
  });

  it('leaves out the demo private key', () => {
    const key = 'kiosk-config/demo-commission.DEMO-ONLY.key.pem';

    expect(existsSync(path.join(REPO_ROOT, key))).toBe(true);
    expect(packed.has(key)).toBe(false);
  });

  it('unpacks better-sqlite3 native module from asar', () => {
    const native = 'node_modules/better-sqlite3/build/Release/better_sqlite3.node';

    expect(builderConfig.asar).toBe(true);
    expect(builderConfig.npmRebuild).toBe(true);
    expect(existsSync(path.join(REPO_ROOT, native)), `${native} missing`).toBe(true);
    expect(isAsarUnpacked(native)).toBe(true);
    expect(isAsarUnpacked('node_modules/better-sqlite3/lib/index.js')).toBe(false);
  });

  it('keeps Node mode for the CLI', () => {
    // The launchers run the CLI with ELECTRON_RUN_AS_NODE=1, which the runAsNode fuse would disable.
    expect(builderConfig.electronFuses?.runAsNode).not.toBe(false);
  });

  it('copies Linux launchers into resources/linux', () => {
    const linux = extraResourceFiles('linux');

    for (const name of ['minsheng', 'minsheng-kiosk-session', 'integrate.sh', 'minsheng-kiosk.service', 'minsheng-kiosk-autostart.desktop']) {
      expect(linux).toContain(`linux/${name}`);
    }
    expect(linux).toContain('demo-bundle/manifest.json');
    expect(linux.filter((file) => file.startsWith('windows/'))).toEqual([]);
  });

  it('copies Windows launchers but not the NSIS include', () => {
    const windows = extraResourceFiles('win');

    expect(windows.filter((file) => file.startsWith('windows/'))).toEqual(['windows/minsheng-watchdog.vbs', 'windows/minsheng.cmd']);
    expect(windows.filter((file) => file.startsWith('linux/'))).toEqual([]);
    expect(windows).toContain('demo-bundle/manifest.json');
  });

  it('ships demo bundle and launchers as resources', () => {
    expect(builderConfig.extraResources).toContainEqual({ from: 'resources/demo-bundle', to: 'demo-bundle' });
    expect(builderConfig.linux.extraResources).toContainEqual({ from: 'resources/linux', to: 'linux' });
    expect(builderConfig.win.extraResources).toContainEqual({ from: 'resources/windows', to: 'windows', filter: ['*.cmd', '*.vbs'] });
    expect(existsSync(path.join(REPO_ROOT, 'resources/demo-bundle/manifest.json'))).toBe(true);
  });
});

describe('deb', () => {
  const defaults = (
    require('app-builder-lib/out/targets/FpmTarget.js') as { default: { prototype: { getDefaultDepends(target: string): string[] } } }
  ).default.prototype.getDefaultDepends('deb');

  it('keeps electron-builder default depends', () => {
    expect(defaults.length, `electron-builder ${BUILDER_VERSION}`).toBeGreaterThan(0);
    expect(builderConfig.deb.depends.slice(0, defaults.length)).toEqual(defaults);
  });

  it('depends on a CJK font', () => {
    const extra = builderConfig.deb.depends.slice(defaults.length);

    expect(extra).toEqual(['fonts-noto-cjk | fonts-wqy-microhei']);
    // Each alternative is a valid Debian package name, so dpkg accepts the Depends field.
    for (const name of extra[0]!.split('|').map((part) => part.trim())) expect(name).toMatch(/^[a-z0-9][a-z0-9.+-]+$/);
  });

  it('renders after-install with every macro known', () => {
    expect(() => renderDebScript(builderConfig.deb.afterInstall)).not.toThrow();
    expect(() => renderDebScript(builderConfig.deb.afterRemove)).not.toThrow();
  });

  it('extends electron-builder default scripts', () => {
    const templates = path.dirname(require.resolve('app-builder-lib/templates/linux/after-install.tpl'));
    const pairs = [
      [builderConfig.deb.afterInstall, 'after-install.tpl'],
      [builderConfig.deb.afterRemove, 'after-remove.tpl'],
    ] as const;

    for (const [ours, theirs] of pairs) {
      const upstream = readFileSync(path.join(templates, theirs), 'utf8');
      // When this fails after an electron-builder update, merge its new default into ours.
      expect(readRepoFile(ours).startsWith(upstream), `${ours} no longer starts with electron-builder ${BUILDER_VERSION}'s ${theirs}`).toBe(true);
    }
  });

  it('runs integrate.sh from the installed app', () => {
    const block = projectBlock(renderDebScript(builderConfig.deb.afterInstall));

    expect(block).toContain(`sh '${DEB_APP_DIR}/resources/linux/integrate.sh' install`);
    expect(existsSync(path.join(REPO_ROOT, 'resources/linux/integrate.sh'))).toBe(true);
  });

  it('removes integration only on remove or purge', () => {
    const block = projectBlock(renderDebScript(builderConfig.deb.afterRemove));

    expect(block).toMatch(/case "\$1" in\s+remove\|purge\)/);
  });

  it('passes bash syntax and shellcheck', () => {
    for (const template of [builderConfig.deb.afterInstall, builderConfig.deb.afterRemove]) {
      const script = renderDebScript(template);
      const syntax = spawnSync('bash', ['-n'], { input: script, encoding: 'utf8' });
      expect(syntax.stderr, template).toBe('');
      expect(syntax.status, template).toBe(0);

      // Only this project's block: electron-builder's part has its own style.
      const lint = spawnSync('shellcheck', ['--shell=bash', '-'], { input: projectBlock(script), encoding: 'utf8' });
      expect(lint.error, 'shellcheck missing; run scripts/ensure-system-deps.sh').toBeUndefined();
      expect(lint.stdout, template).toBe('');
      expect(lint.status, template).toBe(0);
    }
  });
});

describe('Linux autostart files', () => {
  const unit = readRepoFile('resources/linux/minsheng-kiosk.service');
  const desktop = readRepoFile('resources/linux/minsheng-kiosk-autostart.desktop');
  const config = '%h/.config/minsheng/kiosk.json';

  it('runs the watchdog with the account config', () => {
    expect(iniValue(unit, 'Service', 'ExecStart')).toBe(`/usr/bin/minsheng watchdog --config ${config}`);
    expect(iniValue(unit, 'Unit', 'ConditionPathExists')).toBe(config);
  });

  it('does not restart a technician exit', () => {
    // The watchdog exits 0 after a technician's exit to the desktop.
    expect(iniValue(unit, 'Service', 'Restart')).toBe('on-failure');
    expect(iniValue(unit, 'Service', 'KillMode')).toBe('control-group');
  });

  it('starts with the graphical session', () => {
    expect(iniValue(unit, 'Install', 'WantedBy')).toBe('graphical-session.target');
    expect(iniValue(unit, 'Unit', 'PartOf')).toBe('graphical-session.target');
  });

  it('autostart entry runs the session script', () => {
    expect(iniValue(desktop, 'Desktop Entry', 'Type')).toBe('Application');
    expect(iniValue(desktop, 'Desktop Entry', 'Exec')).toBe('/usr/bin/minsheng-kiosk-session');
    expect(iniValue(desktop, 'Desktop Entry', 'NoDisplay')).toBe('true');
  });

  it('launcher runs the packaged executable', () => {
    const launcher = readRepoFile('resources/linux/minsheng');

    expect(launcher).toContain('export ELECTRON_RUN_AS_NODE=1');
    expect(launcher).toContain(`"$app_dir/${builderConfig.executableName}" "$app_dir/resources/app.asar/bin/minsheng.js"`);
  });

  it('scripts pass shellcheck', () => {
    const scripts = ['minsheng', 'minsheng-kiosk-session', 'integrate.sh'].map((name) => path.join(REPO_ROOT, 'resources/linux', name));
    const lint = spawnSync('shellcheck', ['--shell=sh', ...scripts], { encoding: 'utf8' });

    expect(lint.error, 'shellcheck missing; run scripts/ensure-system-deps.sh').toBeUndefined();
    expect(lint.stdout).toBe('');
    expect(lint.status).toBe(0);
  });

  it('desktop entry passes desktop-file-validate', () => {
    const result = spawnSync('desktop-file-validate', [path.join(REPO_ROOT, 'resources/linux/minsheng-kiosk-autostart.desktop')], { encoding: 'utf8' });

    expect(result.error, 'desktop-file-validate missing; run scripts/ensure-system-deps.sh').toBeUndefined();
    expect(result.stdout + result.stderr).toBe('');
    expect(result.status).toBe(0);
  });
});

describe('Windows autostart files', () => {
  const installer = readRepoFile(builderConfig.nsis.include);
  const launcher = readRepoFile('resources/windows/minsheng-watchdog.vbs');
  const command = readRepoFile('resources/windows/minsheng.cmd');
  const executable = `${builderConfig.executableName}.exe`;

  it('installer adds and removes a Run entry', () => {
    expect(builderConfig.nsis.include).toBe('resources/windows/installer.nsh');
    expect(installer).toMatch(/!macro customInstall\s+[^!]*WriteRegStr HKLM "\$\{MINSHENG_RUN_KEY\}"/);
    expect(installer).toMatch(/!macro customUnInstall\s+[^!]*DeleteRegValue HKLM "\$\{MINSHENG_RUN_KEY\}"/);
    expect(installer).toContain('!define MINSHENG_RUN_KEY "Software\\Microsoft\\Windows\\CurrentVersion\\Run"');
    expect(installer).toContain('"$INSTDIR\\resources\\windows\\minsheng-watchdog.vbs"');
  });

  it('launcher runs the watchdog in Node mode', () => {
    expect(launcher).toContain('shell.Environment("PROCESS")("ELECTRON_RUN_AS_NODE") = "1"');
    expect(launcher).toContain(`"\\${executable}""`);
    expect(launcher).toContain('\\resources\\app.asar\\bin\\minsheng.js"" watchdog --config ');
    expect(launcher).toContain('"%APPDATA%") & "\\minsheng\\kiosk.json"');
    expect(launcher).toContain('shell.Run command, 0, False');
  });

  it('command runs the CLI in Node mode', () => {
    expect(command).toContain('set ELECTRON_RUN_AS_NODE=1');
    expect(command).toContain(`"%~dp0..\\..\\${executable}" "%~dp0..\\app.asar\\bin\\minsheng.js" %*`);
  });

  it('Windows scripts use CRLF line ends', () => {
    for (const text of [launcher, command]) {
      expect(text.split('\r\n').length).toBe(text.split('\n').length);
    }
  });
});
