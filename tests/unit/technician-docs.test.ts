// The technician guides checked against the code they describe. Both languages mention every
// provision option, admin action, incident kind and installed path, and every relative link and
// picture resolves. A change to any of them fails here until the guides follow.
import { readdirSync, readFileSync, existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ADMIN_ACTIONS } from '../../src-shared/admin-api.js';
import { PROVISION_OPTIONS } from '../../src-main/core/provision/options.js';
import { SUPERVISOR_INCIDENT_KINDS } from '../../src-main/watchdog/decide.js';
import adminEn from '../../src-renderer/i18n/admin/en.js';
import adminZh from '../../src-renderer/i18n/admin/zh-CN.js';
import { builderConfig, DEB_APP_DIR } from '../helpers/builder-config.js';
import { REPO_ROOT } from '../helpers/cli.js';

const GUIDES = [
  { file: 'docs/technician.zh-CN.md', actions: adminZh.action },
  { file: 'docs/technician.md', actions: adminEn.action },
];
const LINKED_FILES = [...GUIDES.map((guide) => guide.file), 'docs/watchdog.md', 'docs/watchdog.zh-CN.md', 'README.md', 'README.zh-CN.md'];

function read(file: string): string {
  return readFileSync(path.join(REPO_ROOT, file), 'utf8');
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((name) => name.endsWith('.ts'))
    .map((name) => path.join(dir, name));
}

/** Incident kinds the kiosk records itself, read from its recordIncident and appendIncident calls. */
function kioskIncidentKinds(): string[] {
  const kinds = new Set<string>();
  for (const file of sourceFiles(path.join(REPO_ROOT, 'src-main'))) {
    for (const match of readFileSync(file, 'utf8').matchAll(/\b(?:recordIncident|appendIncident)\((?:[^'"()]*,\s*)?'([a-z-]+)'/g)) kinds.add(match[1]!);
  }
  return [...kinds].sort();
}

/** Returns GitHub's anchor for a heading: lower case, punctuation dropped, spaces as hyphens. */
function headingAnchor(heading: string): string {
  return heading
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N} _-]/gu, '')
    .replace(/ /g, '-');
}

function anchorsOf(markdown: string): Set<string> {
  const headings = markdown.split('\n').filter((line) => /^#{1,6} /.test(line));
  return new Set(headings.map((line) => headingAnchor(line.replace(/^#+ /, ''))));
}

describe('technician guides', () => {
  it('list every provision option', () => {
    const names = [...PROVISION_OPTIONS.map((option) => option.name), 'admin-pin-file', 'admin-pin-stdin', 'config', 'force', 'dry-run', 'prompt'];

    for (const { file } of GUIDES) {
      const text = read(file);
      for (const name of names) expect(text, `${file} lacks --${name}`).toContain(`\`--${name}`);
    }
  });

  it('name every admin action as the screen does', () => {
    for (const { file, actions } of GUIDES) {
      const text = read(file);
      for (const action of ADMIN_ACTIONS) expect(text, `${file} lacks ${actions[action]}`).toContain(actions[action]);
    }
  });

  it('explain every incident kind', () => {
    const kinds = [...SUPERVISOR_INCIDENT_KINDS, ...kioskIncidentKinds()];

    expect(kinds).toContain('renderer-gone');
    expect(kinds).toContain('admin-lockout');
    for (const { file } of GUIDES) {
      const text = read(file);
      for (const kind of kinds) expect(text, `${file} lacks incident ${kind}`).toContain(`\`${kind}\``);
    }
  });

  it('give the paths the packages install', () => {
    const integrate = read('resources/linux/integrate.sh');
    const installer = read(builderConfig.nsis.include);
    const runValue = /!define MINSHENG_RUN_VALUE "([^"]+)"/.exec(installer)?.[1];
    const paths = [
      `${DEB_APP_DIR}/`,
      '/usr/bin/minsheng',
      '/usr/bin/minsheng-kiosk-session',
      '/usr/lib/systemd/user/minsheng-kiosk.service',
      '/etc/xdg/autostart/minsheng-kiosk-autostart.desktop',
      'resources/linux/integrate.sh',
      'resources\\windows\\minsheng.cmd',
      'resources\\windows\\minsheng-watchdog.vbs',
    ];

    expect(runValue).toBe('MinshengKioskWatchdog');
    expect(integrate).toContain('unit_dir="$root/usr/lib/systemd/user"');
    expect(integrate).toContain('autostart_dir="$root/etc/xdg/autostart"');
    for (const { file } of GUIDES) {
      const text = read(file);
      for (const installed of [...paths, runValue!]) expect(text, `${file} lacks ${installed}`).toContain(installed);
    }
  });

  it('show existing admin screenshots', () => {
    for (const { file } of GUIDES) {
      const pictures = [...read(file).matchAll(/!\[[^\]]*\]\(([^)]+)\)/g)].map((match) => match[1]!);

      expect(pictures.length, file).toBeGreaterThanOrEqual(2);
      for (const picture of pictures) expect(existsSync(path.join(REPO_ROOT, 'docs', picture)), picture).toBe(true);
    }
  });
});

describe('guide links', () => {
  it('resolve to files and headings', () => {
    for (const file of LINKED_FILES) {
      for (const match of read(file).matchAll(/\]\(([^)\s]+)\)/g)) {
        const target = match[1]!;
        if (/^[a-z]+:/.test(target)) continue;

        const [targetPath, anchor] = target.split('#');
        const resolved = targetPath === '' ? path.join(REPO_ROOT, file) : path.resolve(path.dirname(path.join(REPO_ROOT, file)), targetPath!);
        expect(existsSync(resolved), `${file}: ${target}`).toBe(true);
        if (anchor !== undefined && statSync(resolved).isFile() && resolved.endsWith('.md')) {
          expect(anchorsOf(readFileSync(resolved, 'utf8')).has(decodeURIComponent(anchor)), `${file}: ${target}`).toBe(true);
        }
      }
    }
  });
});
