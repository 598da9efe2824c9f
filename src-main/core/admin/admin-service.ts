// The AdminApi that both hosts serve: the PIN-protected diagnostics and technician actions.
// Every call but the unlock needs the open session's token. A call with any other token returns
// 'expired', so the screen goes back to the PIN pad. The host's own parts (its memory, its
// printer, the exit) come in through AdminHost.
import {
  ADMIN_SYNC_WAIT_SECONDS,
  AdminActionRequestSchema,
  AdminTokenRequestSchema,
  AdminUnlockRequestSchema,
} from '../../../src-shared/admin-api.js';
import type { AdminAction, AdminActionResult, AdminApi, Diagnostics } from '../../../src-shared/admin-api.js';
import type { KioskApi } from '../../../src-shared/kiosk-api.js';
import type { LoadedConfig } from '../config.js';
import { createLogger } from '../log.js';
import { readAppVersion } from '../package-info.js';
import { syncPassFor } from '../sync/config-pass.js';
import type { SyncOutcome } from '../sync/sync.js';
import { DEFAULT_USB_ROOTS, findUsbBundleFolder, UsbNotRegularError } from '../sync/usb-source.js';
import { SourceError } from '../sync/source.js';
import { createAdminSession } from './admin-session.js';
import { collectDiagnostics } from './diagnostics.js';
import type { PrinterStatus } from './diagnostics.js';
import { exportLogs } from './export-logs.js';
import { checkNetwork, networkTargetsOf, NETWORK_CHECK_TIMEOUT_MS } from './network-check.js';
import { syncActionResult } from './sync-result.js';

const log = createLogger('admin-service');

const MAX_DETAIL_LENGTH = 2000;

export interface AdminHost {
  /** Bytes used by the kiosk's processes together (Electron: app.getAppMetrics()). */
  processMemoryBytes(): number | Promise<number>;
  printerStatus(): Promise<PrinterStatus>;
  /** The app's version; default: package.json's. */
  appVersion?: string;
  /** One sync pass from the configured source; default: the same pass the periodic sync runs. */
  syncNow?: () => Promise<SyncOutcome | null>;
  /**
   * Closes the kiosk for the technician, or null where the host cannot (the browser host). It is
   * called before the action's result is returned, so the host must let that result reach the
   * screen before it exits.
   */
  exitToDesktop: (() => void) | null;
}

export interface AdminServiceOptions {
  loaded: LoadedConfig;
  /** The kiosk service, for the snapshot's details and the test page. */
  kiosk: Pick<KioskApi, 'getSnapshotInfo' | 'print'>;
  host: AdminHost;
  /** Folders under which USB sticks are mounted; default /media, /run/media, /mnt. */
  usbRoots?: string[];
  networkTimeoutMs?: number;
  /** How long sync-now and import-usb wait for their pass; default ADMIN_SYNC_WAIT_SECONDS. */
  syncWaitMs?: number;
  /** The terminal's clock; tests set it. */
  clock?: () => Date;
  /** Milliseconds on a clock that never goes back, for the token's idle expiry; tests set it. */
  monotonicMs?: () => number;
}

export type AdminService = AdminApi & {
  /** Whether an admin session is open: the watchdog's daily restart waits while one is. */
  sessionOpen(): boolean;
};

