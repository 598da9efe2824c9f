// `minsheng serve` as a child process: it starts, serves HTTP, and stops on SIGTERM.
// Needs the compiled CLI: npm run build:main.
import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CLI, runCli } from '../helpers/cli.js';
import { freePort, makeTempDir } from '../helpers/temp.js';
import { writeSmallSnapshot } from '../helpers/small-snapshot.js';

describe('minsheng serve', () => {
  const temp = makeTempDir();
  writeFileSync(path.join(temp.dir, 'index.html'), '<!doctype html><title>kiosk</title>');
  const dbFile = path.join(temp.dir, 'snapshot.db');
  writeSmallSnapshot(dbFile, { householdCount: 1, paymentsOfFirst: 1 });

  afterAll(() => temp.remove());

  it('prints its options with --help', async () => {
    const result = await runCli(['serve', '--help']);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('--db');
    expect(result.stdout).toContain('--port');
  });

  it('requires --db', async () => {
    const result = await runCli(['serve']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('--db');
  });

  it('asks for a build when the screens are missing', async () => {
    const result = await runCli(['serve', '--db', dbFile, '--static', path.join(temp.dir, 'nothing')]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('npm run build');
  });

  it('rejects an invalid terminal config', async () => {
    const config = path.join(temp.dir, 'bad-config.json');
    writeFileSync(config, '{"terminalId": 5}');
    const result = await runCli(['serve', '--db', dbFile, '--static', temp.dir, '--config', config]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('bad-config.json');
  });

  it('rejects a port above 65535 as a usage error', async () => {
    const result = await runCli(['serve', '--db', dbFile, '--static', temp.dir, '--port', '99999']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('Invalid value "99999" for --port: expected a port from 0 to 65535');
  });

  it('refuses a config file that never ends', async () => {
    const result = await runCli(['serve', '--db', dbFile, '--static', temp.dir, '--config', '/dev/zero']);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('The terminal config /dev/zero is larger than 65536 bytes');
  });

  it('warns when the config names another region than the snapshot', async () => {
    const port = await freePort();
    const config = path.join(temp.dir, 'other-region.json');
    writeFileSync(
      config,
      JSON.stringify({ terminalId: 'test-02', terminalName: 'Moved', regionCode: '431226', dataDir: '.', sync: { source: '.', trust: 'pub.pem' } }),
    );

    const child = spawn(process.execPath, [CLI, 'serve', '--db', dbFile, '--port', String(port), '--static', temp.dir, '--config', config], {
      env: { ...process.env, MINSHENG_LANG: 'en' },
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
    } finally {
      child.kill('SIGTERM');
    }

    expect(await exited).toBe(0);
    expect(stderr).toContain('the terminal config names region 431226, but the installed snapshot is for 430124');
  });

  it('serves until SIGTERM and takes idle settings from the config', async () => {
    const port = await freePort();
    const config = path.join(temp.dir, 'config.json');
    writeFileSync(
      config,
      JSON.stringify({
        terminalId: 'test-01',
        terminalName: 'Test terminal',
        regionCode: '430124',
        dataDir: '.',
        sync: { source: '.', trust: 'pub.pem' },
        idle: { timeoutSeconds: 30, warningSeconds: 10 },
      }),
    );

    const child = spawn(process.execPath, [CLI, 'serve', '--db', dbFile, '--port', String(port), '--static', temp.dir, '--config', config], {
      env: { ...process.env, MINSHENG_LANG: 'en' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
    const exited = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));

    try {
      await new Promise<void>((resolve, reject) => {
        child.stdout.on('data', () => stdout.includes('Ctrl+C') && resolve());
        child.on('close', () => reject(new Error(`serve exited early: ${stdout}`)));
      });
      expect(stdout).toContain(`http://127.0.0.1:${port}/`);
      expect(stdout).toContain(`chromium --kiosk --app=http://127.0.0.1:${port}/`);

      const settings = await (await fetch(`http://127.0.0.1:${port}/api/settings`)).json();
      expect(settings).toMatchObject({ terminalName: 'Test terminal', idleTimeoutSeconds: 30, idleWarningSeconds: 10 });
    } finally {
      child.kill('SIGTERM');
    }

    expect(await exited).toBe(0);
    expect(stdout).toContain('Stopped.');
  });
});
