// The admin service over real parts. A data folder is synced from a signed bundle and read by
// the kiosk service. HTTP servers on 127.0.0.1 take the network check, the PDF printer with
// Chromium prints the test page, and USB media are folders (import) and tmpfs mounts (export)
// under a test root.
import { cpSync, existsSync, mkdirSync, readFileSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { Server } from 'node:http';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { AdminActionResult, AdminApi } from '../../src-shared/admin-api.js';
import { createPdfPrinter } from '../../src-main/browser-host/pdf-printer.js';
import { createAdminService } from '../../src-main/core/admin/admin-service.js';
import type { AdminHost, AdminService } from '../../src-main/core/admin/admin-service.js';
import { EXPORT_FOLDER, exportLogs } from '../../src-main/core/admin/export-logs.js';
import { kioskSettingsOf } from '../../src-main/core/config.js';
import type { LoadedConfig } from '../../src-main/core/config.js';
import { heartbeatQueuePath, kioskLogPath } from '../../src-main/core/data-folder/layout.js';
import { openHeartbeatQueue } from '../../src-main/core/fleet/heartbeat-queue.js';
import { appendIncident } from '../../src-main/core/incidents.js';
import { createKioskService } from '../../src-main/core/kiosk-service.js';
import type { KioskService } from '../../src-main/core/kiosk-service.js';
import type { PrintOutput } from '../../src-main/core/printing/print-job.js';
import { USB_BUNDLES_FOLDER } from '../../src-main/core/sync/usb-source.js';
import { ADMIN_PIN, REGION, makeAdminTerminal } from '../helpers/admin-terminal.js';
import type { AdminTerminal } from '../helpers/admin-terminal.js';
import { makeBundle, makeTestKeys } from '../helpers/make-bundle.js';
import { mountTmpfs } from '../helpers/mount.js';
import type { TmpfsMount } from '../helpers/mount.js';
import { freePort, makeTempDir } from '../helpers/temp.js';

const ID_NUMBER = '43012119900307123X';
const PHONE = '13812345678';
const CARD = '6222021234567890123';
const NOW = new Date('2026-06-01T08:30:15.000Z');

let temp: ReturnType<typeof makeTempDir>;
let terminal: AdminTerminal;
let caseDir: string;
let loaded: LoadedConfig;
let usbRoot: string;
let kiosk: KioskService | null;
let exits: number;
const sticks: TmpfsMount[] = [];
const servers: Server[] = [];

const PRINTER_READY: AdminHost['printerStatus'] = async () => ({ state: 'ready', detail: 'test printer' });

interface ServiceOptions {
  loaded?: LoadedConfig;
  host?: Partial<AdminHost>;
  printOutput?: PrintOutput | null;
  networkTimeoutMs?: number;
}

function adminService(options: ServiceOptions = {}): AdminService {
  const config = options.loaded ?? loaded;
  const settings = kioskSettingsOf(config.config);
  kiosk = createKioskService({ dataDir: config.dataDir, settings, printOutput: options.printOutput ?? null });
  return createAdminService({
    loaded: config,
    kiosk,
    host: {
      processMemoryBytes: () => 123_456_789,
      printerStatus: PRINTER_READY,
      appVersion: '9.8.7',
      exitToDesktop: () => {
        exits += 1;
      },
      ...options.host,
    },
    usbRoots: [usbRoot],
    networkTimeoutMs: options.networkTimeoutMs,
    clock: () => NOW,
  });
}

async function unlocked(service: AdminApi): Promise<string> {
  const result = await service.adminUnlock({ pin: ADMIN_PIN });
  if (result.status !== 'unlocked') throw new Error(`expected unlocked, got ${JSON.stringify(result)}`);
  return result.token;
}

async function runAction(service: AdminApi, action: Parameters<AdminApi['adminAction']>[0]['action']): Promise<AdminActionResult> {
  return service.adminAction({ token: await unlocked(service), action });
}

/** Returns the detail of a done or failed result. */
function detailOf(result: AdminActionResult): string {
  if (result.status === 'expired') throw new Error('expected a done or failed result, got expired');
  return result.detail;
}

/** Starts an HTTP server on 127.0.0.1 that handles every request with `handler`; stopped after each test. */
async function serve(handler: Parameters<typeof createServer>[1]): Promise<string> {
  const server = createServer(handler);
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  return `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
}

function withNetwork(source: string, uploadUrl?: string, heartbeatUrl?: string): LoadedConfig {
  const reporting = uploadUrl === undefined ? undefined : { reportUrl: 'https://example.gov.cn/report', commissionKey: 'commission.pub.pem', uploadUrl };
  const heartbeat = heartbeatUrl === undefined ? undefined : { url: heartbeatUrl, intervalMinutes: 15 };
  return { ...loaded, source, config: { ...loaded.config, reporting, heartbeat } };
}

beforeAll(() => {
  temp = makeTempDir('minsheng-admin-service-');
  terminal = makeAdminTerminal(temp.dir);
});

beforeEach(() => {
  caseDir = makeTempDir('minsheng-admin-case-').dir;
  loaded = { ...terminal.loaded, dataDir: path.join(caseDir, 'data') };
  usbRoot = path.join(caseDir, 'media');
  mkdirSync(usbRoot);
  kiosk = null;
  exits = 0;
});

afterEach(async () => {
  await kiosk?.close();
  for (const server of servers.splice(0)) {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
  for (const stick of sticks.splice(0)) stick.remove();
  rmSync(caseDir, { recursive: true, force: true });
});

afterAll(() => temp.remove());

describe('admin calls without a session', () => {
  it('return expired for an unknown token', async () => {
    const service = adminService();
    const token = 'n'.repeat(43);

    expect(await service.adminDiagnostics({ token })).toEqual({ status: 'expired' });
    expect(await service.adminAction({ token, action: 'sync-now' })).toEqual({ status: 'expired' });
    expect(existsSync(loaded.dataDir)).toBe(false);
  });

  it('return expired after lock', async () => {
    const service = adminService();
    const token = await unlocked(service);
    await service.adminLock({ token });

    expect(await service.adminDiagnostics({ token })).toEqual({ status: 'expired' });
    expect(service.sessionOpen()).toBe(false);
  });
});

describe('sync-now', () => {
  it('installs the bundle, then finds it up to date', async () => {
    const service = adminService();

    expect(await runAction(service, 'sync-now')).toEqual({ status: 'done', code: 'installed', detail: 'version 1 installed (full); previous version: none' });
    expect(await runAction(service, 'sync-now')).toEqual({ status: 'done', code: 'up-to-date', detail: 'version 1 is the newest' });
  });

  it('fails with the sync reason when the source is missing', async () => {
    const service = adminService({ loaded: { ...loaded, source: path.join(caseDir, 'no-such-bundle') } });
    const result = await runAction(service, 'sync-now');

    expect(result).toMatchObject({ status: 'failed', code: 'io' });
    expect(detailOf(result)).toContain('no-such-bundle');
    expect(detailOf(result)).not.toMatch(/^problem=/);
  });

  it('rejects a bundle signed by an unknown key', async () => {
    const foreign = path.join(caseDir, 'foreign');
    makeBundle(foreign, { version: 2, households: 1, regionCode: REGION, signWith: makeTestKeys() });
    const result = await runAction(adminService({ loaded: { ...loaded, source: foreign } }), 'sync-now');

    expect(result).toMatchObject({ status: 'failed', code: 'rejected' });
    expect(detailOf(result)).toMatch(/^unknown-key: /);
  });

  it('stops waiting for a source that does not answer', async () => {
    // The server takes each request and never responds.
    const url = await serve(() => undefined);
    const service = createAdminService({
      loaded: { ...loaded, source: url },
      kiosk: (kiosk = createKioskService({ dataDir: loaded.dataDir, settings: kioskSettingsOf(loaded.config), printOutput: null })),
      host: { processMemoryBytes: () => 1, printerStatus: PRINTER_READY, exitToDesktop: null },
      usbRoots: [usbRoot],
      syncWaitMs: 200,
      clock: () => NOW,
    });
    const result = await runAction(service, 'sync-now');

    expect(result).toMatchObject({ status: 'failed', code: 'still-running' });
    expect(detailOf(result)).toContain('goes on in the background');
  });

  it('fails when the trust file cannot be read', async () => {
    const service = adminService({ loaded: { ...loaded, trust: { kind: 'file', file: path.join(caseDir, 'missing.pem') } } });

    expect(await runAction(service, 'sync-now')).toMatchObject({ status: 'failed', code: 'trust-unreadable' });
  });

  it('fails as internal when the host trigger throws', async () => {
    const service = adminService({
      host: {
        syncNow: () => Promise.reject(new Error('sync trigger broke')),
      },
    });

    expect(await runAction(service, 'sync-now')).toEqual({ status: 'failed', code: 'internal', detail: 'sync trigger broke' });
  });
});

describe('import-usb', () => {
  it('installs the bundle from a stick', async () => {
    cpSync(terminal.bundleDir, path.join(usbRoot, 'KINGSTON', USB_BUNDLES_FOLDER, REGION), { recursive: true });

    expect(await runAction(adminService(), 'import-usb')).toEqual({
      status: 'done',
      code: 'installed',
      detail: 'version 1 installed (full); previous version: none',
    });
  });

  it('fails with no-usb when no stick holds the county folder', async () => {
    mkdirSync(path.join(usbRoot, 'KINGSTON', USB_BUNDLES_FOLDER, '430122'), { recursive: true });
    const result = await runAction(adminService(), 'import-usb');

    expect(result).toMatchObject({ status: 'failed', code: 'no-usb' });
    expect(detailOf(result)).toContain(path.join(USB_BUNDLES_FOLDER, REGION, 'manifest.json'));
  });
});

describe('import-usb from a hostile stick', () => {
  it('rejects a manifest that links elsewhere without showing its bytes', async () => {
    const secret = path.join(caseDir, 'shadow');
    writeFileSync(secret, 'root:*:20200:0:99999:7:::');
    const folder = path.join(usbRoot, 'KINGSTON', USB_BUNDLES_FOLDER, REGION);
    mkdirSync(folder, { recursive: true });
    symlinkSync(secret, path.join(folder, 'manifest.json'));
    const result = await runAction(adminService(), 'import-usb');

    expect(result).toMatchObject({ status: 'failed', code: 'not-regular-file' });
    expect(detailOf(result)).toContain('a symbolic link');
    expect(detailOf(result)).not.toContain('root:');
  });
});

describe('network-check', () => {
  it('reports every address reachable', async () => {
    const source = await serve((request, response) => {
      response.writeHead(request.url === '/bundle/manifest.json' ? 200 : 404).end('{}');
    });
    const receiver = await serve((_request, response) => response.writeHead(405).end());
    const service = adminService({ loaded: withNetwork(`${source}/bundle`, `${receiver}/reports`, `${receiver}/heartbeats`) });

    expect(await runAction(service, 'network-check')).toEqual({
      status: 'done',
      code: 'reachable',
      detail: [
        `sync-source ${source}/bundle/manifest.json: HTTP 200`,
        `report-upload ${receiver}/reports: HTTP 405`,
        `heartbeat ${receiver}/heartbeats: HTTP 405`,
      ].join('\n'),
    });
  });

  it('reports a missing manifest, a refused connection and a silent server', async () => {
    const source = await serve((_request, response) => response.writeHead(404).end());
    const closedPort = await freePort();
    // Accepts the connection and never responds.
    const silent = await serve(() => undefined);
    const service = adminService({
      loaded: withNetwork(`${source}/bundle/`, `http://127.0.0.1:${closedPort}/reports`, `${silent}/heartbeats`),
      networkTimeoutMs: 500,
    });
    const result = await runAction(service, 'network-check');

    expect(result).toMatchObject({ status: 'failed', code: 'unreachable' });
    const lines = detailOf(result).split('\n');
    expect(lines[0]).toBe(`sync-source ${source}/bundle/manifest.json: HTTP 404`);
    expect(lines[1]).toMatch(new RegExp(`^report-upload http://127\\.0\\.0\\.1:${closedPort}/reports: connection refused`));
    expect(lines[2]).toBe(`heartbeat ${silent}/heartbeats: timed out: no response within 500 ms`);
  });

  it('has nothing to check for a folder source', async () => {
    expect(await runAction(adminService(), 'network-check')).toMatchObject({ status: 'done', code: 'nothing-to-check' });
  });
});

