// Creating a folder and its missing parents. Node's own `mkdir(path, { recursive: true })`
// never returns for a path under /proc on Linux (seen with Node 20.20: procfs returns ENOENT,
// and Node retries forever), so the levels are created one at a time, which fails normally.
import { mkdir, stat } from 'node:fs/promises';
import path from 'node:path';

/** Creates `dir` and any missing parents; an existing folder is fine. Throws like mkdir. */
export async function makeFolder(dir: string): Promise<void> {
  const missing: string[] = [];
  let current = path.resolve(dir);

  // 1. Walk up until a level exists (or the root is reached).
  for (;;) {
    try {
      await mkdir(current);
      break;
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'EEXIST') break;
      const parent = path.dirname(current);
      if (code !== 'ENOENT' || parent === current) throw error;
      missing.push(current);
      current = parent;
    }
  }

  // 2. Create the missing levels from the top down; a level another process made meanwhile is fine.
  for (const level of missing.reverse()) {
    try {
      await mkdir(level);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
  }

  // 3. mkdir reports EEXIST for a file of that name too, and a file is not a folder.
  if (!(await stat(dir)).isDirectory()) {
    throw Object.assign(new Error(`ENOTDIR: not a directory, mkdir '${dir}'`), { code: 'ENOTDIR' });
  }
}
