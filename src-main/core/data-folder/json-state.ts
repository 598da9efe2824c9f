// Small JSON state files in the data folder (the admin PIN lockout, the GPU crash history). They
// are read synchronously: the GPU mode, for one, must be chosen before Electron's 'ready'. Such a
// file is written atomically, so only a hand edit or a failing disk damages it, and a damaged one
// is read as the empty state.
import { readFileSync } from 'node:fs';
import type { z } from 'zod';

/**
 * Reads `file` with `schema`. A missing file gives `empty` and no problem. An unreadable,
 * non-JSON or non-matching file gives `empty` and a problem text for the log.
 */
export function readJsonState<T>(file: string, schema: z.ZodType<T>, empty: T): { state: T; problem: string | null } {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { state: empty, problem: null };
    return { state: empty, problem: (error as Error).message };
  }

  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return { state: empty, problem: (error as Error).message };
  }

  const parsed = schema.safeParse(value);
  if (parsed.success) return { state: parsed.data, problem: null };
  return { state: empty, problem: parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; ') };
}