describe('test-print', () => {
  it('prints the test page through the host printer', async () => {
    const outDir = path.join(caseDir, 'printed');
    const printing = { ...loaded, config: { ...loaded.config, printer: { enabled: true, layout: 'a4' as const } } };
    const result = await runAction(adminService({ loaded: printing, printOutput: createPdfPrinter({ outDir }) }), 'test-print');

    expect(result).toMatchObject({ status: 'done', code: 'printed' });
    const files = readdirSync(outDir);
    expect(files).toHaveLength(1);
    expect(detailOf(result)).toBe(`a4 on ${files[0]}`);
  }, 60_000);

  it('fails when the printer fails', async () => {
    const printing = { ...loaded, config: { ...loaded.config, printer: { enabled: true, layout: 'a4' as const } } };
    const printOutput = createPdfPrinter({ outDir: path.join(caseDir, 'printed'), chromiumPath: path.join(caseDir, 'no-chromium') });
    const result = await runAction(adminService({ loaded: printing, printOutput }), 'test-print');

    expect(result).toMatchObject({ status: 'failed', code: 'failed' });
    expect(detailOf(result)).toContain('no-chromium');
  });

  it('fails as not-configured without a printer', async () => {
    expect(await runAction(adminService(), 'test-print')).toMatchObject({ status: 'failed', code: 'not-configured' });
  });
});

