// The renderer's one way to reach its host: the Electron preload's window.kioskApi when present,
// else HTTP to the browser host on the same origin. Every value is parsed with the shared zod
// schemas whichever host returned it. Any failure becomes ServiceUnavailableError, which the
// screens turn into a "please ask staff" message.
import {
  KIOSK_HTTP_PATHS,
  KioskSettingsSchema,
  LookupResultSchema,
  SnapshotInfoSchema,
} from '../../src-shared/kiosk-api.js';
import type { KioskApi, KioskSettings, LookupResult, SnapshotInfo } from '../../src-shared/kiosk-api.js';

declare global {
  interface Window {
    /** Exposed by the Electron preload; absent in a plain browser. */
    kioskApi?: KioskApi;
  }
}

export class ServiceUnavailableError extends Error {
  constructor(operation: string, cause: unknown) {
    super(`kiosk service call ${operation} failed: ${(cause as Error)?.message ?? String(cause)}`, { cause });
    this.name = 'ServiceUnavailableError';
  }
}

async function fetchJson(path: string, init?: RequestInit): Promise<unknown> {
  const response = await fetch(path, { ...init, cache: 'no-store', credentials: 'same-origin' });
  if (!response.ok) throw new Error(`HTTP ${response.status} from ${path}`);
  return response.json();
}

/** KioskApi over HTTP against the browser host serving this page. */
export function createHttpKioskApi(): KioskApi {
  return {
    getSettings: () => fetchJson(KIOSK_HTTP_PATHS.getSettings) as Promise<KioskSettings>,
    getSnapshotInfo: () => fetchJson(KIOSK_HTTP_PATHS.getSnapshotInfo) as Promise<SnapshotInfo | null>,
    lookupHousehold: (idNumber: string) =>
      fetchJson(KIOSK_HTTP_PATHS.lookupHousehold, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ idNumber }),
      }) as Promise<LookupResult>,
  };
}

async function parsedCall<T>(operation: string, call: () => Promise<unknown>, parse: (value: unknown) => T): Promise<T> {
  try {
    return parse(await call());
  } catch (error) {
    throw new ServiceUnavailableError(operation, error);
  }
}

/** Wraps any KioskApi so that every result is schema-checked and every failure is typed. */
export function checkedKioskApi(source: KioskApi): KioskApi {
  return {
    getSettings: () => parsedCall('getSettings', () => source.getSettings(), (value) => KioskSettingsSchema.parse(value)),
    getSnapshotInfo: () =>
      parsedCall('getSnapshotInfo', () => source.getSnapshotInfo(), (value) => SnapshotInfoSchema.nullable().parse(value)),
    lookupHousehold: (idNumber: string) =>
      parsedCall('lookupHousehold', () => source.lookupHousehold(idNumber), (value) => LookupResultSchema.parse(value)),
  };
}

/** Picks the preload's API inside Electron, HTTP otherwise. */
export function selectKioskApi(host: Pick<Window, 'kioskApi'> = window): KioskApi {
  return checkedKioskApi(host.kioskApi ?? createHttpKioskApi());
}
