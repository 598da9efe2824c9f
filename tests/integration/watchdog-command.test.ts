// `minsheng watchdog` as a technician runs it, and `minsheng serve` (the real browser host)
// under the supervisor. Needs the compiled CLI: npm run build:main.
import { existsSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { readIncidents } from '../../src-main/core/incidents.js';
import { CLI, REPO_ROOT, runCli, startCli } from '../helpers/cli.js';
import { makeTempDir } from '../helpers/temp.js';
import { FAKE_KIOSK_SCRIPT, watchKiosk } from '../helpers/watchdog-harness.js';
import type { WatchedKiosk } from '../helpers/watchdog-harness.js';

const temp = makeTempDir();
afterAll(() => temp.remove());

function writeConfig(name: string, extra: Record<string, unknown> = {}): string {
  const file = path.join(temp.dir, name);
  const config = {
    terminalId: 'watch-01',
    terminalName: 'Watched terminal',
    regionCode: '431226',
    dataDir: `${name}-data`,
    // Neither the supervisor nor serve reads the trust file.
    sync: { source: '.', trust: 'pub.pem' },
    watchdog: { heartbeatSeconds: 1, hangSeconds: 5 },
    ...extra,
  };
  writeFileSync(file, JSON.stringify(config));
  return file;
}

/** Polls until `check` returns a value other than undefined, or fails after 20 s naming `what`. */
async function waitFor<T>(what: string, check: () => T | undefined | Promise<T | undefined>): Promise<T> {
  const deadline = Date.now() + 20_000;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(50);
  }
}

