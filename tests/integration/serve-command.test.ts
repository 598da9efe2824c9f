// `minsheng serve` as a child process: it checks the data folder, serves HTTP, and stops on
// SIGTERM. Needs the compiled CLI: npm run build:main.
import { spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_HTTP_PATHS } from '../../src-shared/admin-api.js';
import { BOARDS_HTTP_PATHS } from '../../src-shared/boards-api.js';
import { WATCHDOG_SOCKET_ENV } from '../../src-shared/watchdog-protocol.js';
import { pointerOrNull, snapshotFileOf } from '../../src-main/core/data-folder/pointer.js';
import { FleetHeartbeatSchema } from '../../src-shared/fleet-api.js';
import { generateRecipientKeyPair, parseRecipientKeyPem } from '../../src-main/core/reports/seal.js';
import { startReceiver } from '../../src-main/publisher/receiver/server.js';
import { ADMIN_PIN, testPinHash } from '../helpers/admin-terminal.js';
import { CLI, runCli } from '../helpers/cli.js';
import { installSnapshotFile } from '../helpers/installed-snapshot.js';
import { listenAsSupervisor } from '../helpers/supervisor-socket.js';
import { freePort, makeTempDir } from '../helpers/temp.js';
import { writeSmallSnapshot } from '../helpers/small-snapshot.js';

interface RunningServe {
  url: string;
  stdout(): string;
  stderr(): string;
  /** Sends SIGTERM and resolves with the exit code. */
  stop(): Promise<number | null>;
}