export function createAdminService(options: AdminServiceOptions): AdminService {
  const { loaded, kiosk, host } = options;
  const clock = options.clock ?? (() => new Date());
  const usbRoots = options.usbRoots ?? DEFAULT_USB_ROOTS;
  const appVersion = host.appVersion ?? readAppVersion();
  const syncNow = host.syncNow ?? syncPassFor(loaded, createLogger('sync'));
  const session = createAdminSession({ admin: loaded.config.admin ?? null, dataDir: loaded.dataDir, clock, monotonicMs: options.monotonicMs });

  const syncWaitMs = options.syncWaitMs ?? ADMIN_SYNC_WAIT_SECONDS * 1000;

  /** Waits for a sync pass at most syncWaitMs; a longer pass goes on and its result is logged by the pass. */
  async function waitForPass(pass: Promise<SyncOutcome | null>): Promise<AdminActionResult> {
    let timer: NodeJS.Timeout | undefined;
    const waited = new Promise<AdminActionResult>((resolve) => {
      timer = setTimeout(
        () =>
          resolve({
            status: 'failed',
            code: 'still-running',
            detail: `no result within ${Math.round(syncWaitMs / 1000)} s; the sync pass goes on in the background, and its result shows under Sync when it ends`,
          }),
        syncWaitMs,
      );
    });
    try {
      return await Promise.race([pass.then(syncActionResult), waited]);
    } finally {
      clearTimeout(timer);
    }
  }

  function diagnostics(): Promise<Diagnostics> {
    return collectDiagnostics({ loaded, kiosk, host: { ...host, appVersion }, clock });
  }

  async function importFromUsb(): Promise<AdminActionResult> {
    let folder: string;
    try {
      folder = findUsbBundleFolder({ regionCode: loaded.config.regionCode, roots: usbRoots });
    } catch (error) {
      if (error instanceof UsbNotRegularError) return { status: 'failed', code: 'not-regular-file', detail: error.message.slice(0, MAX_DETAIL_LENGTH) };
      if (!(error instanceof SourceError) || error.kind !== 'not-found') throw error;
      return { status: 'failed', code: 'no-usb', detail: error.message.slice(0, MAX_DETAIL_LENGTH) };
    }
    return waitForPass(syncPassFor(loaded, createLogger('sync'), folder)());
  }

  async function testPrint(): Promise<AdminActionResult> {
    const result = await kiosk.print({ document: 'test', language: loaded.config.language });
    switch (result.status) {
      case 'printed':
        return { status: 'done', code: 'printed', detail: `${result.layout} on ${result.output}` };
      case 'not-configured':
        return { status: 'failed', code: 'not-configured', detail: 'the config has no printer section, or printer.enabled is false' };
      case 'failed':
        return { status: 'failed', code: 'failed', detail: result.reason };
    }
  }

  function exitToDesktop(token: string): AdminActionResult {
    const exit = host.exitToDesktop;
    if (exit === null) return { status: 'failed', code: 'not-supported', detail: 'the browser host cannot close its browser; close it from the system' };

    session.lock(token);
    exit();
    return { status: 'done', code: 'exiting', detail: 'the kiosk closes now; the supervisor does not restart it until it is started again' };
  }

  function runAction(action: AdminAction, token: string): Promise<AdminActionResult> | AdminActionResult {
    switch (action) {
      case 'sync-now':
        return waitForPass(syncNow());
      case 'network-check':
        return checkNetwork(networkTargetsOf(loaded), options.networkTimeoutMs ?? NETWORK_CHECK_TIMEOUT_MS);
      case 'test-print':
        return testPrint();
      case 'import-usb':
        return importFromUsb();
      case 'export-logs':
        return diagnostics().then((current) =>
          exportLogs({
            dataDir: loaded.dataDir,
            terminalId: loaded.config.terminalId,
            diagnostics: current,
            usbRoots,
            removableOnly: options.usbRoots === undefined,
            now: clock(),
          }),
        );
      case 'exit-to-desktop':
        return exitToDesktop(token);
    }
  }

  return {
    adminUnlock: (request) => session.unlock(AdminUnlockRequestSchema.parse(request).pin),

    async adminDiagnostics(request) {
      if (!session.authorize(AdminTokenRequestSchema.parse(request).token)) return { status: 'expired' };
      return { status: 'ok', diagnostics: await diagnostics() };
    },

    async adminAction(request) {
      const { token, action } = AdminActionRequestSchema.parse(request);
      const release = session.hold(token);
      if (release === null) return { status: 'expired' };

      log.info({ action }, 'admin action started');
      let result: AdminActionResult;
      try {
        result = await runAction(action, token);
      } catch (error) {
        log.error({ err: error, action }, 'admin action failed unexpectedly');
        result = { status: 'failed', code: 'internal', detail: String((error as Error).message ?? error).slice(0, MAX_DETAIL_LENGTH) };
      } finally {
        release();
      }
      if (result.status !== 'expired') log.info({ action, status: result.status, code: result.code }, 'admin action ended');
      return result;
    },

    async adminTouch(request) {
      return session.authorize(AdminTokenRequestSchema.parse(request).token) ? { status: 'ok' } : { status: 'expired' };
    },

    async adminLock(request) {
      session.lock(AdminTokenRequestSchema.parse(request).token);
    },

    sessionOpen: () => session.isOpen(),
  };
}

/** The AdminApi of a host started without a terminal config: nothing unlocks. */
export const UNCONFIGURED_ADMIN_API: AdminApi = {
  adminUnlock: async () => ({ status: 'not-configured' }),
  adminDiagnostics: async () => ({ status: 'expired' }),
  adminAction: async () => ({ status: 'expired' }),
  adminTouch: async () => ({ status: 'expired' }),
  adminLock: async () => undefined,
};
