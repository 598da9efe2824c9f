// `minsheng fleet status` as the county runs it: the built command over a receiver database with
// heartbeats of a sound, a stale and a troubled terminal, in English, in Chinese and as JSON.
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FleetHeartbeat } from '../../src-shared/fleet-api.js';
import { openReceiverStore } from '../../src-main/publisher/receiver/store.js';
import { runCli } from '../helpers/cli.js';
import { sampleHeartbeat } from '../helpers/fleet-terminal.js';
import { makeTempDir } from '../helpers/temp.js';

const temp = makeTempDir('minsheng-fleet-status-');
afterAll(() => temp.remove());

const MINUTE = 60_000;
const ago = (minutes: number): string => new Date(Date.now() - minutes * MINUTE).toISOString();

/** Writes a receiver database holding `heartbeats`, each received `minutesAgo` before now. */
function receiverDatabase(name: string, heartbeats: { heartbeat: FleetHeartbeat; minutesAgo: number }[]): string {
  const file = path.join(temp.dir, name);
  const store = openReceiverStore(file);
  for (const { heartbeat, minutesAgo } of heartbeats) {
    store.storeHeartbeat({ heartbeat, sha256: heartbeat.id.replace(/-/g, '').padEnd(64, '0'), remoteAddress: '127.0.0.1', receivedAt: ago(minutesAgo) });
  }
  store.close();
  return file;
}

let fleetDb: string;

beforeAll(() => {
  const incident = { at: ago(60), kind: 'renderer-gone', detail: 'reloaded the home screen' };
  fleetDb = receiverDatabase('fleet.sqlite', [
    // The sound terminal's older heartbeat lists two incidents; its newer one counts one omitted.
    { heartbeat: sampleHeartbeat({ terminalId: 'T-SOUND', createdAt: ago(20), incidents: [incident, incident] }), minutesAgo: 20 },
    { heartbeat: sampleHeartbeat({ terminalId: 'T-SOUND', createdAt: ago(5), incidentsOmitted: 1, versions: { app: '1.3.0', electron: '39.2.1', data: 13 } }), minutesAgo: 5 },
    // 15-minute interval, silent for 2 hours: more than 3 intervals.
    { heartbeat: sampleHeartbeat({ terminalId: 'T-SILENT', createdAt: ago(120) }), minutesAgo: 120 },
    {
      heartbeat: sampleHeartbeat({
        terminalId: 'T-TROUBLE',
        createdAt: ago(1),
        lastSync: { at: ago(30), succeededAt: null, problems: [{ code: 'sync-failing', since: ago(600), detail: 'source timed out' }] },
        printer: { state: 'not-found', detail: 'no printer named "POS-80"' },
        versions: { app: '1.3.0', electron: null, data: null },
      }),
      minutesAgo: 1,
    },
  ]);
});

describe('minsheng fleet status', () => {
  it('lists stale terminals first', async () => {
    const result = await runCli(['fleet', 'status', '--db', fleetDb]);

    expect(result.code).toBe(1);
    expect(result.stderr).toBe('');
    expect(result.stdout).toContain('Terminals: 3. Stale: 1. With problems: 1.');
    const titles = result.stdout.split('\n').filter((line) => line.startsWith('['));
    expect(titles).toEqual([
      '[STALE] T-SILENT 金河镇便民服务中心 (region 430121)',
      '[PROBLEMS] T-TROUBLE 金河镇便民服务中心 (region 430121)',
      '[OK] T-SOUND 金河镇便民服务中心 (region 430121)',
    ]);
  });

  it('shows the newest heartbeat\'s state', async () => {
    const result = await runCli(['fleet', 'status', '--db', fleetDb]);
    const sound = result.stdout.slice(result.stdout.indexOf('[OK] T-SOUND'));
    const trouble = result.stdout.slice(result.stdout.indexOf('[PROBLEMS] T-TROUBLE'), result.stdout.indexOf('[OK]'));

    expect(sound).toContain('Versions: app 1.3.0, Electron 39.2.1, data 13.');
    expect(sound).toContain('Incidents in the last 7 days: 3.');
    expect(sound).toMatch(/Last heartbeat received: .*, 5 minutes ago\. Interval: 15 minutes\./);
    expect(trouble).toContain('Versions: app 1.3.0, Electron none (browser host), data none installed.');
    expect(trouble).toMatch(/Open problems: sync failing \(since \d{4}-\d{2}-\d{2} \d{2}:\d{2}\)\./);
    expect(trouble).toContain('Printer: NOT FOUND (no printer named "POS-80").');
    expect(trouble).toContain('Last successful sync: never.');
  });

  it('marks stale terminals in Chinese', async () => {
    const result = await runCli(['fleet', 'status', '--db', fleetDb], { env: { MINSHENG_LANG: 'zh-CN' } });

    expect(result.stdout).toContain('终端 3 台，其中失联 1 台，有问题 1 台。');
    expect(result.stdout).toContain('【失联】T-SILENT');
    expect(result.stdout).toContain('【有问题】T-TROUBLE');
    expect(result.stdout).toContain('未解决的问题：同步持续失败');
  });

  it('prints JSON', async () => {
    const result = await runCli(['fleet', 'status', '--db', fleetDb, '--json']);
    const parsed = JSON.parse(result.stdout) as { terminals: { terminalId: string; state: string; stale: boolean; recentIncidents: number }[] };

    const states = Object.fromEntries(parsed.terminals.map((entry) => [entry.terminalId, entry.state]));
    expect(states).toEqual({ 'T-SILENT': 'stale', 'T-SOUND': 'ok', 'T-TROUBLE': 'problems' });
    expect(parsed.terminals.find((entry) => entry.terminalId === 'T-SOUND')!.recentIncidents).toBe(3);
  });

  it('exits 0 when every terminal is sound', async () => {
    const file = receiverDatabase('sound.sqlite', [{ heartbeat: sampleHeartbeat({ createdAt: ago(2) }), minutesAgo: 2 }]);

    const result = await runCli(['fleet', 'status', '--db', file]);

    expect(result.code).toBe(0);
    expect(result.stdout).toContain('[OK] T-430121-01');
  });

  it('says when no heartbeat arrived yet', async () => {
    const file = receiverDatabase('empty.sqlite', []);

    const result = await runCli(['fleet', 'status', '--db', file]);

    expect(result.code).toBe(0);
    expect(result.stdout).toContain(`The database ${file} holds no heartbeats yet.`);
  });

  it('names a missing database', async () => {
    const file = path.join(temp.dir, 'missing.sqlite');

    const result = await runCli(['fleet', 'status', '--db', file]);

    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`Cannot read the database ${file}: ENOENT.`);
  });

  it('rejects another program\'s database', async () => {
    const file = path.join(temp.dir, 'other.sqlite');
    const other = new Database(file);
    other.exec('CREATE TABLE households (id TEXT)');
    other.close();

    const result = await runCli(['fleet', 'status', '--db', file]);

    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`The file ${file} is not a database of minsheng receive (it has the tables households).`);
  });

  it('rejects an unknown subcommand', async () => {
    const result = await runCli(['fleet', 'list']);

    expect(result.code).toBe(2);
    expect(result.stderr).toContain('Unknown subcommand "list": use status.');
  });
});
