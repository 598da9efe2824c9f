// A hand-written stand-in for the parts of 'electron' the host uses, because the Electron
// binary cannot run in these tests. It records what the host requests of Electron (window options,
// handlers, registrations) and lets a test fire the events Electron would fire.
// Wire it per test file with: vi.mock('electron', () => import('../helpers/electron-stand-in.js'))
import { EventEmitter } from 'node:events';

type Handler = (...args: never[]) => unknown;

/** Everything the host registered or called, for assertions. */
export const recorded = {
  windows: [] as StandInBrowserWindow[],
  ipcHandlers: new Map<string, Handler>(),
  exposed: new Map<string, unknown>(),
  permissionRequestHandler: null as Handler | null,
  permissionCheckHandler: null as Handler | null,
  errorBoxes: [] as Array<{ title: string; content: string }>,
  applicationMenu: 'unset' as unknown,
  exitCodes: [] as number[],
  quitCalls: 0,
  invocations: [] as Array<{ channel: string; args: unknown[] }>,
};

/** What ipcRenderer.invoke returns; a test sets it to play the main process. */
export const rendererSide = {
  reply: (_channel: string, ..._args: unknown[]): unknown => undefined,
};

/**
 * How webContents.print calls back; a test sets it to play the printer. Null means the callback
 * never comes, as with a printer driver that hangs.
 */
export const printerSide = {
  reply: (_options: Record<string, unknown>): [success: boolean, failureReason: string] | null => [true, ''],
};

export class StandInWebContents extends EventEmitter {
  windowOpenHandler: Handler | null = null;
  loadedUrls: string[] = [];
  reloads = 0;
  printRequests: Array<Record<string, unknown>> = [];

  setWindowOpenHandler(handler: Handler): void {
    this.windowOpenHandler = handler;
  }

  async loadURL(url: string): Promise<void> {
    this.loadedUrls.push(url);
  }

  reload(): void {
    this.reloads += 1;
  }

  // Electron calls back after the job is spooled, never before print() returns.
  print(options: Record<string, unknown>, callback: (success: boolean, failureReason: string) => void): void {
    this.printRequests.push(options);
    const reply = printerSide.reply(options);
    if (reply) setImmediate(() => callback(...reply));
  }

  /** Emits an event with an event object whose preventDefault is recorded. */
  fire(event: string, ...args: unknown[]): { defaultPrevented: boolean } {
    const eventObject = {
      defaultPrevented: false,
      preventDefault() {
        eventObject.defaultPrevented = true;
      },
    };
    this.emit(event, eventObject, ...args);
    return eventObject;
  }
}

export class StandInBrowserWindow extends EventEmitter {
  readonly webContents = new StandInWebContents();
  shown = false;
  focused = false;
  destroyed = false;

  constructor(readonly options: Record<string, unknown>) {
    super();
    recorded.windows.push(this);
  }

  loadURL(url: string): Promise<void> {
    return this.webContents.loadURL(url);
  }

  show(): void {
    this.shown = true;
  }

  focus(): void {
    this.focused = true;
  }

  isMinimized(): boolean {
    return false;
  }

  restore(): void {}

  isDestroyed(): boolean {
    return this.destroyed;
  }

  close(): void {
    this.destroy();
  }

  destroy(): void {
    if (this.destroyed) return;
    this.destroyed = true;
    this.emit('closed');
  }
}

class StandInApp extends EventEmitter {
  hasLock = true;
  appPath = '/opt/minsheng-kiosk';
  requestSingleInstanceLock(): boolean {
    return this.hasLock;
  }

  // The tests start the host after Electron would have become ready.
  whenReady(): Promise<void> {
    return Promise.resolve();
  }

  getAppPath(): string {
    return this.appPath;
  }

  quit(): void {
    recorded.quitCalls += 1;
    this.emit('before-quit', { preventDefault() {} });
    this.emit('will-quit', { preventDefault() {} });
  }

  exit(code = 0): void {
    recorded.exitCodes.push(code);
  }
}

export const app = new StandInApp();

export const BrowserWindow = StandInBrowserWindow;

export const ipcMain = {
  handle(channel: string, handler: Handler): void {
    if (recorded.ipcHandlers.has(channel)) {
      throw new Error(`Attempted to register a second handler for '${channel}'`);
    }
    recorded.ipcHandlers.set(channel, handler);
  },
  removeHandler(channel: string): void {
    recorded.ipcHandlers.delete(channel);
  },
};

export const ipcRenderer = {
  async invoke(channel: string, ...args: unknown[]): Promise<unknown> {
    recorded.invocations.push({ channel, args });
    return rendererSide.reply(channel, ...args);
  },
};

export const contextBridge = {
  exposeInMainWorld(key: string, api: unknown): void {
    recorded.exposed.set(key, api);
  },
};

export const dialog = {
  showErrorBox(title: string, content: string): void {
    recorded.errorBoxes.push({ title, content });
  },
};

export const Menu = {
  setApplicationMenu(menu: unknown): void {
    recorded.applicationMenu = menu;
  },
};

export const session = {
  defaultSession: {
    setPermissionRequestHandler(handler: Handler | null): void {
      recorded.permissionRequestHandler = handler;
    },
    setPermissionCheckHandler(handler: Handler | null): void {
      recorded.permissionCheckHandler = handler;
    },
  },
};

/** Clears recordings between tests; app events and window lists start empty again. */
export function resetStandIn(): void {
  recorded.windows.length = 0;
  recorded.ipcHandlers.clear();
  recorded.exposed.clear();
  recorded.permissionRequestHandler = null;
  recorded.permissionCheckHandler = null;
  recorded.errorBoxes.length = 0;
  recorded.applicationMenu = 'unset';
  recorded.exitCodes.length = 0;
  recorded.quitCalls = 0;
  recorded.invocations.length = 0;
  rendererSide.reply = () => undefined;
  printerSide.reply = () => [true, ''];
  app.removeAllListeners();
  app.hasLock = true;
}

export default { app, BrowserWindow, ipcMain, ipcRenderer, contextBridge, dialog, Menu, session };
