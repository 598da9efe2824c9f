// Calls to the IPC handlers a host registered on the electron stand-in, as Electron's ipcMain
// would make them for a renderer frame.
import { recorded } from './electron-stand-in.js';

export type IpcInvoke = (event: unknown, ...args: unknown[]) => Promise<unknown>;

/** Returns the invoke event of a call from the frame at `url`; `parent` null is a top frame. */
export function fromFrame(url: string, parent: unknown = null): { senderFrame: { url: string; parent: unknown } } {
  return { senderFrame: { url, parent } };
}

/** Returns the handler registered for `channel`; throws when none is. */
export function ipcHandlerOf(channel: string): IpcInvoke {
  const handler = recorded.ipcHandlers.get(channel);
  if (!handler) throw new Error(`no handler for ${channel}`);
  return async (event, ...args) => handler(...([event, ...args] as never[]));
}
