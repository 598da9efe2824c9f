// The address the supervisor listens on for the kiosk's heartbeats. On Unix it is a socket in a fresh
// private folder (mode 0700) under the temporary folder, so no other user of the machine can
// connect and send heartbeats for a hung kiosk. On Windows it is a named pipe with a random name.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/**
 * Longest Unix socket path, in bytes: sockaddr_un.sun_path has room for 108 bytes on Linux and 104 on
 * macOS, each including the closing NUL.
 */
export const MAX_UNIX_SOCKET_PATH_BYTES = 103;

export class SocketPathTooLongError extends Error {
  constructor(readonly socketPath: string) {
    super(`the socket path ${socketPath} is longer than ${MAX_UNIX_SOCKET_PATH_BYTES} bytes; set TMPDIR to a shorter folder such as /tmp`);
    this.name = 'SocketPathTooLongError';
  }
}

export interface SocketAddress {
  path: string;
  /** Removes the socket's private folder; a named pipe needs nothing. */
  remove(): void;
}

export function createSocketAddress(platform: NodeJS.Platform = process.platform, tempDir: string = os.tmpdir()): SocketAddress {
  if (platform === 'win32') {
    return { path: `\\\\.\\pipe\\minsheng-watchdog-${process.pid}-${randomBytes(6).toString('hex')}`, remove: () => {} };
  }

  // mkdtemp creates the folder with mode 0700.
  const dir = mkdtempSync(path.join(tempDir, 'minsheng-watchdog-'));
  const remove = () => rmSync(dir, { recursive: true, force: true });
  const socketPath = path.join(dir, 'watchdog.sock');
  if (Buffer.byteLength(socketPath) > MAX_UNIX_SOCKET_PATH_BYTES) {
    remove();
    throw new SocketPathTooLongError(socketPath);
  }
  return { path: socketPath, remove };
}
