// Electron passes a rejected ipcMain.handle call to the renderer as a plain Error whose message
// is "Error invoking remote method '<channel>': " and the main-side error's toString(), as
// Electron's lib/renderer/api/ipc-renderer.ts and the main-side replyWithError build it. The
// renderer client must see main's own rejections of a draft in that message, and only those.
import type { IpcMain } from 'electron';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { KioskApi } from '../../src-shared/kiosk-api.js';
import { REPORTS_CHANNELS } from '../../src-shared/reports-api.js';
import { parseReportDraft } from '../../src-main/core/reports/file-report.js';
import { checkedKioskApi, RequestRejectedError, ServiceUnavailableError } from '../../src-renderer/api/kiosk-client.js';
import { memoryKioskApi } from '../helpers/memory-kiosk-api.js';
import { DRAFT } from './reports-fixture.js';

vi.mock('electron', () => import('../helpers/electron-stand-in.js'));

const standIn = await import('../helpers/electron-stand-in.js');
const { registerKioskIpc } = await import('../../src-main/electron/ipc.js');

const PAGE = 'file:///opt/minsheng-kiosk/dist/renderer/index.html';
const OWN_PAGE = { senderFrame: { url: PAGE, parent: null } };

let unregister: () => void;

beforeEach(() => {
  standIn.resetStandIn();
  unregister = registerKioskIpc(standIn.ipcMain as unknown as IpcMain, memoryKioskApi(), PAGE);
});

afterEach(() => unregister());

/** The error ipcRenderer.invoke rejects with when main's handler throws `error`. */
function asInvokeError(channel: string, error: unknown): Error {
  return new Error(`Error invoking remote method '${channel}': ${String(error)}`);
}

/** The error main's real fileReport handler throws for `draft`. */
async function handlerError(draft: unknown): Promise<unknown> {
  const handler = standIn.recorded.ipcHandlers.get(REPORTS_CHANNELS.fileReport)!;
  try {
    await handler(...([OWN_PAGE, draft] as never[]));
  } catch (error) {
    return error;
  }
  throw new Error('expected the handler to reject the draft');
}

/** Returns a KioskApi whose fileReport rejects with `error`, as the preload passes on what ipcRenderer.invoke throws. */
function rejectingApi(error: Error): KioskApi {
  return { ...memoryKioskApi(), fileReport: () => Promise.reject(error) };
}

describe('IPC rejection in the renderer client', () => {
  it('types an argument rejection as RequestRejectedError', async () => {
    const rejection = await handlerError({ ...DRAFT, consent: false });
    const api = checkedKioskApi(rejectingApi(asInvokeError(REPORTS_CHANNELS.fileReport, rejection)));

    await expect(api.fileReport(DRAFT)).rejects.toBeInstanceOf(RequestRejectedError);
  });

  it("types core's draft rejection as RequestRejectedError", async () => {
    let rejection: unknown;
    try {
      parseReportDraft({ ...DRAFT, text: '\u200b\u200b' });
    } catch (error) {
      rejection = error;
    }
    const api = checkedKioskApi(rejectingApi(asInvokeError(REPORTS_CHANNELS.fileReport, rejection)));

    await expect(api.fileReport(DRAFT)).rejects.toBeInstanceOf(RequestRejectedError);
  });

  it('keeps other main-side errors as ServiceUnavailableError', async () => {
    const api = checkedKioskApi(rejectingApi(asInvokeError(REPORTS_CHANNELS.fileReport, new Error('SQLITE_BUSY: database is locked'))));
    const failed = api.fileReport(DRAFT);

    await expect(failed).rejects.toBeInstanceOf(ServiceUnavailableError);
    await expect(failed).rejects.not.toBeInstanceOf(RequestRejectedError);
  });
});
