// Serves the built renderer. A request path is decoded, resolved against the static folder and
// served only when the resolved real path is still inside that folder, so neither "..", its
// percent-encoded forms nor a symbolic link can reach another file.
import { createReadStream } from 'node:fs';
import { realpath, stat } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import path from 'node:path';
import { sendText } from './http-responses.js';

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.otf': 'font/otf',
  '.mp3': 'audio/mpeg',
  '.wav': 'audio/wav',
  '.txt': 'text/plain; charset=utf-8',
};

export function contentTypeOf(file: string): string {
  return CONTENT_TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream';
}

/**
 * Maps a raw URL path to a file path inside rootDir, or returns null when the path cannot be
 * decoded, contains a NUL byte or leaves the folder. rootDir must be absolute and real.
 */
export function resolveInside(rootDir: string, rawPath: string): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(rawPath);
  } catch {
    return null;
  }
  if (decoded.includes('\0')) return null;

  const relative = decoded === '/' || decoded === '' ? 'index.html' : decoded.replace(/^\/+/, '');
  const resolved = path.resolve(rootDir, relative);
  return resolved.startsWith(rootDir + path.sep) ? resolved : null;
}

/** Serves GET and HEAD for files of rootDir; anything else not found is a plain 404. */
export async function serveStatic(
  request: IncomingMessage,
  response: ServerResponse,
  rootDir: string,
  rawPath: string,
): Promise<void> {
  if (request.method !== 'GET' && request.method !== 'HEAD') {
    sendText(response, 405, 'Method Not Allowed', { Allow: 'GET, HEAD' });
    return;
  }

  const candidate = resolveInside(rootDir, rawPath);
  const file = candidate ? await realFileInside(rootDir, candidate) : null;
  if (!file) {
    sendText(response, 404, 'Not Found');
    return;
  }

  const stats = await stat(file.path);
  response.writeHead(200, {
    'Content-Type': contentTypeOf(file.path),
    'Content-Length': stats.size,
    // index.html names the hashed assets, so it must be fetched again after a new build.
    'Cache-Control': path.basename(file.path) === 'index.html' ? 'no-cache' : 'public, max-age=3600',
  });
  if (request.method === 'HEAD') {
    response.end();
    return;
  }
  createReadStream(file.path).pipe(response);
}

async function realFileInside(rootDir: string, candidate: string): Promise<{ path: string } | null> {
  try {
    const real = await realpath(candidate);
    if (!real.startsWith(rootDir + path.sep)) return null;
    const stats = await stat(real);
    return stats.isFile() ? { path: real } : null;
  } catch {
    return null;
  }
}
