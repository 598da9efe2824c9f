// An AdminApi over in-memory state for the admin screen's happy-dom tests: one PIN, a wrong-PIN
// count that locks the pad, one token at a time, fixed diagnostics and a result per action. It
// records the actions and locks it receives, and `expire()` makes the host forget the token,
// as the real one does after 5 minutes without an admin call.
import { AdminActionResultSchema, DiagnosticsSchema } from '../../src-shared/admin-api.js';
import type { AdminAction, AdminActionResult, AdminApi, AdminUnlockResult, Diagnostics } from '../../src-shared/admin-api.js';

export const ADMIN_PIN = '246810';
export const LOCKED_UNTIL = '2026-03-05T14:30:00+08:00';

export const DIAGNOSTICS: Diagnostics = DiagnosticsSchema.parse({
  terminalId: 'test-terminal',
  terminalName: '示例镇便民服务中心 1 号机',
  regionCode: '430124',
  versions: { app: '0.1.0', electron: null, chromium: null, node: '20.20.0' },
  snapshot: { version: 7, dataAsOf: '2025-06-30', createdAt: '2025-07-01T00:00:00Z', expiresAt: '2025-07-31T00:00:00Z', expired: true },
  lastSync: {
    at: '2025-07-02T01:00:00Z',
    succeededAt: '2025-07-01T01:00:00Z',
    problems: [{ code: 'sync-failing', detail: 'GET https://content.example/manifest.json: ECONNREFUSED' }],
  },
  disk: { path: '/var/lib/minsheng', freeBytes: 12 * 1024 ** 3, totalBytes: 64 * 1024 ** 3 },
  memory: { processBytes: 180 * 1024 ** 2, systemFreeBytes: 2 * 1024 ** 3, systemTotalBytes: 4 * 1024 ** 3 },
  printer: { state: 'not-found', name: 'Kiosk-Receipt', layout: 'receipt-80mm', detail: 'no printer named Kiosk-Receipt' },
  outbox: { waiting: 2, lastError: 'HTTP 503 from the receiver' },
  // Oldest first on purpose: the screen must sort them.
  incidents: [
    { at: '2025-07-01T08:00:00Z', kind: 'crash', detail: 'kiosk exited with code 1' },
    { at: '2025-07-02T09:00:00Z', kind: 'renderer-gone', detail: 'reason: oom' },
  ],
  logLines: ['{"level":30,"module":"sync","msg":"sync pass started"}', '{"level":50,"module":"sync","msg":"sync pass failed"}'],
});

export interface MemoryAdminApiOptions {
  /** False for a terminal without an admin section, where every unlock returns not-configured. */
  configured?: boolean;
  maxAttempts?: number;
  /** The result of each action. An action without one returns done with code 'ok'. */
  results?: Partial<Record<AdminAction, AdminActionResult>>;
  /** Holds every action until the test calls the returned release function. */
  holdActions?: boolean;
}

export interface MemoryAdminApi extends AdminApi {
  actions: AdminAction[];
  /** Tokens the screen sent to adminLock. */
  locks: string[];
  /** Tokens the screen sent to adminTouch. */
  touches: string[];
  unlockCount(): number;
  /** Drops the current token, as the host does when it expires. */
  expire(): void;
  /** Settles the actions held by holdActions. */
  release(): void;
}

export function memoryAdminApi(options: MemoryAdminApiOptions = {}): MemoryAdminApi {
  const maxAttempts = options.maxAttempts ?? 5;
  const actions: AdminAction[] = [];
  const locks: string[] = [];
  const touches: string[] = [];
  const heldActions: (() => void)[] = [];
  let token: string | null = null;
  let failures = 0;
  let unlocks = 0;
  let issued = 0;

  const known = (candidate: string) => token !== null && candidate === token;

  return {
    actions,
    locks,
    touches,
    unlockCount: () => unlocks,
    expire: () => {
      token = null;
    },
    release: () => heldActions.splice(0).forEach((settle) => settle()),

    async adminUnlock({ pin }): Promise<AdminUnlockResult> {
      if (options.configured === false) return { status: 'not-configured' };
      if (failures >= maxAttempts) return { status: 'locked', until: LOCKED_UNTIL };
      if (pin === '') return { status: 'ready', attemptsLeft: maxAttempts - failures };
      if (pin !== ADMIN_PIN) {
        failures += 1;
        if (failures >= maxAttempts) return { status: 'locked', until: LOCKED_UNTIL };
        return { status: 'wrong-pin', attemptsLeft: maxAttempts - failures };
      }
      failures = 0;
      unlocks += 1;
      issued += 1;
      token = `memory-token-${String(issued).padStart(8, '0')}`;
      return { status: 'unlocked', token };
    },

    async adminDiagnostics({ token: candidate }) {
      if (!known(candidate)) return { status: 'expired' };
      return { status: 'ok', diagnostics: DIAGNOSTICS };
    },

    async adminAction({ token: candidate, action }) {
      if (!known(candidate)) return { status: 'expired' };
      actions.push(action);
      if (options.holdActions) await new Promise<void>((settle) => heldActions.push(settle));
      if (!known(candidate)) return { status: 'expired' };
      return AdminActionResultSchema.parse(options.results?.[action] ?? { status: 'done', code: 'ok', detail: '' });
    },

    async adminTouch({ token: candidate }) {
      touches.push(candidate);
      return known(candidate) ? { status: 'ok' } : { status: 'expired' };
    },

    async adminLock({ token: candidate }) {
      locks.push(candidate);
      if (known(candidate)) token = null;
    },
  };
}