describe('exit-to-desktop', () => {
  it('asks the host to exit and ends the session', async () => {
    const service = adminService();
    const token = await unlocked(service);

    expect(await service.adminAction({ token, action: 'exit-to-desktop' })).toMatchObject({ status: 'done', code: 'exiting' });
    expect(exits).toBe(1);
    expect(await service.adminDiagnostics({ token })).toEqual({ status: 'expired' });
  });

  it('is not supported by a host that cannot exit', async () => {
    const result = await runAction(adminService({ host: { exitToDesktop: null } }), 'exit-to-desktop');

    expect(result).toMatchObject({ status: 'failed', code: 'not-supported' });
    expect(exits).toBe(0);
  });
});

function writeKioskLog(lines: string[]): void {
  mkdirSync(path.dirname(kioskLogPath(loaded.dataDir)), { recursive: true });
  writeFileSync(kioskLogPath(loaded.dataDir), lines.map((line) => `${line}\n`).join(''));
}

const PERSONAL_LINE = `{"level":40,"module":"lookup","msg":"lookup of ${ID_NUMBER} failed; caller ${PHONE}; card ${CARD}"}`;

describe('diagnostics', () => {
  it('describes the terminal after a sync', async () => {
    const service = adminService();
    const token = await unlocked(service);
    await service.adminAction({ token, action: 'sync-now' });
    await appendIncident(loaded.dataDir, 'renderer-gone', 'reason=crashed', new Date('2026-06-01T07:00:00Z'));
    await appendIncident(loaded.dataDir, 'hang', 'no heartbeat for 30 s', new Date('2026-06-01T07:10:00Z'));
    writeKioskLog([...Array.from({ length: 250 }, (_, index) => `{"level":30,"msg":"line ${index}"}`), PERSONAL_LINE]);

    const result = await service.adminDiagnostics({ token });
    if (result.status !== 'ok') throw new Error(`expected ok, got ${result.status}`);
    const { diagnostics } = result;

    expect(diagnostics).toMatchObject({
      terminalId: 'T-430121-01',
      terminalName: '测试终端',
      regionCode: REGION,
      versions: { app: '9.8.7', electron: null, chromium: null, node: process.versions.node },
      snapshot: { version: 1, expired: false },
      memory: { processBytes: 123_456_789 },
      printer: { state: 'ready', name: null, layout: null, detail: 'test printer' },
      outbox: { waiting: 0, lastError: null },
    });
    expect(diagnostics.lastSync).toMatchObject({ problems: [] });
    expect(diagnostics.lastSync?.at).toBe(diagnostics.lastSync?.succeededAt);
    expect(diagnostics.disk.path).toBe(loaded.dataDir);
    expect(diagnostics.disk.totalBytes).toBeGreaterThan(diagnostics.disk.freeBytes);
    expect(diagnostics.memory.systemTotalBytes).toBeGreaterThan(0);
    expect(diagnostics.incidents.map((incident) => incident.kind)).toEqual(['hang', 'renderer-gone']);
  });

  it('shows the newest 200 log lines, redacted', async () => {
    const service = adminService();
    writeKioskLog([...Array.from({ length: 250 }, (_, index) => `{"level":30,"msg":"line ${index}"}`), PERSONAL_LINE]);
    const result = await service.adminDiagnostics({ token: await unlocked(service) });
    const lines = result.status === 'ok' ? result.diagnostics.logLines : [];

    expect(lines).toHaveLength(200);
    expect(lines[0]).toBe('{"level":30,"msg":"line 51"}');
    expect(lines[199]).toBe(
      '{"level":40,"module":"lookup","msg":"lookup of [18 digits redacted] failed; caller [11 digits redacted]; card [19 digits redacted]"}',
    );
  });

  it('carries the last pass\'s failure and reason', async () => {
    const service = adminService({ loaded: { ...loaded, source: path.join(caseDir, 'no-such-bundle') } });
    const token = await unlocked(service);
    await service.adminAction({ token, action: 'sync-now' });
    const result = await service.adminDiagnostics({ token });
    const outcome = result.status === 'ok' ? result.diagnostics.lastSync?.outcome : undefined;

    expect(outcome).toMatchObject({ status: 'failed', reason: 'io' });
    expect(outcome?.detail).toContain('no-such-bundle');
  });

  it('shows the heartbeat queue when configured', async () => {
    const queue = openHeartbeatQueue(heartbeatQueuePath(loaded.dataDir), { maxQueued: 1 });
    try {
      for (const id of ['first', 'second']) {
        queue.enqueue((carried) => ({ id, body: Buffer.from(id), createdAt: NOW.getTime(), droppedHeartbeats: carried.droppedHeartbeats, incidents: 0, lastIncident: null }));
      }
      queue.recordFailure('second', NOW.getTime(), 'HTTP 503 unavailable');
    } finally {
      queue.close();
    }
    const service = adminService({ loaded: withNetwork(loaded.source, undefined, 'https://county.example/minsheng/heartbeats') });

    const result = await service.adminDiagnostics({ token: await unlocked(service) });

    expect(result).toMatchObject({ status: 'ok', diagnostics: { fleet: { waiting: 1, retrying: 1, dropped: 1, lastError: 'HTTP 503 unavailable', problem: null } } });
  });

  it('leaves out the heartbeat queue without config', async () => {
    const service = adminService();

    const result = await service.adminDiagnostics({ token: await unlocked(service) });

    expect(result.status).toBe('ok');
    expect(result.status === 'ok' && 'fleet' in result.diagnostics).toBe(false);
  });

  it('works before the first sync', async () => {
    const service = adminService();
    const result = await service.adminDiagnostics({ token: await unlocked(service) });

    expect(result).toMatchObject({ status: 'ok', diagnostics: { snapshot: null, lastSync: null, incidents: [], logLines: [] } });
  });
});

