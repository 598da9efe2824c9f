// Turns hardware acceleration off after repeated GPU process crashes, which on some graphics
// drivers leave the kiosk window white or black. The crash times live in
// a small state file in the data folder, because the switch must be made at the next start,
// before Electron's 'ready': Electron cannot turn acceleration off in a running app. After a
// week in software rendering the kiosk tries the GPU again, since a driver update may have fixed it.
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { writeFileDurably } from '../core/data-folder/fsync.js';
import { readJsonState } from '../core/data-folder/json-state.js';

export const GPU_STATE_FILE = 'gpu-crashes.json';

/** GPU process crashes within CRASH_WINDOW_MS that turn acceleration off at the next start. */
export const CRASHES_FOR_SOFTWARE = 3;
export const CRASH_WINDOW_MS = 24 * 60 * 60 * 1000;
export const SOFTWARE_RENDERING_MS = 7 * 24 * 60 * 60 * 1000;

// The newest crash times are enough to apply the rule; older ones are dropped on write.
const MAX_CRASHES_KEPT = 20;

const GpuStateSchema = z.object({
  // ISO date-times of GPU process crashes, oldest first.
  crashes: z.array(z.string()).max(MAX_CRASHES_KEPT),
  // ISO date-time the kiosk switched to software rendering; null while the GPU is used.
  softwareSince: z.string().nullable(),
});
export type GpuState = z.infer<typeof GpuStateSchema>;

const EMPTY_STATE: GpuState = { crashes: [], softwareSince: null };

export function gpuStateFile(dataDir: string): string {
  return path.join(dataDir, GPU_STATE_FILE);
}

/**
 * Reads the state synchronously, because the caller must decide before Electron's 'ready'. A
 * missing file is a clean state. So is an unreadable or malformed one, and `problem` names the cause.
 */
export function readGpuState(dataDir: string): { state: GpuState; problem: string | null } {
  return readJsonState(gpuStateFile(dataDir), GpuStateSchema, EMPTY_STATE);
}

export type GpuDecision =
  | { mode: 'hardware'; change: null }
  | { mode: 'hardware'; change: 'retry-gpu' }
  | { mode: 'software'; change: null }
  | { mode: 'software'; change: 'switch-to-software'; recentCrashes: number };

/** Decides the rendering mode of this start from the state; `next` is the state to store. */
export function decideGpuMode(state: GpuState, now: Date): { decision: GpuDecision; next: GpuState } {
  const nowMs = now.getTime();

  if (state.softwareSince !== null) {
    const since = Date.parse(state.softwareSince);
    if (Number.isFinite(since) && nowMs - since < SOFTWARE_RENDERING_MS) {
      return { decision: { mode: 'software', change: null }, next: state };
    }
    return { decision: { mode: 'hardware', change: 'retry-gpu' }, next: EMPTY_STATE };
  }

  const recentCrashes = state.crashes.filter((at) => {
    const crashMs = Date.parse(at);
    return Number.isFinite(crashMs) && nowMs - crashMs < CRASH_WINDOW_MS;
  }).length;
  if (recentCrashes >= CRASHES_FOR_SOFTWARE) {
    return {
      decision: { mode: 'software', change: 'switch-to-software', recentCrashes },
      next: { crashes: [], softwareSince: now.toISOString() },
    };
  }
  return { decision: { mode: 'hardware', change: null }, next: state };
}

/** Writes the state durably (temporary file, fsync, rename). */
export async function writeGpuState(dataDir: string, state: GpuState): Promise<void> {
  await mkdir(dataDir, { recursive: true });
  await writeFileDurably(gpuStateFile(dataDir), `${JSON.stringify(GpuStateSchema.parse(state))}\n`);
}

/**
 * Returns a recorder of GPU process crashes. Each call adds one crash time to the state file;
 * calls are written one after another, so crashes close together are all counted.
 */
export function gpuCrashRecorder(dataDir: string): (at: Date) => Promise<GpuState> {
  let queue: Promise<unknown> = Promise.resolve();

  return (at) => {
    const write = queue.then(async () => {
      const { state } = readGpuState(dataDir);
      const next: GpuState = { ...state, crashes: [...state.crashes, at.toISOString()].slice(-MAX_CRASHES_KEPT) };
      await writeGpuState(dataDir, next);
      return next;
    });
    queue = write.catch(() => undefined);
    return write;
  };
}
