// Trust state that a terminal keeps across restarts. It stores the newest signed time the
// terminal has seen, so a clock turned back cannot make expired metadata look fresh again. It
// also stores the highest manifest version accepted per county, so an older bundle is rejected
// as a rollback even when its signatures are valid. Sync writes it only after a bundle has passed
// every check.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { writeFileDurably } from './fsync.js';
import { STATE_FILE } from './layout.js';

export const SyncStateSchema = z.object({
  newestSignedTime: z.string().datetime().nullable(),
  trustedVersions: z.record(z.string().regex(/^\d{6}$/), z.number().int().positive()),
  /**
   * Counties whose publisher keys a newly trusted root changed, with their old key IDs. Until the
   * county's next manifest is accepted, one signed by none of these keys may restart at any version.
   */
  keyRotations: z.record(z.string().regex(/^\d{6}$/), z.array(z.string())).default({}),
  /** Version of the root stored in trusted-root.json, to notice that file missing or damaged. */
  rootVersion: z.number().int().positive().nullable().default(null),
});
export type SyncState = z.infer<typeof SyncStateSchema>;

const EMPTY: SyncState = { newestSignedTime: null, trustedVersions: {}, keyRotations: {}, rootVersion: null };

export type StateRead = { state: SyncState; problem: string | null };

/**
 * Reads the state. A missing file is the empty state. A damaged file is also read as empty, and
 * the problem is returned for the log and status. The installed pointer still guards against a
 * rollback, because sync also rejects a version below the installed one (except after the
 * county's publisher keys were rotated).
 */
export function readSyncState(dataDir: string): StateRead {
  let text: string;
  try {
    text = readFileSync(path.join(dataDir, STATE_FILE), 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { state: EMPTY, problem: null };
    return { state: EMPTY, problem: (error as Error).message };
  }
  try {
    const parsed = SyncStateSchema.safeParse(JSON.parse(text));
    return parsed.success ? { state: parsed.data, problem: null } : { state: EMPTY, problem: parsed.error.issues[0]!.message };
  } catch (error) {
    return { state: EMPTY, problem: (error as Error).message };
  }
}

export async function writeSyncState(dataDir: string, state: z.input<typeof SyncStateSchema>): Promise<void> {
  await writeFileDurably(path.join(dataDir, STATE_FILE), `${JSON.stringify(SyncStateSchema.parse(state), null, 2)}\n`);
}

/** Returns the later of two ISO times. Null counts as the distant past. */
export function laterTime(a: string | null, b: string | null): string | null {
  if (a === null) return b;
  if (b === null) return a;
  return Date.parse(a) >= Date.parse(b) ? a : b;
}

/** Returns the time to check expiry against: the clock, or the newest signed time seen if that is later. */
export function effectiveNow(clock: Date, state: Partial<SyncState>): Date {
  const signed = state.newestSignedTime == null ? Number.NEGATIVE_INFINITY : Date.parse(state.newestSignedTime);
  return new Date(Math.max(clock.getTime(), signed));
}
