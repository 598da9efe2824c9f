// The renderer's way to the AdminApi, beside the KioskApi: the Electron preload's
// window.adminApi when present, else HTTP to the browser host on the same origin. Every value is
// parsed with the shared schemas. Any failure becomes ServiceUnavailableError, as for the KioskApi.
import { ADMIN_HTTP_PATHS, ADMIN_RESULT_SCHEMAS as RESULTS } from '../../src-shared/admin-api.js';
import type { AdminApi } from '../../src-shared/admin-api.js';
import { ServiceUnavailableError } from './kiosk-client.js';

declare global {
  interface Window {
    /** Exposed by the Electron preload; absent in a plain browser. */
    adminApi?: AdminApi;
  }
}

/** POSTs a request as JSON; the lock's 204 has no body and returns undefined. */
async function post(path: string, body: unknown): Promise<unknown> {
  const response = await fetch(path, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
    cache: 'no-store',
    credentials: 'same-origin',
  });
  if (!response.ok) throw new Error(`HTTP ${response.status} from ${path}`);
  return response.status === 204 ? undefined : response.json();
}

/** AdminApi over HTTP against the browser host serving this page, unchecked: checkedAdminApi parses the values. */
export function createHttpAdminApi(): { [M in keyof AdminApi]: (request: Parameters<AdminApi[M]>[0]) => Promise<unknown> } {
  return {
    adminUnlock: (request) => post(ADMIN_HTTP_PATHS.adminUnlock, request),
    adminDiagnostics: (request) => post(ADMIN_HTTP_PATHS.adminDiagnostics, request),
    adminAction: (request) => post(ADMIN_HTTP_PATHS.adminAction, request),
    adminTouch: (request) => post(ADMIN_HTTP_PATHS.adminTouch, request),
    adminLock: (request) => post(ADMIN_HTTP_PATHS.adminLock, request),
  };
}

type UncheckedAdminApi = ReturnType<typeof createHttpAdminApi>;

/** Wraps an AdminApi so that every result is schema-checked and every failure is ServiceUnavailableError. */
export function checkedAdminApi(source: AdminApi | UncheckedAdminApi): AdminApi {
  function checked<M extends keyof AdminApi>(method: M): AdminApi[M] {
    const call = source[method] as (this: unknown, request: Parameters<AdminApi[M]>[0]) => Promise<unknown>;
    return (async (request: Parameters<AdminApi[M]>[0]) => {
      try {
        return RESULTS[method].parse(await call.call(source, request));
      } catch (error) {
        throw new ServiceUnavailableError(method, error);
      }
    }) as AdminApi[M];
  }

  return {
    adminUnlock: checked('adminUnlock'),
    adminDiagnostics: checked('adminDiagnostics'),
    adminAction: checked('adminAction'),
    adminTouch: checked('adminTouch'),
    adminLock: checked('adminLock'),
  };
}

/** Picks the preload's AdminApi inside Electron, HTTP otherwise. */
export function selectAdminApi(host: Pick<Window, 'adminApi'> = window): AdminApi {
  return checkedAdminApi(host.adminApi ?? createHttpAdminApi());
}
