// The admin PIN pad's lockout, kept in the data folder so that a restart, or the watchdog
// restarting a crashed kiosk, does not give a guesser a fresh set of attempts.
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { writeFileDurably } from '../data-folder/fsync.js';
import { readJsonState } from '../data-folder/json-state.js';
import { ADMIN_LOCKOUT_FILE } from '../data-folder/layout.js';

export const LockoutStateSchema = z
  .object({
    // Wrong PINs in a row since the last unlock or the end of the last lockout.
    failures: z.number().int().nonnegative(),
    // ISO date-times of the lockout's start and end; both null when the pad is not locked.
    lockedAt: z.string().datetime().nullable(),
    lockedUntil: z.string().datetime().nullable(),
    // The first lockout's start and end, kept when a clock turned back restarted the lockout, so
    // that the clock set right again does not end the lockout before its first end.
    firstLockedAt: z.string().datetime().nullable().optional(),
    firstLockedUntil: z.string().datetime().nullable().optional(),
  })
  .strict();
export type LockoutState = z.infer<typeof LockoutStateSchema>;

export const NO_LOCKOUT: LockoutState = { failures: 0, lockedAt: null, lockedUntil: null };

export function lockoutFile(dataDir: string): string {
  return path.join(dataDir, ADMIN_LOCKOUT_FILE);
}

/**
 * Reads the lockout state. A missing file is no lockout. A damaged or unreadable file is read as
 * no lockout too, and the problem is returned for the log: the file is written atomically, so
 * only a hand edit or a failing disk damages it.
 */
export function readLockoutState(dataDir: string): { state: LockoutState; problem: string | null } {
  return readJsonState(lockoutFile(dataDir), LockoutStateSchema, NO_LOCKOUT);
}

/** Replaces the lockout file atomically, so a power cut leaves the old state or the new one. */
export async function writeLockoutState(dataDir: string, state: LockoutState): Promise<void> {
  // Before the first sync the data folder may not exist yet.
  mkdirSync(dataDir, { recursive: true });
  await writeFileDurably(lockoutFile(dataDir), `${JSON.stringify(LockoutStateSchema.parse(state), null, 2)}\n`);
}
