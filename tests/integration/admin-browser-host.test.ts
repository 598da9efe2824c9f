// The AdminApi over the browser host's real HTTP on 127.0.0.1, through the renderer's own HTTP
// client: unlock, diagnostics, an action and lock. Bad requests get 400, 405 and 415, and a host
// started without a config unlocks nothing.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ADMIN_HTTP_PATHS } from '../../src-shared/admin-api.js';
import type { AdminApi } from '../../src-shared/admin-api.js';
import { browserAdminHost } from '../../src-main/browser-host/admin-host.js';
import { startBrowserHost } from '../../src-main/browser-host/server.js';
import type { BrowserHost } from '../../src-main/browser-host/server.js';
import { createAdminService } from '../../src-main/core/admin/admin-service.js';
import { kioskSettingsOf } from '../../src-main/core/config.js';
import { createKioskService } from '../../src-main/core/kiosk-service.js';
import type { KioskService } from '../../src-main/core/kiosk-service.js';
import { checkedAdminApi, createHttpAdminApi } from '../../src-renderer/api/admin-client.js';
import { ServiceUnavailableError } from '../../src-renderer/api/kiosk-client.js';
import { ADMIN_PIN, makeAdminTerminal } from '../helpers/admin-terminal.js';
import type { AdminTerminal } from '../helpers/admin-terminal.js';
import { makeTempDir } from '../helpers/temp.js';

let temp: ReturnType<typeof makeTempDir>;
let terminal: AdminTerminal;
let staticDir: string;
let kiosk: KioskService;
let host: BrowserHost;
let bareHost: BrowserHost;
const originalFetch = globalThis.fetch;

async function post(base: BrowserHost, pathname: string, body: string, contentType = 'application/json'): Promise<{ status: number; text: string }> {
  const response = await originalFetch(new URL(pathname, base.url), { method: 'POST', headers: { 'Content-Type': contentType }, body });
  return { status: response.status, text: await response.text() };
}

/** Returns the renderer's checked HTTP client, with its page-relative paths sent to `base`. */
function clientOf(base: BrowserHost): AdminApi {
  globalThis.fetch = (input, init) => originalFetch(new URL(String(input), base.url), init);
  return checkedAdminApi(createHttpAdminApi());
}

beforeAll(async () => {
  temp = makeTempDir('minsheng-admin-host-');
  terminal = makeAdminTerminal(temp.dir);
  staticDir = path.join(temp.dir, 'renderer');
  mkdirSync(staticDir);
  writeFileSync(path.join(staticDir, 'index.html'), '<!doctype html><title>kiosk</title>');

  const { loaded } = terminal;
  kiosk = createKioskService({ dataDir: loaded.dataDir, settings: kioskSettingsOf(loaded.config) });
  const adminApi = createAdminService({
    loaded,
    kiosk,
    host: browserAdminHost({ printing: false, pdfDir: path.join(temp.dir, 'printed') }),
  });
  host = await startBrowserHost({ api: kiosk, adminApi, staticDir });
  bareHost = await startBrowserHost({ api: kiosk, staticDir });
});

beforeEach(() => {
  globalThis.fetch = originalFetch;
});

afterEach(() => {
  globalThis.fetch = originalFetch;
});

afterAll(async () => {
  await host?.close();
  await bareHost?.close();
  await kiosk?.close();
  temp?.remove();
});

describe('admin over HTTP', () => {
  it('unlocks, shows diagnostics, runs an action and locks', async () => {
    const api = clientOf(host);

    expect(await api.adminUnlock({ pin: '000000' })).toEqual({ status: 'wrong-pin', attemptsLeft: 2 });
    const unlocked = await api.adminUnlock({ pin: ADMIN_PIN });
    if (unlocked.status !== 'unlocked') throw new Error(`expected unlocked, got ${unlocked.status}`);
    const { token } = unlocked;

    const diagnostics = await api.adminDiagnostics({ token });
    expect(diagnostics).toMatchObject({
      status: 'ok',
      diagnostics: { terminalId: 'T-430121-01', versions: { electron: null }, printer: { state: 'not-configured' } },
    });
    expect(await api.adminAction({ token, action: 'sync-now' })).toMatchObject({ status: 'done', code: 'installed' });
    expect(await api.adminAction({ token, action: 'exit-to-desktop' })).toMatchObject({ status: 'failed', code: 'not-supported' });

    expect(await api.adminTouch({ token })).toEqual({ status: 'ok' });

    await expect(api.adminLock({ token })).resolves.toBeUndefined();
    expect(await api.adminDiagnostics({ token })).toEqual({ status: 'expired' });
    expect(await api.adminTouch({ token })).toEqual({ status: 'expired' });
  });

  it('responds to lock with 204', async () => {
    const response = await post(host, ADMIN_HTTP_PATHS.adminLock, JSON.stringify({ token: 't'.repeat(43) }));

    expect(response).toEqual({ status: 204, text: '' });
  });

  it('rejects an unknown action with 400', async () => {
    const response = await post(host, ADMIN_HTTP_PATHS.adminAction, JSON.stringify({ token: 't'.repeat(43), action: 'format-disk' }));

    expect(response.status).toBe(400);
    expect(JSON.parse(response.text)).toMatchObject({ error: 'invalid-request' });
    expect(response.text).toContain('action');
  });

  it('rejects a PIN that is not a string with 400', async () => {
    const response = await post(host, ADMIN_HTTP_PATHS.adminUnlock, JSON.stringify({ pin: 246810 }));

    expect(response.status).toBe(400);
    expect(response.text).not.toContain('246810');
  });

  it('rejects invalid JSON with 400', async () => {
    expect((await post(host, ADMIN_HTTP_PATHS.adminUnlock, '{"pin": ')).status).toBe(400);
  });

  it('rejects another content type with 415', async () => {
    expect((await post(host, ADMIN_HTTP_PATHS.adminUnlock, 'pin=246810', 'application/x-www-form-urlencoded')).status).toBe(415);
  });

  it('rejects GET with 405', async () => {
    const response = await originalFetch(new URL(ADMIN_HTTP_PATHS.adminDiagnostics, host.url));

    expect(response.status).toBe(405);
    expect(response.headers.get('allow')).toBe('POST');
  });

  it('turns an HTTP error into ServiceUnavailableError in the client', async () => {
    globalThis.fetch = (input, init) => originalFetch(new URL(String(input).replace('/api/admin/', '/api/nothing/'), host.url), init);

    await expect(checkedAdminApi(createHttpAdminApi()).adminUnlock({ pin: ADMIN_PIN })).rejects.toBeInstanceOf(ServiceUnavailableError);
  });
});

describe('admin over HTTP without a config', () => {
  it('unlocks nothing', async () => {
    const api = clientOf(bareHost);

    expect(await api.adminUnlock({ pin: ADMIN_PIN })).toEqual({ status: 'not-configured' });
    expect(await api.adminDiagnostics({ token: 't'.repeat(43) })).toEqual({ status: 'expired' });
  });
});
