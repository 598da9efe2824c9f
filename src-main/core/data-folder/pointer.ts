// Snapshot pointers: small JSON files that name the current snapshot file and the previous one,
// with the fields the signed manifest stated for it. Making a new version current is one atomic
// rename of current.json, so a reader sees either the old pointer or the new one.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { HASH_ALGORITHMS } from '../crypto/hash-types.js';
import { writeFileDurably } from './fsync.js';
import { isSnapshotName, pointerPath } from './layout.js';
import type { PointerName } from './layout.js';

export const PointerSchema = z.object({
  version: z.number().int().positive(),
  regionCode: z.string().regex(/^\d{6}$/),
  regionName: z.string(),
  file: z.string().refine(isSnapshotName, 'not a snapshot file name'),
  hashAlgorithm: z.enum(HASH_ALGORITHMS),
  contentDigest: z.string().regex(/^[0-9a-f]{64}$/),
  createdAt: z.string().datetime(),
  expiresAt: z.string().datetime(),
  installedAt: z.string().datetime(),
});
export type Pointer = z.infer<typeof PointerSchema>;

export type PointerRead = { status: 'absent' } | { status: 'ok'; pointer: Pointer } | { status: 'invalid'; problem: string };

/** Reads a pointer without throwing. A damaged or unreadable pointer is 'invalid', with the reason. */
export function readPointer(dataDir: string, pointerName: PointerName): PointerRead {
  let text: string;
  try {
    text = readFileSync(pointerPath(dataDir, pointerName), 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { status: 'absent' };
    return { status: 'invalid', problem: (error as Error).message };
  }

  try {
    const parsed = PointerSchema.safeParse(JSON.parse(text));
    if (parsed.success) return { status: 'ok', pointer: parsed.data };
    const issue = parsed.error.issues[0]!;
    return { status: 'invalid', problem: `${issue.path.join('.') || '(root)'}: ${issue.message}` };
  } catch (error) {
    return { status: 'invalid', problem: (error as Error).message };
  }
}

/** Reads a pointer and returns null when it is absent or damaged. */
export function pointerOrNull(dataDir: string, pointerName: PointerName): Pointer | null {
  const read = readPointer(dataDir, pointerName);
  return read.status === 'ok' ? read.pointer : null;
}

export function snapshotFileOf(dataDir: string, pointer: Pointer): string {
  return path.join(dataDir, pointer.file);
}

export async function writePointer(dataDir: string, pointerName: PointerName, pointer: Pointer): Promise<void> {
  await writeFileDurably(pointerPath(dataDir, pointerName), `${JSON.stringify(PointerSchema.parse(pointer), null, 2)}\n`);
}
