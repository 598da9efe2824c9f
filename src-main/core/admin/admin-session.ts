// The admin session: the PIN check, the lockout after wrong PINs and the session token. Wrong
// PINs and the lockout are written to the data folder, so a restart does not reset them. The
// lockout's end is checked against the effective clock: the later of the terminal's clock and
// the newest signed time sync has seen. A clock turned back to before the lockout began restarts
// the lockout and keeps the first one, so turning the clock back, or back and forward again, does
// not unlock the pad early. Within one process the lockout also lasts its full time on the
// monotonic clock. The file is read on each unlock, so deleting it ends a lockout. The token lives in
// memory only: one session at a time, ended by lock() or by ADMIN_TOKEN_IDLE_SECONDS without a call.
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { ADMIN_TOKEN_IDLE_SECONDS } from '../../../src-shared/admin-api.js';
import type { AdminUnlockResult } from '../../../src-shared/admin-api.js';
import type { TerminalConfig } from '../config.js';
import { effectiveNow, readSyncState } from '../data-folder/state.js';
import { appendIncident } from '../incidents.js';
import { createLogger } from '../log.js';
import { verifyPin } from './pin-hash.js';
import { NO_LOCKOUT, readLockoutState, writeLockoutState } from './lockout-state.js';
import type { LockoutState } from './lockout-state.js';

const log = createLogger('admin-session');

const TOKEN_BYTES = 32;

export type AdminSettings = NonNullable<TerminalConfig['admin']>;

export interface AdminSessionOptions {
  /** The config's admin section; null means the terminal has no admin screen. */
  admin: AdminSettings | null;
  dataDir: string;
  /** The terminal's clock; tests set it. */
  clock?: () => Date;
  /** Milliseconds on a clock that never goes back, for the token's idle expiry; tests set it. */
  monotonicMs?: () => number;
}

export interface AdminSession {
  /** Checks the PIN; an empty PIN only returns whether the pad is locked (locked or ready). */
  unlock(pin: string): Promise<AdminUnlockResult>;
  /** Returns true when `token` is the open session's token, and restarts its idle time. */
  authorize(token: string): boolean;
  /**
   * Authorizes `token` like authorize() and keeps it from expiring until the returned function is
   * called, which restarts its idle time. Returns null for any other token. An action that runs
   * longer than the idle time (a slow sync) keeps the token this way, so its session is still open after it.
   */
  hold(token: string): (() => void) | null;
  /** Ends the session when `token` is its token; any other token changes nothing. */
  lock(token: string): void;
  /** Whether a session is open and not idle past its expiry. */
  isOpen(): boolean;
}

interface OpenToken {
  value: Buffer;
  lastUsedMs: number;
  /** Actions running with this token; it does not expire while any runs. */
  holds: number;
}

/** Formats a time in the terminal's time zone with its offset, as 2026-06-01 16:15:00 +08:00. */
export function localTimeText(time: Date): string {
  const pad = (value: number) => String(value).padStart(2, '0');
  const offset = -time.getTimezoneOffset();
  const sign = offset >= 0 ? '+' : '-';
  const zone = `${sign}${pad(Math.floor(Math.abs(offset) / 60))}:${pad(Math.abs(offset) % 60)}`;
  const date = `${time.getFullYear()}-${pad(time.getMonth() + 1)}-${pad(time.getDate())}`;
  return `${date} ${pad(time.getHours())}:${pad(time.getMinutes())}:${pad(time.getSeconds())} ${zone}`;
}

function sameToken(open: OpenToken, token: string): boolean {
  const candidate = Buffer.from(token, 'utf8');
  return candidate.length === open.value.length && timingSafeEqual(candidate, open.value);
}

