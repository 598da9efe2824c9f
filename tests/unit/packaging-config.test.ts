// electron-builder.yml, checked without running electron-builder (it downloads Electron and
// rebuilds better-sqlite3 in place): the built main entry and preload are packed, native
// modules are unpacked from the asar archive, and the demo bundle ships beside the app.
// Needs a build first (`npm test` builds in pretest; by hand: npm run build).
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { REPO_ROOT } from '../helpers/cli.js';
import { parseSimpleYaml } from '../helpers/simple-yaml.js';

vi.mock('electron', () => import('../helpers/electron-stand-in.js'));

const { appFiles } = await import('../../src-main/electron/main.js');

interface BuilderConfig {
  appId: string;
  productName: string;
  files: string[];
  asarUnpack: string[];
  extraResources: Array<{ from: string; to: string }>;
  linux: { target: string[] };
  win: { target: string[] };
}

const config = parseSimpleYaml(readFileSync(path.join(REPO_ROOT, 'electron-builder.yml'), 'utf8')) as unknown as BuilderConfig;
const packageJson = JSON.parse(readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as { main: string };

/** Converts an electron-builder glob (`**`, `*`) to a regular expression over '/' paths. */
function globToRegExp(glob: string): RegExp {
  let pattern = '';
  for (let index = 0; index < glob.length; index += 1) {
    const char = glob[index]!;
    if (glob.startsWith('**/', index)) {
      pattern += '(?:.*/)?';
      index += 2;
    } else if (glob.startsWith('**', index)) {
      pattern += '.*';
      index += 1;
    } else if (char === '*') {
      pattern += '[^/]*';
    } else {
      pattern += char.replace(/[.+?^${}()|[\]\\]/g, '\\$&');
    }
  }
  return new RegExp(`^${pattern}$`);
}

/** Applies the files list as electron-builder does: later `!` patterns exclude. */
function isPacked(file: string): boolean {
  let packed = false;
  for (const pattern of config.files) {
    if (pattern.startsWith('!')) {
      if (globToRegExp(pattern.slice(1)).test(file)) packed = false;
    } else if (globToRegExp(pattern).test(file)) {
      packed = true;
    }
  }
  return packed;
}

describe('electron-builder.yml', () => {
  it('names the app', () => {
    expect(config.appId).toMatch(/^cn\.gov\.hunan\./);
    expect(config.productName).toBe('民生监督自助查询终端');
  });

  it('packs the built main entry', () => {
    expect(packageJson.main).toBe('dist/main/src-main/electron/main.js');
    expect(existsSync(path.join(REPO_ROOT, packageJson.main)), `${packageJson.main} missing; run npm run build`).toBe(true);
    expect(isPacked(packageJson.main)).toBe(true);
  });

  it('packs the preload the window loads', () => {
    const preload = path.relative('/app', appFiles('/app').preloadFile);

    expect(preload).toBe('dist/preload/preload.cjs');
    expect(existsSync(path.join(REPO_ROOT, preload)), `${preload} missing; run npm run build`).toBe(true);
    expect(isPacked(preload)).toBe(true);
  });

  it('packs the renderer page', () => {
    const page = path.relative('/app', new URL(appFiles('/app').pageUrl).pathname);

    expect(page).toBe('dist/renderer/index.html');
    expect(isPacked(page)).toBe(true);
  });

  it('packs kiosk configs but no keys or source maps', () => {
    expect(isPacked('kiosk-config/example.json')).toBe(true);
    expect(isPacked('package.json')).toBe(true);
    expect(isPacked('resources/demo-bundle/publisher.key')).toBe(false);
    expect(isPacked('dist/preload/preload.cjs.map')).toBe(false);
    expect(isPacked('src-main/electron/main.ts')).toBe(false);
  });

  it('unpacks native modules from the asar', () => {
    const native = 'node_modules/better-sqlite3/build/Release/better_sqlite3.node';

    expect(existsSync(path.join(REPO_ROOT, native)), `${native} missing`).toBe(true);
    expect(config.asarUnpack.some((pattern) => globToRegExp(pattern).test(native))).toBe(true);
    expect(config.asarUnpack.some((pattern) => globToRegExp(pattern).test('node_modules/better-sqlite3/lib/index.js'))).toBe(false);
  });

  it('ships the demo bundle as an extra resource', () => {
    const demo = config.extraResources.find((entry) => entry.from === 'resources/demo-bundle');

    expect(demo?.to).toBe('demo-bundle');
    expect(existsSync(path.join(REPO_ROOT, 'resources/demo-bundle/manifest.json'))).toBe(true);
  });

  it('targets AppImage, deb and NSIS', () => {
    expect(config.linux.target).toEqual(['AppImage', 'deb']);
    expect(config.win.target).toEqual(['nsis']);
  });
});

describe('simple YAML reader', () => {
  it('rejects syntax outside its subset', () => {
    expect(() => parseSimpleYaml('files: [a, b]')).toThrow(/unsupported/);
    expect(() => parseSimpleYaml('a:\n\tb: 1')).toThrow(/tabs/);
    expect(() => parseSimpleYaml('a: "open')).toThrow(/unterminated/);
  });
});
