// The browser host: the built renderer and the KioskApi over HTTP on loopback, for Chromium in
// kiosk mode, the county's preview and the end-to-end tests. It binds to 127.0.0.1 by default.
// On a loopback address it also rejects requests whose Host header is not a loopback name, so a
// web page that rebinds its DNS name to 127.0.0.1 cannot read the API.
import { realpathSync } from 'node:fs';
import { createServer } from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { AdminApi } from '../../src-shared/admin-api.js';
import { KIOSK_HTTP_PATHS } from '../../src-shared/kiosk-api.js';
import type { KioskApi } from '../../src-shared/kiosk-api.js';
import { createLogger } from '../core/log.js';
import { isAdminPath } from './admin-routes.js';
import { handleApi } from './api-routes.js';
import { sendText, setSecurityHeaders } from './http-responses.js';
import { serveStatic } from './static-files.js';

const log = createLogger('browser-host');

const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '::1']);

export interface BrowserHostOptions {
  api: KioskApi;
  /** The technician's admin screen; absent, the admin paths respond as for a terminal with none. */
  adminApi?: AdminApi;
  /** Folder of the built renderer (dist/renderer), containing index.html. */
  staticDir: string;
  /** 0 picks a free port. */
  port?: number;
  host?: string;
  /**
   * Called for each API request that a villager's tap causes, for the watchdog's busy flag. The
   * page's own background reads and the admin paths do not count (see isVillagerRequest).
   */
  onVillagerRequest?: () => void;
}

export interface BrowserHost {
  url: string;
  port: number;
  close(): Promise<void>;
}

// The page reads these without a tap: at start, and the snapshot every minute while at rest.
const BACKGROUND_PATHS: ReadonlySet<string> = new Set([KIOSK_HTTP_PATHS.getSettings, KIOSK_HTTP_PATHS.getSnapshotInfo]);

/**
 * True for an API path that means someone is at the screen. The admin paths are left out because
 * the admin session's own state counts for them.
 * NOTE: the attract loop reads notices through the board paths when it starts and after each
 * new snapshot, so those reads count too; they keep the flag true for one idle timeout at most.
 */
export function isVillagerRequest(rawPath: string): boolean {
  return !BACKGROUND_PATHS.has(rawPath) && !isAdminPath(rawPath);
}

function hostnameOf(hostHeader: string | undefined): string | null {
  if (!hostHeader) return null;
  try {
    return new URL(`http://${hostHeader}`).hostname.replace(/^\[|\]$/g, '');
  } catch {
    return null;
  }
}

export async function startBrowserHost(options: BrowserHostOptions): Promise<BrowserHost> {
  const host = options.host ?? '127.0.0.1';
  const staticDir = realpathSync(options.staticDir);
  const checkHostHeader = LOOPBACK_HOSTS.has(host);

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    setSecurityHeaders(response);

    if (checkHostHeader && !LOOPBACK_HOSTS.has(hostnameOf(request.headers.host) ?? '')) {
      sendText(response, 403, 'Forbidden: this host answers loopback names only.');
      return;
    }

    // Only the raw path is used: the query string is ignored and never logged.
    const rawPath = (request.url ?? '/').split('?')[0]!;
    if (rawPath === '/api' || rawPath.startsWith('/api/')) {
      if (options.onVillagerRequest && isVillagerRequest(rawPath)) options.onVillagerRequest();
      await handleApi(options.api, request, response, rawPath, log, options.adminApi);
      return;
    }
    await serveStatic(request, response, staticDir, rawPath);
  }

  const server = createServer((request, response) => {
    const started = performance.now();
    response.on('finish', () => {
      // Method, path and status only, because a lookup's body contains an ID number.
      log.info(
        {
          method: request.method,
          path: (request.url ?? '/').split('?')[0],
          status: response.statusCode,
          ms: Math.round(performance.now() - started),
        },
        'request',
      );
    });

    handle(request, response).catch((error: unknown) => {
      log.error({ err: error }, 'request failed');
      if (!response.headersSent) sendText(response, 500, 'Internal Server Error');
      else response.destroy();
    });
  });
  // Idle keep-alive sockets of the kiosk browser must not keep close() waiting.
  server.keepAliveTimeout = 5_000;

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });

  const port = (server.address() as AddressInfo).port;
  const urlHost = host.includes(':') ? `[${host}]` : host;
  const url = `http://${urlHost}:${port}/`;
  log.info({ url, staticDir }, 'browser host started');

  return {
    url,
    port,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => {
          if (error) reject(error);
          else {
            log.info({ url }, 'browser host stopped');
            resolve();
          }
        });
        server.closeAllConnections();
      }),
  };
}