/** Starts `minsheng serve` and resolves once it prints that it is running. */
async function startServe(args: string[], env: NodeJS.ProcessEnv = {}): Promise<RunningServe> {
  const port = await freePort();
  const child = spawn(process.execPath, [CLI, 'serve', '--port', String(port), ...args], {
    env: { ...process.env, MINSHENG_LANG: 'en', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
  const exited = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));

  try {
    await new Promise<void>((resolve, reject) => {
      child.stdout.on('data', () => stdout.includes('Ctrl+C') && resolve());
      child.on('close', () => reject(new Error(`serve exited early: ${stdout}${stderr}`)));
    });
  } catch (error) {
    child.kill('SIGTERM');
    throw error;
  }

  return {
    url: `http://127.0.0.1:${port}/`,
    stdout: () => stdout,
    stderr: () => stderr,
    stop: () => {
      child.kill('SIGTERM');
      return exited;
    },
  };
}

describe('minsheng serve', () => {
  const temp = makeTempDir();
  writeFileSync(path.join(temp.dir, 'index.html'), '<!doctype html><title>kiosk</title>');
  const built = path.join(temp.dir, 'snapshot-3.sqlite');
  const dataDir = path.join(temp.dir, 'data');

  beforeAll(async () => {
    writeSmallSnapshot(built, { householdCount: 1, paymentsOfFirst: 1 });
    await installSnapshotFile(dataDir, built);
  });

  afterAll(() => temp.remove());

  /** Writes the config of terminal test-01 in 430124, plus `fields`, to temp.dir and returns its path. */
  function writeTestConfig(name: string, fields: Record<string, unknown>): string {
    const file = path.join(temp.dir, name);
    const config = { terminalId: 'test-01', terminalName: 'Test terminal', regionCode: '430124', sync: { source: '.', trust: 'pub.pem' }, ...fields };
    writeFileSync(file, JSON.stringify(config));
    return file;
  }

  it('prints its options with --help', async () => {
    const result = await runCli(['serve', '--help']);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('--data-dir');
    expect(result.stdout).toContain('--port');
  });

  it('requires --data-dir', async () => {
    const result = await runCli(['serve']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('--data-dir');
  });

  it('asks for a build when the screens are missing', async () => {
    const result = await runCli(['serve', '--data-dir', dataDir, '--static', path.join(temp.dir, 'nothing')]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('npm run build');
  });

  it('rejects an invalid terminal config', async () => {
    const config = path.join(temp.dir, 'bad-config.json');
    writeFileSync(config, '{"terminalId": 5}');
    const result = await runCli(['serve', '--data-dir', dataDir, '--static', temp.dir, '--config', config]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('bad-config.json');
  });

  it('rejects a port above 65535 as a usage error', async () => {
    const result = await runCli(['serve', '--data-dir', dataDir, '--static', temp.dir, '--port', '99999']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('Invalid value "99999" for --port: expected a port from 0 to 65535');
  });

  it('refuses a config file that never ends', async () => {
    const result = await runCli(['serve', '--data-dir', dataDir, '--static', temp.dir, '--config', '/dev/zero']);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('The terminal config /dev/zero is larger than 65536 bytes');
  });

  it('warns when the config names another region than the snapshot', async () => {
    const config = path.join(temp.dir, 'other-region.json');
    writeFileSync(
      config,
      JSON.stringify({ terminalId: 'test-02', terminalName: 'Moved', regionCode: '431226', dataDir: '.', sync: { source: '.', trust: 'pub.pem' } }),
    );

    const serve = await startServe(['--data-dir', dataDir, '--static', temp.dir, '--config', config]);

    expect(await serve.stop()).toBe(0);
    expect(serve.stderr()).toContain('the terminal config names region 431226, but the installed snapshot is for 430124');
  });

  it('serves until SIGTERM and takes idle settings from the config', async () => {
    const config = writeTestConfig('config.json', { dataDir: '.', idle: { timeoutSeconds: 30, warningSeconds: 10 } });

    const serve = await startServe(['--data-dir', dataDir, '--static', temp.dir, '--config', config]);
    try {
      expect(serve.stdout()).toContain(serve.url);
      expect(serve.stdout()).toContain(`chromium --kiosk --app=${serve.url}`);

      const settings = await (await fetch(`${serve.url}api/settings`)).json();
      expect(settings).toMatchObject({ terminalName: 'Test terminal', idleTimeoutSeconds: 30, idleWarningSeconds: 10 });
      const snapshot = await (await fetch(`${serve.url}api/snapshot`)).json();
      expect(snapshot).toMatchObject({ version: 3, regionCode: '430124' });
    } finally {
      expect(await serve.stop()).toBe(0);
    }

    expect(serve.stdout()).toContain('Stopped.');
  });

  it("uses the config's dataDir without --data-dir", async () => {
    const config = writeTestConfig('config-with-data.json', { dataDir: 'data' });

    const serve = await startServe(['--static', temp.dir, '--config', config]);
    try {
      const snapshot = await (await fetch(`${serve.url}api/snapshot`)).json();
      expect(snapshot).toMatchObject({ version: 3, regionCode: '430124' });
    } finally {
      expect(await serve.stop()).toBe(0);
    }
  });

  it('serves the admin API when the config has an admin section', async () => {
    const config = writeTestConfig('config-with-admin.json', { dataDir: 'data', admin: { pinHash: testPinHash() } });
    const post = (base: string, pathname: string, body: unknown) =>
      fetch(new URL(pathname, base), { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });

    const serve = await startServe(['--static', temp.dir, '--config', config]);
    try {
      const unlocked = (await (await post(serve.url, ADMIN_HTTP_PATHS.adminUnlock, { pin: ADMIN_PIN })).json()) as { status: string; token: string };
      expect(unlocked.status).toBe('unlocked');

      const diagnostics = await (await post(serve.url, ADMIN_HTTP_PATHS.adminDiagnostics, { token: unlocked.token })).json();
      expect(diagnostics).toMatchObject({ status: 'ok', diagnostics: { terminalId: 'test-01', snapshot: { version: 3 }, versions: { electron: null } } });
      const exit = await (await post(serve.url, ADMIN_HTTP_PATHS.adminAction, { token: unlocked.token, action: 'exit-to-desktop' })).json();
      expect(exit).toMatchObject({ status: 'failed', code: 'not-supported' });
    } finally {
      expect(await serve.stop()).toBe(0);
    }
  });

  it('writes the kiosk log the admin screen shows', async () => {
    const config = writeTestConfig('config-with-log.json', { dataDir: 'log-data', admin: { pinHash: testPinHash() } });
    const post = (base: string, pathname: string, body: unknown) =>
      fetch(new URL(pathname, base), { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });

    const serve = await startServe(['--static', temp.dir, '--config', config], { MINSHENG_LOG_LEVEL: 'info' });
    let logLines: string[];
    try {
      const unlocked = (await (await post(serve.url, ADMIN_HTTP_PATHS.adminUnlock, { pin: ADMIN_PIN })).json()) as { token: string };
      const diagnostics = (await (await post(serve.url, ADMIN_HTTP_PATHS.adminDiagnostics, { token: unlocked.token })).json()) as {
        diagnostics: { logLines: string[] };
      };
      logLines = diagnostics.diagnostics.logLines;
    } finally {
      expect(await serve.stop()).toBe(0);
    }

    expect(logLines.some((line) => line.includes('"browser host started"'))).toBe(true);
    expect(logLines.some((line) => line.includes('"admin screen unlocked"'))).toBe(true);
    expect(readFileSync(path.join(temp.dir, 'log-data', 'logs', 'kiosk.log'), 'utf8')).toContain('"browser host stopped"');
    // The terminal keeps its readable lines on stderr.
    expect(serve.stderr()).toContain('info browser-host: browser host started');
  });

  it('sends a fleet heartbeat when the config has one', async () => {
    const dbFile = path.join(temp.dir, 'county', 'receiver.sqlite');
    const commissionKey = parseRecipientKeyPem(generateRecipientKeyPair('x25519').publicKeyPem);
    const receiver = await startReceiver({ dbFile, commissionKey, port: 0 });
    const config = writeTestConfig('config-with-heartbeat.json', { dataDir: 'data', heartbeat: { url: receiver.heartbeatUrl, intervalMinutes: 60 } });
    const storedBodies = (): string[] => {
      const db = new Database(dbFile, { readonly: true });
      try {
        return (db.prepare('SELECT body FROM heartbeats').all() as { body: string }[]).map((row) => row.body);
      } finally {
        db.close();
      }
    };

    const serve = await startServe(['--static', temp.dir, '--config', config]);
    try {
      // The first heartbeat goes out at start; the deadline only bounds a broken run.
      const deadline = Date.now() + 20_000;
      while (storedBodies().length === 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));

      const [body] = storedBodies();
      const heartbeat = FleetHeartbeatSchema.parse(JSON.parse(body ?? 'null'));
      expect(heartbeat).toMatchObject({ terminalId: 'test-01', regionCode: '430124', intervalMinutes: 60, versions: { electron: null, data: 3 } });
      expect(heartbeat.printer.state).toBe('not-configured');
    } finally {
      expect(await serve.stop()).toBe(0);
      await receiver.close();
    }
  });

  it('reports busy for requests and admin sessions', async () => {
    const config = writeTestConfig('config-supervised.json', {
      dataDir: 'data',
      admin: { pinHash: testPinHash() },
      watchdog: { heartbeatSeconds: 1, hangSeconds: 5 },
    });
    const supervisor = await listenAsSupervisor(path.join(temp.dir, 'watchdog.sock'));
    const post = (base: string, pathname: string, body: unknown) =>
      fetch(new URL(pathname, base), { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
    // The second heartbeat after a request was taken after its response, whatever the socket's delay.
    const busyAfterTwoHeartbeats = async (): Promise<boolean> => {
      const before = supervisor.heartbeats().length;
      const deadline = Date.now() + 20_000;
      while (supervisor.heartbeats().length < before + 2 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
      return supervisor.heartbeats().at(-1)!.busy;
    };

    const serve = await startServe(['--static', temp.dir, '--config', config], { [WATCHDOG_SOCKET_ENV]: path.join(temp.dir, 'watchdog.sock') });
    try {
      // The page's own reads at start and at rest do not count as a villager.
      await fetch(`${serve.url}api/settings`);
      await fetch(`${serve.url}api/snapshot`);
      expect(await busyAfterTwoHeartbeats()).toBe(false);

      const unlocked = (await (await post(serve.url, ADMIN_HTTP_PATHS.adminUnlock, { pin: ADMIN_PIN })).json()) as { status: string; token: string };
      expect(unlocked.status).toBe('unlocked');
      expect(await busyAfterTwoHeartbeats()).toBe(true);
      await post(serve.url, ADMIN_HTTP_PATHS.adminLock, { token: unlocked.token });
      expect(await busyAfterTwoHeartbeats()).toBe(false);

      // A tap on the region list; busy lasts the idle timeout (90 s by default) after it.
      expect((await post(serve.url, BOARDS_HTTP_PATHS.getRegions, {})).status).toBe(200);
      expect(await busyAfterTwoHeartbeats()).toBe(true);
    } finally {
      expect(await serve.stop()).toBe(0);
      await supervisor.close();
    }
  });

  it('names --data-dir over the config in its help', async () => {
    const result = await runCli(['serve', '--help']);
    expect(result.stdout).toContain("With --config it replaces the config's dataDir");
  });

  it('reports an empty data folder', async () => {
    const emptyDir = path.join(temp.dir, 'empty-data');

    const serve = await startServe(['--data-dir', emptyDir, '--static', temp.dir]);
    const snapshot = await (await fetch(`${serve.url}api/snapshot`)).json();

    expect(await serve.stop()).toBe(0);
    expect(serve.stdout()).toContain(`No snapshot is installed in ${emptyDir} yet`);
    expect(snapshot).toBeNull();
  });

  it('serves the previous version when current is damaged', async () => {
    const recoverDir = path.join(temp.dir, 'recover-data');
    const builtNewer = path.join(temp.dir, 'snapshot-4.sqlite');
    writeSmallSnapshot(builtNewer, { householdCount: 1, paymentsOfFirst: 2, version: 4 });
    const older = await installSnapshotFile(recoverDir, built);
    const newer = await installSnapshotFile(recoverDir, builtNewer);
    writeFileSync(snapshotFileOf(recoverDir, newer), 'damaged after install');

    const serve = await startServe(['--data-dir', recoverDir, '--static', temp.dir]);
    const snapshot = await (await fetch(`${serve.url}api/snapshot`)).json();

    expect(await serve.stop()).toBe(0);
    expect(serve.stderr()).toContain('The installed snapshot version 4 is damaged; serving the previous version 3');
    expect(pointerOrNull(recoverDir, 'current')?.file).toBe(older.file);
    expect(snapshot).toMatchObject({ version: 3 });
  });

  it('names a damaged snapshot with no previous one', async () => {
    const damagedDir = path.join(temp.dir, 'damaged-data');
    const only = await installSnapshotFile(damagedDir, built);
    writeFileSync(snapshotFileOf(damagedDir, only), 'damaged after install');

    const serve = await startServe(['--data-dir', damagedDir, '--static', temp.dir]);
    const snapshot = await (await fetch(`${serve.url}api/snapshot`)).json();

    expect(await serve.stop()).toBe(0);
    expect(serve.stderr()).toContain(`The snapshot in ${damagedDir} is damaged`);
    expect(snapshot).toBeNull();
  });
});