export function createAdminSession(options: AdminSessionOptions): AdminSession {
  const clock = options.clock ?? (() => new Date());
  const monotonicMs = options.monotonicMs ?? (() => performance.now());
  const idleMs = ADMIN_TOKEN_IDLE_SECONDS * 1000;
  // The state whose write failed; it stays in force until the process ends.
  let unsaved: LockoutState | null = null;
  // The monotonic time a lockout of this process began, and its end on the wall clock.
  let lockedHere: { startMs: number; until: string } | null = null;
  let token: OpenToken | null = null;
  // Unlock calls run one after another, so two quick wrong PINs both count.
  let queue: Promise<unknown> = Promise.resolve();

  // Read on every unlock: a technician ends a lockout early by deleting the file.
  function loadLockout(): LockoutState {
    if (unsaved !== null) return unsaved;
    const read = readLockoutState(options.dataDir);
    if (read.problem !== null) log.warn({ problem: read.problem }, 'admin lockout file is damaged; starting from no wrong PINs');
    if (read.state.lockedUntil !== lockedHere?.until) lockedHere = null;
    return read.state;
  }

  // The in-memory state stays in force when the write fails, until the process ends.
  async function saveLockout(next: LockoutState): Promise<void> {
    try {
      await writeLockoutState(options.dataDir, next);
      unsaved = null;
    } catch (error) {
      unsaved = next;
      log.error({ err: error, dataDir: options.dataDir }, 'writing the admin lockout file failed; the lockout is kept in memory until the kiosk restarts');
    }
  }

  /** Returns the lockout's end, after re-anchoring a lockout whose start lies after `now`. */
  async function lockedUntil(settings: AdminSettings, now: Date): Promise<Date | null> {
    const state = loadLockout();
    if (state.lockedUntil === null) return null;

    const durationMs = settings.lockoutMinutes * 60_000;
    const until = Date.parse(state.lockedUntil);
    const since = state.lockedAt === null ? until - durationMs : Date.parse(state.lockedAt);
    const firstSince = Date.parse(state.firstLockedAt ?? state.lockedAt ?? '') || since;
    const firstUntil = Date.parse(state.firstLockedUntil ?? state.lockedUntil);
    if (now.getTime() < since) {
      // The clock was turned back to before the lockout began: the time locked so far is
      // unknown, so the lockout starts again from now. The first lockout is kept as well.
      const restarted = new Date(now.getTime() + durationMs);
      log.warn({ lockedAt: state.lockedAt, now: now.toISOString(), until: restarted.toISOString() }, 'clock is before the admin lockout began; lockout restarted');
      await saveLockout({
        failures: 0,
        lockedAt: now.toISOString(),
        lockedUntil: restarted.toISOString(),
        firstLockedAt: new Date(firstSince).toISOString(),
        firstLockedUntil: new Date(firstUntil).toISOString(),
      });
      return restarted;
    }

    const ends: number[] = [];
    if (now.getTime() < until) ends.push(until);
    // The clock set right again after it was turned back: the first lockout still counts.
    if (now.getTime() >= firstSince && now.getTime() < firstUntil) ends.push(firstUntil);
    // A clock moved forward while this process runs: the lockout still lasts its full time.
    if (lockedHere !== null) {
      const leftMs = durationMs - (monotonicMs() - lockedHere.startMs);
      if (leftMs > 0) ends.push(now.getTime() + leftMs);
    }
    if (ends.length > 0) return new Date(Math.max(...ends));

    lockedHere = null;
    await saveLockout(NO_LOCKOUT);
    return null;
  }

  async function unlockNow(settings: AdminSettings, pin: string): Promise<AdminUnlockResult> {
    const now = effectiveNow(clock(), readSyncState(options.dataDir).state);
    const until = await lockedUntil(settings, now);
    if (until !== null) {
      log.warn({ until: until.toISOString() }, 'admin PIN entered while the pad is locked; not checked');
      return { status: 'locked', until: until.toISOString() };
    }
    if (pin === '') return { status: 'ready', attemptsLeft: settings.maxAttempts - loadLockout().failures };

    if (verifyPin(pin, settings.pinHash)) {
      if (loadLockout().failures > 0) await saveLockout(NO_LOCKOUT);
      token = { value: Buffer.from(randomBytes(TOKEN_BYTES).toString('base64url'), 'utf8'), lastUsedMs: monotonicMs(), holds: 0 };
      log.info('admin screen unlocked');
      return { status: 'unlocked', token: token.value.toString('utf8') };
    }

    const failures = loadLockout().failures + 1;
    if (failures < settings.maxAttempts) {
      await saveLockout({ ...NO_LOCKOUT, failures });
      log.warn({ failures, attemptsLeft: settings.maxAttempts - failures }, 'wrong admin PIN');
      return { status: 'wrong-pin', attemptsLeft: settings.maxAttempts - failures };
    }

    const lockedAt = now.toISOString();
    const end = new Date(now.getTime() + settings.lockoutMinutes * 60_000).toISOString();
    await saveLockout({ failures: 0, lockedAt, lockedUntil: end });
    lockedHere = { startMs: monotonicMs(), until: end };
    log.warn({ failures, until: end }, 'wrong admin PIN; the pad is locked');
    await appendIncident(options.dataDir, 'admin-lockout', `${failures} wrong admin PINs in a row; PIN pad locked until ${localTimeText(new Date(end))}`, clock()).catch(
      (error: unknown) => log.error({ err: error }, 'cannot record the admin lockout incident'),
    );
    return { status: 'locked', until: end };
  }

  function liveToken(): OpenToken | null {
    if (token !== null && token.holds === 0 && monotonicMs() - token.lastUsedMs >= idleMs) {
      log.info('admin session expired after idle time');
      token = null;
    }
    return token;
  }

  return {
    unlock(pin) {
      const settings = options.admin;
      if (settings === null) return Promise.resolve({ status: 'not-configured' });

      const result = queue.then(() => unlockNow(settings, pin));
      queue = result.catch(() => undefined);
      return result;
    },

    authorize(candidate) {
      const open = liveToken();
      if (open === null || !sameToken(open, candidate)) return false;
      open.lastUsedMs = monotonicMs();
      return true;
    },

    hold(candidate) {
      const open = liveToken();
      if (open === null || !sameToken(open, candidate)) return null;
      open.holds += 1;
      let released = false;
      return () => {
        if (released) return;
        released = true;
        open.holds -= 1;
        open.lastUsedMs = monotonicMs();
      };
    },

    lock(candidate) {
      const open = liveToken();
      if (open === null || !sameToken(open, candidate)) return;
      token = null;
      log.info('admin screen locked');
    },

    isOpen: () => liveToken() !== null,
  };
}