describe('export-logs', () => {
  function plugStick(): TmpfsMount {
    const stick = mountTmpfs(path.join(usbRoot, 'KINGSTON'), 8 * 1024 * 1024);
    sticks.push(stick);
    return stick;
  }

  it('writes the logs, incidents and diagnostics to the stick, redacted', async () => {
    const stick = plugStick();
    writeKioskLog(['{"level":30,"msg":"kiosk host starting"}', PERSONAL_LINE]);
    await appendIncident(loaded.dataDir, 'hang', `no heartbeat; last caller ${PHONE}`, NOW);
    const result = await runAction(adminService(), 'export-logs');

    const folder = path.join(stick.dir, EXPORT_FOLDER, 'T-430121-01-20260601T083015Z');
    expect(result).toEqual({ status: 'done', code: 'exported', detail: folder });
    expect(readdirSync(folder).sort()).toEqual(['diagnostics.json', 'incidents.jsonl', 'kiosk.log']);

    const log = readFileSync(path.join(folder, 'kiosk.log'), 'utf8');
    expect(log).toContain('kiosk host starting');
    expect(log).toContain('lookup of [18 digits redacted] failed');
    for (const file of readdirSync(folder)) {
      const text = readFileSync(path.join(folder, file), 'utf8');
      expect(text, file).not.toContain(ID_NUMBER);
      expect(text, file).not.toContain(PHONE);
      expect(text, file).not.toContain(CARD);
    }
    const diagnostics = JSON.parse(readFileSync(path.join(folder, 'diagnostics.json'), 'utf8')) as { terminalId: string; memory: { processBytes: number } };
    expect(diagnostics.terminalId).toBe('T-430121-01');
    expect(diagnostics.memory.processBytes).toBe(123_456_789);
  });

  it('fails with no-usb when nothing is mounted', async () => {
    // A plain folder where a stick would be mounted is not a stick.
    mkdirSync(path.join(usbRoot, 'KINGSTON'));

    expect(await runAction(adminService(), 'export-logs')).toMatchObject({ status: 'failed', code: 'no-usb' });
  });

  it('fails when the stick is pulled during the export', async () => {
    const stick = plugStick();
    writeKioskLog(['{"level":30,"msg":"kiosk host starting"}']);
    const service = adminService();
    const token = await unlocked(service);
    const current = await service.adminDiagnostics({ token });
    if (current.status !== 'ok') throw new Error('expected diagnostics');
    const result = await exportLogs({
      dataDir: loaded.dataDir,
      terminalId: 'T-430121-01',
      diagnostics: current.diagnostics,
      usbRoots: [usbRoot],
      now: NOW,
      afterFind: () => stick.detach(),
    });

    expect(result).toMatchObject({ status: 'failed', code: 'write-failed' });
    expect(detailOf(result)).toContain('removed during the export');
    expect(readdirSync(stick.dir)).toEqual([]);
  });

  it('leaves no folder behind on a full stick', async () => {
    const stick = mountTmpfs(path.join(usbRoot, 'KINGSTON'), 64 * 1024);
    sticks.push(stick);
    writeKioskLog(Array.from({ length: 4000 }, (_, index) => `{"level":30,"msg":"line ${index} of a long log"}`));
    const result = await runAction(adminService(), 'export-logs');

    expect(result).toMatchObject({ status: 'failed', code: 'write-failed' });
    expect(readdirSync(stick.dir)).toEqual([]);
  });

  it('fails with write-failed on a read-only stick', async () => {
    const stick = plugStick();
    stick.remountReadOnly();
    const result = await runAction(adminService(), 'export-logs');

    expect(result).toMatchObject({ status: 'failed', code: 'write-failed' });
    expect(detailOf(result)).toContain('EROFS');
  });
});
