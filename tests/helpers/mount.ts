// Small tmpfs mounts for disk-fault tests. The tests run as root, where chmod cannot make a folder
// read-only, so a full or read-only disk has to be a real file system. A tmpfs of a fixed size
// fills up, can be remounted read-only, and serves as a USB stick that is pulled when it is unmounted.
// Mounting needs root (CAP_SYS_ADMIN) and the mount command.
import { execFileSync } from 'node:child_process';
import { mkdirSync, rmdirSync, statfsSync } from 'node:fs';

export interface TmpfsMount {
  /** The mount point. */
  dir: string;
  /** Bytes that an unprivileged write can still use. */
  freeBytes(): number;
  remountReadOnly(): void;
  remountReadWrite(): void;
  /**
   * Detaches the file system from its mount point at once, even while files on it are open,
   * as a pulled stick vanishes. Open files stay readable until they are closed.
   */
  detach(): void;
  /** Unmounts it (when still mounted) and removes the mount point; later calls do nothing. */
  remove(): void;
}

function run(command: string, args: string[]): void {
  try {
    execFileSync(command, args, { stdio: ['ignore', 'ignore', 'pipe'] });
  } catch (error) {
    const stderr = (error as { stderr?: Buffer }).stderr?.toString('utf8').trim() ?? '';
    throw new Error(`${command} ${args.join(' ')} failed: ${stderr || (error as Error).message}`, { cause: error });
  }
}

/**
 * Mounts a tmpfs of sizeBytes at dir, creating dir when missing. When mounting is not allowed it
 * throws an error naming the privilege the tests need, so the test fails with that reason.
 */
export function mountTmpfs(dir: string, sizeBytes: number): TmpfsMount {
  mkdirSync(dir, { recursive: true });
  try {
    run('mount', ['-t', 'tmpfs', '-o', `size=${sizeBytes},mode=0755`, 'tmpfs', dir]);
  } catch (error) {
    throw new Error(
      `cannot mount a ${sizeBytes}-byte tmpfs at ${dir}: ${(error as Error).message}. ` +
        'The disk-fault tests need root with CAP_SYS_ADMIN (for example a privileged container).',
      { cause: error },
    );
  }

  let mounted = true;
  let removed = false;
  return {
    dir,
    freeBytes() {
      const stats = statfsSync(dir);
      return stats.bavail * stats.bsize;
    },
    remountReadOnly: () => run('mount', ['-o', 'remount,ro', dir]),
    remountReadWrite: () => run('mount', ['-o', 'remount,rw', dir]),
    detach() {
      run('umount', ['--lazy', dir]);
      mounted = false;
    },
    remove() {
      if (removed) return;
      // Lazy, so a file a failed test left open cannot keep the mount in place.
      if (mounted) run('umount', ['--lazy', dir]);
      mounted = false;
      rmdirSync(dir);
      removed = true;
    },
  };
}
