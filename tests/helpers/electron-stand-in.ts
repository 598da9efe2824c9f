// A hand-written stand-in for the parts of 'electron' the host uses, because the Electron
// binary cannot run in these tests. It records what the host requests of Electron (window options,
// handlers, registrations) and lets a test fire the events Electron would fire.
// Wire it per test file with: vi.mock('electron', () => import('../helpers/electron-stand-in.js'))
import { EventEmitter } from 'node:events';
import type { Input } from 'electron';

type Handler = (...args: never[]) => unknown;

/** Everything the host registered or called, for assertions. */
export const recorded = {
  windows: [] as StandInBrowserWindow[],
  ipcHandlers: new Map<string, Handler>(),
  exposed: new Map<string, unknown>(),
  permissionRequestHandler: null as Handler | null,
  permissionCheckHandler: null as Handler | null,
  devicePermissionHandler: null as Handler | null,
  hardwareAccelerationDisabled: false,
  powerSaveBlockers: new Map<number, string>(),
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

/** The height in CSS px that the stand-in debugger reports for a page's <html> element. */
export const devtoolsSide = {
  contentHeightPx: 600,
};

/** The event object Electron passes first to a cancellable event; preventDefault is recorded. */
export function cancellableEvent<T extends object>(fields: T = {} as T): T & { defaultPrevented: boolean; preventDefault(): void } {
  const eventObject = {
    ...fields,
    defaultPrevented: false,
    preventDefault() {
      eventObject.defaultPrevented = true;
    },
  };
  return eventObject;
}

/**
 * An Input as Electron's before-input-event passes it: key and code as KeyboardEvent reports
 * them, the four modifier flags, and the modifier names ('shift', 'control', 'alt', 'meta').
 */
export function keyboardInput(
  key: string,
  code: string,
  modifiers: { control?: boolean; shift?: boolean; alt?: boolean; meta?: boolean } = {},
  type: 'keyDown' | 'keyUp' = 'keyDown',
): Input {
  const flags = { control: false, shift: false, alt: false, meta: false, ...modifiers };
  return {
    type,
    key,
    code,
    isAutoRepeat: false,
    isComposing: false,
    ...flags,
    location: 0,
    modifiers: (['shift', 'control', 'alt', 'meta'] as const).filter((name) => flags[name]),
  };
}

/**
 * webContents.debugger. It returns what Chromium returns to the DOM commands of a print job for
 * a page whose <html> element is devtoolsSide.contentHeightPx high, and rejects other commands.
 */
export class StandInDebugger {
  attached = false;
  commands: Array<{ method: string; params: unknown }> = [];

  attach(_protocolVersion?: string): void {
    if (this.attached) throw new Error('Debugger is already attached to the target');
    this.attached = true;
  }

  detach(): void {
    this.attached = false;
  }

  async sendCommand(method: string, params?: Record<string, unknown>): Promise<unknown> {
    if (!this.attached) throw new Error('No target available');
    this.commands.push({ method, params });

    const height = devtoolsSide.contentHeightPx;
    switch (method) {
      case 'DOM.getDocument':
        return { root: { nodeId: 1, nodeName: '#document' } };
      case 'DOM.querySelector':
        return { nodeId: 2 };
      case 'DOM.getBoxModel':
        return { model: { border: [0, 0, 800, 0, 800, height, 0, height], width: 800, height: Math.round(height) } };
      default:
        throw new Error(`'${method}' wasn't found`);
    }
  }
}

export class StandInWebContents extends EventEmitter {
  readonly debugger = new StandInDebugger();
  windowOpenHandler: Handler | null = null;
  loadedUrls: string[] = [];
  reloads = 0;
  printRequests: Array<Record<string, unknown>> = [];
  insertedCss: Array<{ css: string; options: unknown }> = [];
  visualZoomLevelLimits: [number, number] | null = null;
  devToolsClosed = 0;
  forcedCrashes = 0;

  setWindowOpenHandler(handler: Handler): void {
    this.windowOpenHandler = handler;
  }

  async loadURL(url: string): Promise<void> {
    this.loadedUrls.push(url);
  }

  reload(): void {
    this.reloads += 1;
  }

  async insertCSS(css: string, options?: unknown): Promise<string> {
    this.insertedCss.push({ css, options });
    return `key-${this.insertedCss.length}`;
  }

  async setVisualZoomLevelLimits(minimumLevel: number, maximumLevel: number): Promise<void> {
    this.visualZoomLevelLimits = [minimumLevel, maximumLevel];
  }

  closeDevTools(): void {
    this.devToolsClosed += 1;
  }

  // Electron documents that the kill ends in render-process-gone with reason 'killed' (or 'crashed').
  forcefullyCrashRenderer(): void {
    this.forcedCrashes += 1;
    setImmediate(() => this.emit('render-process-gone', cancellableEvent(), { reason: 'killed', exitCode: 9 }));
  }

  // Electron calls back after the job is spooled, never before print() returns.
  print(options: Record<string, unknown>, callback: (success: boolean, failureReason: string) => void): void {
    this.printRequests.push(options);
    const reply = printerSide.reply(options);
    if (reply) setImmediate(() => callback(...reply));
  }

  /** Emits an event with an event object whose preventDefault is recorded. */
  fire(event: string, ...args: unknown[]): { defaultPrevented: boolean } {
    const eventObject = cancellableEvent();
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
    app.emit('web-contents-created', cancellableEvent(), this.webContents);
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

  // Like Electron: 'close' comes first, and a listener that prevents it keeps the window open.
  close(): void {
    if (this.destroyed) return;
    const event = cancellableEvent();
    this.emit('close', event);
    if (!event.defaultPrevented) this.destroy();
  }

  destroy(): void {
    if (this.destroyed) return;
    this.destroyed = true;
    this.emit('closed');
  }
}

/** One process of app.getAppMetrics(); memory sizes in kilobytes, as Electron reports them. */
export interface StandInProcessMetric {
  pid: number;
  type: string;
  memory: { workingSetSize: number; peakWorkingSetSize: number };
}

class StandInApp extends EventEmitter {
  hasLock = true;
  appPath = '/opt/minsheng-kiosk';
  /** False as under `npm start`; true plays an installed package. */
  isPackaged = false;
  /** What app.getPath returns per name; a name missing here throws, as Electron does for an unknown one. */
  paths: Record<string, string> = { appData: '/home/kiosk/.config' };
  ready = false;
  metrics: StandInProcessMetric[] = [{ pid: process.pid, type: 'Browser', memory: { workingSetSize: 100_000, peakWorkingSetSize: 120_000 } }];

  requestSingleInstanceLock(): boolean {
    return this.hasLock;
  }

  // The app becomes ready on the host's first whenReady(), as if Electron were about to be ready.
  whenReady(): Promise<void> {
    this.ready = true;
    return Promise.resolve();
  }

  isReady(): boolean {
    return this.ready;
  }

  // Electron allows this only before 'ready'; the stand-in throws after it, so a late call fails a test.
  disableHardwareAcceleration(): void {
    if (this.ready) throw new Error('app.disableHardwareAcceleration() can only be called before app is ready');
    recorded.hardwareAccelerationDisabled = true;
  }

  getAppMetrics(): StandInProcessMetric[] {
    return this.metrics;
  }

  getAppPath(): string {
    return this.appPath;
  }

  getPath(name: string): string {
    const found = this.paths[name];
    if (found === undefined) throw new Error(`Failed to get '${name}' path`);
    return found;
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

class StandInSession extends EventEmitter {
  setPermissionRequestHandler(handler: Handler | null): void {
    recorded.permissionRequestHandler = handler;
  }

  setPermissionCheckHandler(handler: Handler | null): void {
    recorded.permissionCheckHandler = handler;
  }

  setDevicePermissionHandler(handler: Handler | null): void {
    recorded.devicePermissionHandler = handler;
  }
}

export const session = { defaultSession: new StandInSession() };

let nextBlockerId = 1;

export const powerSaveBlocker = {
  start(type: string): number {
    const id = nextBlockerId++;
    recorded.powerSaveBlockers.set(id, type);
    return id;
  },
  stop(id: number): boolean {
    return recorded.powerSaveBlockers.delete(id);
  },
  isStarted(id: number): boolean {
    return recorded.powerSaveBlockers.has(id);
  },
};

/** Clears recordings between tests; app events and window lists start empty again. */
export function resetStandIn(): void {
  recorded.windows.length = 0;
  recorded.ipcHandlers.clear();
  recorded.exposed.clear();
  recorded.permissionRequestHandler = null;
  recorded.permissionCheckHandler = null;
  recorded.devicePermissionHandler = null;
  recorded.hardwareAccelerationDisabled = false;
  recorded.powerSaveBlockers.clear();
  recorded.errorBoxes.length = 0;
  recorded.applicationMenu = 'unset';
  recorded.exitCodes.length = 0;
  recorded.quitCalls = 0;
  recorded.invocations.length = 0;
  rendererSide.reply = () => undefined;
  printerSide.reply = () => [true, ''];
  devtoolsSide.contentHeightPx = 600;
  app.removeAllListeners();
  app.hasLock = true;
  app.isPackaged = false;
  app.paths = { appData: '/home/kiosk/.config' };
  app.ready = false;
  app.metrics = [{ pid: process.pid, type: 'Browser', memory: { workingSetSize: 100_000, peakWorkingSetSize: 120_000 } }];
  session.defaultSession.removeAllListeners();
}

export default { app, BrowserWindow, ipcMain, ipcRenderer, contextBridge, dialog, Menu, session, powerSaveBlocker };
