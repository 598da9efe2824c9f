// Terminal status that `minsheng status` prints and the admin screen shows: the last sync pass
// and the problems a technician must know about (disk full, read-only disk, a corrupt snapshot).
// Writing it is best effort, because on a full or read-only disk it cannot be written. The log
// still gets the same lines then.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { writeFileDurably } from './fsync.js';
import { STATUS_FILE } from './layout.js';

// Sync passes and the start check record these codes in status.json. `minsheng status` also finds
// 'disk-full', 'read-only' and 'corrupt-current' while it reads the folder, and 'data-expired',
// 'outbox-damaged' and 'reports-stuck' only then, because they depend on the time of reading or
// on the report outbox, which the kiosk host writes.
export const PROBLEM_CODES = [
  'disk-full',
  'read-only',
  'corrupt-current',
  'corrupt-previous',
  'damaged-state',
  'sync-failing',
  'data-expired',
  'outbox-damaged',
  'reports-stuck',
] as const;
export type ProblemCode = (typeof PROBLEM_CODES)[number];

export const StatusSchema = z.object({
  lastSync: z
    .object({
      at: z.string().datetime(),
      status: z.enum(['installed', 'up-to-date', 'rejected', 'failed']),
      reason: z.string().optional(),
      version: z.number().int().optional(),
      detail: z.string().max(2000).optional(),
    })
    .nullable(),
  lastInstalled: z.object({ at: z.string().datetime(), version: z.number().int() }).nullable(),
  problems: z.array(z.object({ code: z.enum(PROBLEM_CODES), since: z.string().datetime(), detail: z.string().max(2000) })),
});
export type TerminalStatus = z.infer<typeof StatusSchema>;

const EMPTY: TerminalStatus = { lastSync: null, lastInstalled: null, problems: [] };

export function readStatus(dataDir: string): TerminalStatus {
  try {
    const parsed = StatusSchema.safeParse(JSON.parse(readFileSync(path.join(dataDir, STATUS_FILE), 'utf8')));
    return parsed.success ? parsed.data : EMPTY;
  } catch {
    return EMPTY;
  }
}

/** Applies `change` to the stored status and writes it. Returns false when the write failed. */
export async function updateStatus(dataDir: string, change: (status: TerminalStatus) => TerminalStatus): Promise<boolean> {
  const next = StatusSchema.parse(change(readStatus(dataDir)));
  try {
    await writeFileDurably(path.join(dataDir, STATUS_FILE), `${JSON.stringify(next, null, 2)}\n`);
    return true;
  } catch {
    return false;
  }
}

/** Sets or clears one problem, keeping the time it was first seen. */
export function withProblem(status: TerminalStatus, code: ProblemCode, detail: string | null, now: Date): TerminalStatus {
  const others = status.problems.filter((problem) => problem.code !== code);
  if (detail === null) return { ...status, problems: others };
  const since = status.problems.find((problem) => problem.code === code)?.since ?? now.toISOString();
  return { ...status, problems: [...others, { code, since, detail: detail.slice(0, 2000) }] };
}
