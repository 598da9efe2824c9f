// A browser host over the board test snapshot, on 127.0.0.1 with a free port, shared by the
// tests of the host's board paths.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import { startBrowserHost } from '../../src-main/browser-host/server.js';
import type { BrowserHost } from '../../src-main/browser-host/server.js';
import { DEFAULT_KIOSK_SETTINGS } from '../../src-main/core/config.js';
import { createKioskService } from '../../src-main/core/kiosk-service.js';
import type { KioskService } from '../../src-main/core/kiosk-service.js';
import { writeBoardSnapshot } from './board-snapshot.js';
import { installSnapshotFile } from './installed-snapshot.js';
import { makeTempDir } from './temp.js';

export interface BoardHostSession {
  /** The test file's temporary folder, removed after its tests. */
  readonly tempDir: string;
  readonly url: string;
  readonly port: number;
  /** POSTs `body` to the host, as JSON unless it is already a string, and reads the JSON reply. */
  post(pathname: string, body: unknown, headers?: Record<string, string>): Promise<{ status: number; json: unknown }>;
}

/**
 * Registers hooks that install the board snapshot in a data folder, start a kiosk service and a
 * browser host over it before the file's tests, and stop both after them. The service's search
 * index is ready before the first test. Read the returned session only inside tests.
 */
export function useBoardHost(): BoardHostSession {
  let temp: ReturnType<typeof makeTempDir> | undefined;
  let service: KioskService | undefined;
  let host: BrowserHost | undefined;

  const started = (): { temp: ReturnType<typeof makeTempDir>; host: BrowserHost } => {
    if (!temp || !host) throw new Error('The board host is not running: use it only inside tests of the file that called useBoardHost().');
    return { temp, host };
  };

  beforeAll(async () => {
    temp = makeTempDir();
    const staticDir = path.join(temp.dir, 'renderer');
    mkdirSync(staticDir);
    writeFileSync(path.join(staticDir, 'index.html'), '<!doctype html><title>kiosk</title>');

    const file = path.join(temp.dir, 'boards.sqlite');
    writeBoardSnapshot(file);
    const dataDir = path.join(temp.dir, 'data');
    await installSnapshotFile(dataDir, file);

    service = createKioskService({ dataDir, settings: DEFAULT_KIOSK_SETTINGS });
    await service.searchIndexReady();
    host = await startBrowserHost({ api: service, staticDir });
  });

  afterAll(async () => {
    await host?.close();
    service?.close();
    temp?.remove();
  });

  return {
    get tempDir() {
      return started().temp.dir;
    },
    get url() {
      return started().host.url;
    },
    get port() {
      return started().host.port;
    },
    async post(pathname, body, headers = {}) {
      const response = await fetch(new URL(pathname, started().host.url), {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', ...headers },
        body: typeof body === 'string' ? body : JSON.stringify(body),
      });
      return { status: response.status, json: await response.json() };
    },
  };
}
