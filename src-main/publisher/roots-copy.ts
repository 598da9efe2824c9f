// The root metadata files (1.root.json … N.root.json) of a bundle folder. With `publish --roots
// DIR` the chain of DIR goes into the bundle folder, so a kiosk that trusts root 1 can walk to
// root N from the same source, and root files that DIR lacks are removed. The whole chain is
// read and checked before anything is written. Without --roots, the root files already in the
// bundle folder stay and are read here so that publish can check them.
import { readFile, readdir, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { MAX_ROOT_BYTES, RootMetadataSchema, rootFileName } from '../core/trust/root-schema.js';
import { writeFileAtomically } from './bundle-files.js';
import { PublishError } from './publish-error.js';

export const ROOT_FILE = /^(\d+)\.root\.json$/;

export interface RootChain {
  dir: string;
  /** File contents by version, from 1 to the newest. */
  files: { name: string; bytes: Buffer }[];
}

function errorCode(error: unknown): string {
  return (error as NodeJS.ErrnoException).code ?? (error as Error).message;
}

/**
 * The i18next context for errors about the root files already in the bundle folder. A
 * PublishError whose params carry it is printed with the `<code>_outFolder` message, which names
 * publishing with --roots as the fix.
 */
export const OUT_FOLDER_CONTEXT = 'outFolder';

/** Returns the names of the N.root.json files in `dir`, in no particular order. */
async function rootFileNames(dir: string): Promise<string[]> {
  let names: string[];
  try {
    names = await readdir(dir);
  } catch (error) {
    throw new PublishError('outUnreadable', { dir, reason: errorCode(error) });
  }
  return names.filter((name) => ROOT_FILE.test(name));
}

/**
 * Reads every N.root.json of `dir`. Throws PublishError when the folder cannot be read, has no
 * root file, or misses a version between 1 and the newest. It also throws for a file that is too
 * large, is not JSON, does not match the root schema, or names another version than its file name.
 */
export async function readRootChain(dir: string): Promise<RootChain> {
  let names: string[];
  try {
    names = await readdir(dir);
  } catch (error) {
    throw new PublishError('rootsUnreadable', { dir, reason: errorCode(error) });
  }

  const versions = names
    .map((name) => ROOT_FILE.exec(name))
    .filter((match) => match !== null)
    .map((match) => Number(match[1]))
    .sort((a, b) => a - b);
  if (versions.length === 0) throw new PublishError('rootsEmpty', { dir });
  const missing = versions.findIndex((version, index) => version !== index + 1);
  if (missing !== -1) throw new PublishError('rootsGap', { dir, missing: rootFileName(missing + 1), newest: rootFileName(versions.at(-1)!) });

  const files: RootChain['files'] = [];
  for (const version of versions) {
    const name = rootFileName(version);
    const file = path.join(dir, name);
    let bytes: Buffer;
    try {
      if ((await stat(file)).size > MAX_ROOT_BYTES) throw new PublishError('rootInvalid', { file, reason: `larger than ${MAX_ROOT_BYTES} bytes` });
      bytes = await readFile(file);
    } catch (error) {
      if (error instanceof PublishError) throw error;
      throw new PublishError('rootsUnreadable', { dir: file, reason: errorCode(error) });
    }

    let parsed: unknown;
    try {
      parsed = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
    } catch (error) {
      throw new PublishError('rootInvalid', { file, reason: (error as Error).message });
    }
    const root = RootMetadataSchema.safeParse(parsed);
    if (!root.success) {
      const issue = root.error.issues[0]!;
      throw new PublishError('rootInvalid', { file, reason: `${issue.path.join('.') || 'file'}: ${issue.message}` });
    }
    if (root.data.signed.version !== version) {
      throw new PublishError('rootInvalid', { file, reason: `it contains version ${root.data.signed.version}` });
    }
    files.push({ name, bytes });
  }
  return { dir, files };
}

/** Writes the chain's files into the bundle folder, each atomically, as read (byte for byte). */
export async function copyRootChain(chain: RootChain, outDir: string): Promise<string[]> {
  for (const file of chain.files) await writeFileAtomically(outDir, file.name, file.bytes);
  return chain.files.map((file) => file.name);
}

/**
 * Reads the root files already in the bundle folder `outDir` as a chain, as readRootChain does,
 * or returns null when it has none. Errors carry OUT_FOLDER_CONTEXT.
 */
export async function readOutFolderRoots(outDir: string): Promise<RootChain | null> {
  if ((await rootFileNames(outDir)).length === 0) return null;
  try {
    return await readRootChain(outDir);
  } catch (error) {
    throw withOutFolderContext(error);
  }
}

/** Marks a PublishError as being about the bundle folder's own root files. Other errors are returned unchanged. */
export function withOutFolderContext(error: unknown): unknown {
  if (!(error instanceof PublishError)) return error;
  return new PublishError(error.code, { ...error.params, context: OUT_FOLDER_CONTEXT });
}

/**
 * Removes every N.root.json of `outDir` that `chain` does not contain, so that no kiosk walks to a
 * root version that was not in --roots, and returns the names removed. Call it after the new
 * manifest is in place. Throws PublishError naming the files that could not be removed.
 */
export async function removeRootFilesNotIn(chain: RootChain, outDir: string, version: number): Promise<string[]> {
  const keep = new Set(chain.files.map((file) => file.name));
  const stale = (await rootFileNames(outDir)).filter((name) => !keep.has(name)).sort(byVersion);

  const removed: string[] = [];
  const failed: { name: string; reason: string }[] = [];
  for (const name of stale) {
    try {
      await rm(path.join(outDir, name));
      removed.push(name);
    } catch (error) {
      failed.push({ name, reason: errorCode(error) });
    }
  }

  if (failed.length > 0) {
    throw new PublishError('staleRootsNotRemoved', {
      dir: outDir,
      version,
      files: failed.map((entry) => entry.name).join(', '),
      reason: failed.map((entry) => entry.reason).join(', '),
    });
  }
  return removed;
}

function byVersion(a: string, b: string): number {
  return Number(ROOT_FILE.exec(a)![1]) - Number(ROOT_FILE.exec(b)![1]);
}
