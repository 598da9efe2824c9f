// The newest root metadata this terminal accepted, so later passes continue the chain from it
// instead of from the provisioned anchor. It is written only after a pass verified the chain
// and a manifest signed under it.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { RootMetadataSchema } from '../trust/root-schema.js';
import type { RootMetadata } from '../trust/root-schema.js';
import { writeFileDurably } from './fsync.js';
import { TRUSTED_ROOT_FILE } from './layout.js';

/**
 * Reads the stored root. Returns null when there is none or it is damaged, and the next pass then
 * starts the chain again from the provisioned anchor.
 */
export function readTrustedRoot(dataDir: string): RootMetadata | null {
  try {
    const parsed = RootMetadataSchema.safeParse(JSON.parse(readFileSync(path.join(dataDir, TRUSTED_ROOT_FILE), 'utf8')));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

export async function writeTrustedRoot(dataDir: string, root: RootMetadata): Promise<void> {
  await writeFileDurably(path.join(dataDir, TRUSTED_ROOT_FILE), `${JSON.stringify(root, null, 2)}\n`);
}
