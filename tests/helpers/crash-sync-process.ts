// Runs the built `minsheng sync` as a child process while watching its data folder, and sends
// SIGKILL at a chosen point. The phase a pass is in is read from the folder every few
// milliseconds: a partial download grew (download), a staging file the pass did not start with
// appeared (install), or current.json names another file (installed).
import { spawn } from 'node:child_process';
import { setTimeout as sleep } from 'node:timers/promises';
import { pointerOrNull } from '../../src-main/core/data-folder/pointer.js';
import { CLI, REPO_ROOT } from './cli.js';
import { listDataFolder } from './crash-data-folder.js';

export const PHASES = ['startup', 'download', 'install', 'installed'] as const;
export type Phase = (typeof PHASES)[number];

export interface KillPoint {
  /** The phase whose start the delay counts from. The 'startup' phase starts at the spawn. */
  after: Phase;
  delayMs: number;
}

export interface SyncRun {
  killed: boolean;
  code: number | null;
  /** The phase the pass had reached when it was killed or ended. */
  phase: Phase;
  /** Milliseconds from the spawn to the first sight of each phase reached. */
  phaseStartMs: Partial<Record<Phase, number>>;
  durationMs: number;
  stderr: string;
}

interface FolderMarks {
  staging: Set<string>;
  downloadSizes: Map<string, number>;
  currentFile: string | null;
}

function folderMarks(dataDir: string): FolderMarks {
  const listing = listDataFolder(dataDir);
  return {
    staging: new Set(listing.staging),
    downloadSizes: new Map(listing.downloads.map((entry) => [entry.name, entry.size])),
    currentFile: pointerOrNull(dataDir, 'current')?.file ?? null,
  };
}

/** Reads the furthest phase the folder shows, compared with the marks taken before the spawn. */
function phaseShownByFolder(dataDir: string, before: FolderMarks): Phase {
  if ((pointerOrNull(dataDir, 'current')?.file ?? null) !== before.currentFile) return 'installed';
  const listing = listDataFolder(dataDir);
  if (listing.staging.some((name) => !before.staging.has(name))) return 'install';
  if (listing.downloads.some((entry) => entry.size > (before.downloadSizes.get(entry.name) ?? 0))) return 'download';
  return 'startup';
}

/** Runs `minsheng sync args` to its end, or kills it at killPoint when that comes first. */
export async function runWatchedSync(args: string[], dataDir: string, killPoint: KillPoint | null): Promise<SyncRun> {
  const before = folderMarks(dataDir);
  const started = performance.now();
  const child = spawn(process.execPath, [CLI, ...args], {
    cwd: REPO_ROOT,
    env: { ...process.env, MINSHENG_LANG: 'en' },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('close', (code, signal) => resolve({ code, signal })),
  );

  let phase: Phase = 'startup';
  const phaseStartMs: Partial<Record<Phase, number>> = { startup: 0 };
  let running = true;
  void exited.then(() => (running = false));

  while (running) {
    const elapsed = performance.now() - started;
    const seen = phaseShownByFolder(dataDir, before);
    if (PHASES.indexOf(seen) > PHASES.indexOf(phase)) {
      phase = seen;
      phaseStartMs[seen] ??= elapsed;
    }

    // A pass that skips a phase (a download finished before the last kill) counts as past it.
    const triggerReached = killPoint !== null && PHASES.indexOf(phase) >= PHASES.indexOf(killPoint.after);
    const triggerStart = killPoint === null ? undefined : (phaseStartMs[killPoint.after] ?? phaseStartMs[phase]);
    if (triggerReached && triggerStart !== undefined && elapsed - triggerStart >= killPoint.delayMs) {
      child.kill('SIGKILL');
      break;
    }
    await sleep(2);
  }

  const { code, signal } = await exited;
  const durationMs = performance.now() - started;

  // The folder after the exit shows what the pass finished between the last look and its end.
  const final = phaseShownByFolder(dataDir, before);
  if (PHASES.indexOf(final) > PHASES.indexOf(phase)) {
    phase = final;
    phaseStartMs[final] ??= durationMs;
  }
  return { killed: signal === 'SIGKILL', code, phase, phaseStartMs, durationMs, stderr };
}
