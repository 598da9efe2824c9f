// A minimal Chrome DevTools Protocol client over the pipe that `chromium --remote-debugging-pipe`
// opens: Chromium reads commands from its file descriptor 3 and writes responses and events to
// descriptor 4, each message one JSON text ended by a NUL byte. It carries only what the PDF
// printer needs to measure a page, and no network port is opened.
import type { Readable, Writable } from 'node:stream';

// Responses to the few commands sent here are a few KiB; a longer message means a wrong peer.
const MAX_MESSAGE_BYTES = 4 * 1024 * 1024;

interface DevtoolsMessage {
  id?: number;
  method?: string;
  sessionId?: string;
  result?: unknown;
  error?: { message?: string };
}

export interface DevtoolsPipe {
  /** Sends a command, to the page session `sessionId` if given, and resolves with its result. */
  send(method: string, params?: Record<string, unknown>, sessionId?: string): Promise<unknown>;
  /** Resolves at the next event `method` of session `sessionId`. */
  nextEvent(method: string, sessionId: string): Promise<void>;
}

/** Connects to Chromium through its descriptor 3 (`toChromium`) and descriptor 4 (`fromChromium`). */
export function connectDevtoolsPipe(toChromium: Writable, fromChromium: Readable): DevtoolsPipe {
  let nextId = 1;
  let closedReason: string | null = null;
  let buffered = Buffer.alloc(0);
  const pending = new Map<number, { resolve: (result: unknown) => void; reject: (error: Error) => void }>();
  const waiters: Array<{ method: string; sessionId: string; resolve: () => void; reject: (error: Error) => void }> = [];

  function close(reason: string): void {
    if (closedReason !== null) return;
    closedReason = reason;
    const error = new Error(reason);
    for (const request of pending.values()) request.reject(error);
    pending.clear();
    for (const waiter of waiters.splice(0)) waiter.reject(error);
  }

  function dispatch(message: DevtoolsMessage): void {
    if (message.id !== undefined) {
      const request = pending.get(message.id);
      pending.delete(message.id);
      if (message.error !== undefined) request?.reject(new Error(`DevTools error: ${message.error.message ?? 'no message'}`));
      else request?.resolve(message.result);
      return;
    }

    const index = waiters.findIndex((waiter) => waiter.method === message.method && waiter.sessionId === message.sessionId);
    if (index >= 0) waiters.splice(index, 1)[0]!.resolve();
  }

  fromChromium.on('data', (chunk: Buffer) => {
    buffered = Buffer.concat([buffered, chunk]);
    for (let end = buffered.indexOf(0); end >= 0; end = buffered.indexOf(0)) {
      const text = buffered.subarray(0, end).toString('utf8');
      buffered = buffered.subarray(end + 1);
      try {
        dispatch(JSON.parse(text) as DevtoolsMessage);
      } catch {
        close('Chromium sent a DevTools message that is not JSON');
        return;
      }
    }
    if (buffered.length > MAX_MESSAGE_BYTES) close(`Chromium sent a DevTools message longer than ${MAX_MESSAGE_BYTES} bytes`);
  });
  fromChromium.on('close', () => close('Chromium closed the DevTools pipe'));
  fromChromium.on('error', (error) => close(`reading the DevTools pipe failed: ${error.message}`));
  toChromium.on('error', (error) => close(`writing to the DevTools pipe failed: ${error.message}`));

  return {
    send(method, params = {}, sessionId) {
      if (closedReason !== null) return Promise.reject(new Error(closedReason));

      const id = nextId++;
      const message = JSON.stringify({ id, method, params, ...(sessionId === undefined ? {} : { sessionId }) });
      return new Promise((resolve, reject) => {
        pending.set(id, { resolve, reject });
        toChromium.write(`${message}\0`);
      });
    },

    nextEvent(method, sessionId) {
      if (closedReason !== null) return Promise.reject(new Error(closedReason));
      return new Promise((resolve, reject) => waiters.push({ method, sessionId, resolve, reject }));
    },
  };
}
