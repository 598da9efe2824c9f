// The notice pass: fetches the county's notices.json from the sync source (web server, folder or
// USB stick), verifies it and stores it in the data folder. It reads one small file and walks no
// root chain, so a kiosk runs it every minute or so, far more often than a bundle sync. It trusts
// the root that the last bundle sync stored, or the provisioned one.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { writeFileDurably } from '../data-folder/fsync.js';
import { ensureDataFolder } from '../data-folder/install.js';
import { effectiveNow, readSyncState } from '../data-folder/state.js';
import { readTrustedRoot } from '../data-folder/trusted-root.js';
import { createLogger } from '../log.js';
import type { Logger } from '../log.js';
import type { TrustAnchor } from '../trust/anchor.js';
import { createSource } from '../sync/create-source.js';
import type { HttpSourceOptions } from '../sync/http-source.js';
import { errorFields } from '../sync/network-error.js';
import { BundleRejection } from '../sync/rejection.js';
import type { RejectDetails, RejectReason } from '../sync/rejection.js';
import type { BundleSource } from '../sync/source.js';
import { isUrlSource, SourceError, UnsupportedSourceError } from '../sync/source.js';
import { MAX_NOTICES_BYTES, NOTICES_FILE, NoticesFileSchema, parseNoticesFile } from './notices-file.js';
import type { NoticesFile } from './notices-file.js';
import { verifyNotices } from './verify-notices.js';

export type NoticeSyncOutcome =
  | { status: 'updated'; sequence: number; count: number }
  | { status: 'up-to-date'; sequence: number }
  /** The source has no notices file: the county never published one. The stored file stays. */
  | { status: 'absent' }
  | { status: 'rejected'; reason: RejectReason; details: RejectDetails }
  | { status: 'failed'; reason: 'network' | 'io'; details: RejectDetails };

export interface NoticeSyncOptions {
  /** A BundleSource, or a --source value: an http(s) URL, a folder path, or `usb`. */
  source: BundleSource | string;
  trust: TrustAnchor;
  dataDir: string;
  /** The terminal's county. */
  expectedRegion: string;
  http?: HttpSourceOptions;
  usbRoots?: string[];
  now?: Date;
  log?: Logger;
}

/** Returns the path of the stored, verified notices file in a data folder. */
export function storedNoticesPath(dataDir: string): string {
  return path.join(dataDir, NOTICES_FILE);
}

/**
 * Reads the stored notices file. Returns null when there is none or it is damaged; a damaged
 * file also loses the sequence floor until the next accepted file.
 */
export function readStoredNotices(dataDir: string): NoticesFile | null {
  try {
    const parsed = NoticesFileSchema.safeParse(JSON.parse(readFileSync(storedNoticesPath(dataDir), 'utf8')));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

// One pass per data folder at a time in this process, so that a slower pass cannot write an
// older file over the newer one a later pass stored.
// NOTE: two processes (the kiosk and `minsheng sync` run by hand) are not serialised.
const passes = new Map<string, Promise<unknown>>();

async function runPass(options: NoticeSyncOptions, source: BundleSource): Promise<NoticeSyncOutcome> {
  let bytes: Buffer;
  try {
    bytes = await source.readFile(NOTICES_FILE, MAX_NOTICES_BYTES);
  } catch (error) {
    if (error instanceof SourceError && error.kind === 'not-found') return { status: 'absent' };
    if (error instanceof SourceError && error.kind === 'too-large') {
      throw new BundleRejection('malformed-notices', { problem: `larger than ${MAX_NOTICES_BYTES} bytes` });
    }
    throw error;
  }

  const file = parseNoticesFile(bytes);
  const { dataDir } = options;
  const root = readTrustedRoot(dataDir) ?? (options.trust.kind === 'root' ? options.trust.root : null);
  if (root === null && options.trust.kind !== 'publisher-keys') throw new BundleRejection('no-root', { file: '1.root.json' });
  const now = effectiveNow(options.now ?? new Date(), readSyncState(dataDir).state);

  const verdict = verifyNotices(file, { trust: options.trust, root, expectedRegion: options.expectedRegion, stored: readStoredNotices(dataDir), now });
  if (verdict === 'same') return { status: 'up-to-date', sequence: file.signed.sequence };
  await ensureDataFolder(dataDir);
  await writeFileDurably(storedNoticesPath(dataDir), `${JSON.stringify(file, null, 2)}\n`);
  return { status: 'updated', sequence: file.signed.sequence, count: file.signed.notices.length };
}

function failureOf(error: unknown, location: string): NoticeSyncOutcome {
  const problem = error instanceof Error ? error.message : String(error);
  const isNetwork = error instanceof SourceError && (error.kind === 'network' || isUrlSource(location));
  return { status: 'failed', reason: isNetwork ? 'network' : 'io', details: { problem } };
}

/** Runs one notice pass and returns its outcome; failures become 'rejected' or 'failed' outcomes and are logged. */
export async function syncNotices(options: NoticeSyncOptions): Promise<NoticeSyncOutcome> {
  const log = options.log ?? createLogger('notice-sync');
  let source: BundleSource;
  try {
    source =
      typeof options.source === 'string'
        ? createSource(options.source, { http: options.http, regionCode: options.expectedRegion, usbRoots: options.usbRoots })
        : options.source;
  } catch (error) {
    if (!(error instanceof UnsupportedSourceError || error instanceof SourceError)) throw error;
    log.warn({ source: String(options.source), problem: error.message }, 'cannot use the source for notices');
    return { status: 'failed', reason: 'io', details: { problem: error.message } };
  }

  const previous = passes.get(options.dataDir) ?? Promise.resolve();
  const pass = previous.then(async (): Promise<NoticeSyncOutcome> => {
    try {
      return await runPass(options, source);
    } catch (error) {
      if (error instanceof BundleRejection) return { status: 'rejected', reason: error.reason, details: error.details };
      log.error({ source: source.location, error: errorFields(error) }, 'notice pass failed');
      return failureOf(error, source.location);
    }
  });
  passes.set(options.dataDir, pass);

  const outcome = await pass;
  if (passes.get(options.dataDir) === pass) passes.delete(options.dataDir);
  const level = outcome.status === 'rejected' ? 'warn' : 'info';
  log[level]({ source: source.location, outcome }, 'notice pass finished');
  return outcome;
}