describe('minsheng watchdog', () => {
  it('prints its options with --help', async () => {
    const result = await runCli(['watchdog', '--help']);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('--start-grace');
    expect(result.stdout).toContain('-- COMMAND');
  });

  it('prints its help in Chinese by default', async () => {
    const result = await runCli(['watchdog', '--help'], { env: { MINSHENG_LANG: '' } });
    expect(result.stdout).toContain('用法：minsheng watchdog --config 文件');
  });

  it('requires --config', async () => {
    const result = await runCli(['watchdog', '--', 'true']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('Missing required option --config');
  });

  it('rejects a command given before --', async () => {
    const result = await runCli(['watchdog', '--config', writeConfig('early.json'), 'node', 'kiosk.js']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('Unexpected argument "node". Put the kiosk command after --');
  });

  it('rejects a grace of zero seconds', async () => {
    const result = await runCli(['watchdog', '--config', writeConfig('grace.json'), '--stop-grace', '0', '--', 'true']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('Invalid value "0" for --stop-grace');
  });

  it('names the invalid watchdog field of the config', async () => {
    const config = writeConfig('bad.json', { watchdog: { heartbeatSeconds: 1, hangSeconds: 1 } });
    const result = await runCli(['watchdog', '--config', config, '--', 'true']);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('Cannot supervise the kiosk with the terminal config');
    expect(result.stderr).toContain('watchdog.hangSeconds');
  });

  it.runIf(!existsSync(path.join(REPO_ROOT, 'node_modules/electron/path.txt')))('explains a missing Electron kiosk', async () => {
    const result = await runCli(['watchdog', '--config', writeConfig('electron.json')]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('No kiosk command was given and the Electron kiosk was not found (node_modules/electron/path.txt not found)');
    expect(result.stderr).toContain('serve --config');
  });

  it('warns about a daily window of no length', async () => {
    const config = writeConfig('window.json', { watchdog: { heartbeatSeconds: 1, hangSeconds: 5, dailyRestart: { from: '03:00', to: '03:00' } } });
    const result = await runCli(['watchdog', '--config', config, '--', process.execPath, '-e', `process.exit(${64})`]);
    expect(result.stderr).toContain('a window of no length');
  });

  // A kiosk that exits with the technician's code ends the supervision with exit 0, so each of
  // these runs checks that the supervisor lived through its log failures to the end.
  const technicianExit = [process.execPath, '-e', 'process.exit(64)'];

  it('exits 1 with a clear message when the kiosk program does not exist', async () => {
    const config = writeConfig('missing-kiosk.json');
    const result = await runCli(['watchdog', '--config', config, '--', '/nonexistent/kiosk']);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('The kiosk program /nonexistent/kiosk is missing or may not be run');
    const incidents = await readIncidents(path.join(temp.dir, 'missing-kiosk.json-data'));
    expect(incidents.map((incident) => incident.kind)).toEqual(['start-failed']);
  });

  it('keeps supervising when the data folder is a file, logging to stderr', async () => {
    const config = writeConfig('folder-is-file.json');
    writeFileSync(path.join(temp.dir, 'folder-is-file.json-data'), 'not a folder');
    const result = await runCli(['watchdog', '--config', config, '--', ...technicianExit], { env: { MINSHENG_LOG_LEVEL: 'info' } });
    expect(result.stderr).toContain('Cannot write the supervisor log');
    expect(result.stderr).toContain('ENOTDIR');
    expect(result.stderr).toContain('kiosk started');
    expect(result.code).toBe(0);
  });

  it('keeps supervising when the log file stops taking lines (a full disk)', async () => {
    const config = writeConfig('full-disk.json');
    // /dev/full opens for appending and fails every write with ENOSPC, as a full disk does.
    mkdirSync(path.join(temp.dir, 'full-disk.json-data', 'logs'), { recursive: true });
    symlinkSync('/dev/full', path.join(temp.dir, 'full-disk.json-data', 'logs', 'watchdog.log'));
    const result = await runCli(['watchdog', '--config', config, '--', ...technicianExit], { env: { MINSHENG_LOG_LEVEL: 'info' } });
    expect(result.stderr).toContain('ENOSPC');
    expect(result.stderr).toContain('supervisor stopped');
    expect(result.code).toBe(0);
  });

  it('restarts a crashed kiosk and stops on SIGTERM', async () => {
    const config = writeConfig('crash.json');
    const dataDir = path.join(temp.dir, 'crash.json-data');
    const plan = [{ mode: 'exit', exitCode: 7 }, { mode: 'healthy' }];
    const kioskArgs = [FAKE_KIOSK_SCRIPT, JSON.stringify({ stateDir: temp.dir, heartbeatSeconds: 1, plan })];
    const watchdog = startCli(['watchdog', '--config', config, '--', process.execPath, ...kioskArgs], { env: { MINSHENG_LOG_LEVEL: 'info' } });

    try {
      const logFile = path.join(dataDir, 'logs', 'watchdog.log');
      const heartbeats = () => (existsSync(logFile) ? readFileSync(logFile, 'utf8').split('\n').filter((line) => line.includes('"first heartbeat"')) : []);
      await waitFor('the restarted kiosk', () => (heartbeats().length >= 2 ? true : undefined));
    } finally {
      watchdog.child.kill('SIGTERM');
    }

    expect(await watchdog.exited).toBe(0);
    expect(watchdog.stdout()).toContain('Supervising the kiosk:');
    expect(watchdog.stdout()).toContain('Supervision ended.');
    expect(watchdog.stderr()).toContain('Watchdog incident (crash): pid');
    const incidents = await readIncidents(dataDir);
    expect(incidents.map((incident) => incident.kind)).toEqual(['crash']);
    expect(incidents[0]?.detail).toContain('exited with exit code 7');
  });
});

describe('minsheng serve under the watchdog', () => {
  let watched: WatchedKiosk | null = null;
  afterEach(async () => {
    await watched?.close();
    watched = null;
  });

  it('heartbeats and is restarted after a kill', async () => {
    const config = writeConfig('serve.json');
    writeFileSync(path.join(temp.dir, 'index.html'), '<!doctype html><title>kiosk</title>');
    const args = [CLI, 'serve', '--config', config, '--port', '0', '--static', temp.dir];
    const kiosk = await watchKiosk({ command: { command: process.execPath, args } });
    watched = kiosk;

    const run = await kiosk.waitFor('three heartbeats from serve', () => {
      const current = kiosk.supervisor.currentRun();
      return current !== null && current.heartbeatCount >= 3 ? current : undefined;
    });
    expect(run.busy).toBe(false);
    expect(run.reportedMemoryBytes).toBeGreaterThan(10 * 1024 * 1024);
    expect(kiosk.logsWith('first heartbeat')[0]?.fields.heartbeatPid).toBe(run.pid);

    process.kill(run.pid!, 'SIGKILL');
    await kiosk.waitFor('the restarted serve', () => kiosk.logsWith('first heartbeat')[1]);
    const [incident] = await kiosk.incidents();
    expect(incident?.kind).toBe('crash');
    expect(incident?.detail).toContain(`pid ${run.pid} exited with signal SIGKILL`);

    kiosk.supervisor.stop('SIGTERM');
    expect(await kiosk.supervisor.finished).toBe(0);
    const exited = kiosk.logsWith('kiosk exited').at(-1);
    expect(exited?.fields.code).toBe(0);
  });
});
