// The root folder: 1.root.json, 2.root.json, ... as the province keeps them and as a bundle
// carries them. Reading checks size, JSON and schema. Writing is atomic, so a crash or a full
// disk leaves either the old file or the new one, never half of it.
import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { MAX_ROOT_BYTES, RootMetadataSchema, rootFileName } from '../core/trust/root-schema.js';
import type { RootMetadata } from '../core/trust/root-schema.js';
import { writeFileAtomically } from './bundle-files.js';
import { RootToolError } from './root-error.js';

const ROOT_FILE_PATTERN = /^([1-9]\d*)\.root\.json$/;

/** Returns the version numbers of the root files in `dir`, ascending, or none when `dir` is missing. */
export async function listRootVersions(dir: string): Promise<number[]> {
  let names: string[];
  try {
    names = await readdir(dir);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return [];
    throw new RootToolError('folderUnreadable', { dir, reason: code ?? String(error) });
  }

  return names
    .map((name) => ROOT_FILE_PATTERN.exec(name)?.[1])
    .filter((version): version is string => version !== undefined)
    .map(Number)
    .sort((a, b) => a - b);
}

/** Reads and validates one root file, whose version must equal `expectedVersion` when given. */
export async function readRootFile(file: string, expectedVersion?: number): Promise<RootMetadata> {
  let text: string;
  try {
    const info = await stat(file);
    if (info.size > MAX_ROOT_BYTES) {
      throw new RootToolError('rootTooLarge', { file, size: info.size, max: MAX_ROOT_BYTES });
    }
    text = await readFile(file, 'utf8');
  } catch (error) {
    if (error instanceof RootToolError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new RootToolError('rootFileMissing', { file });
    throw new RootToolError('rootFileUnreadable', { file, reason: code ?? String(error) });
  }

  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new RootToolError('rootNotJson', { file, reason: (error as Error).message });
  }

  const parsed = RootMetadataSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new RootToolError('rootInvalid', { file, field: issue.path.join('.') || '(root)', reason: issue.message });
  }

  if (expectedVersion !== undefined && parsed.data.signed.version !== expectedVersion) {
    throw new RootToolError('rootVersionMismatch', { file, expected: expectedVersion, actual: parsed.data.signed.version });
  }
  return parsed.data;
}

/** Reads every root file in `dir`, which must be versions 1..N with none missing. */
export async function readRootChain(dir: string): Promise<RootMetadata[]> {
  const versions = await listRootVersions(dir);
  if (versions.length === 0) throw new RootToolError('noRoots', { dir });

  const roots: RootMetadata[] = [];
  for (const [index, version] of versions.entries()) {
    if (version !== index + 1) {
      throw new RootToolError('rootMissing', { dir, file: rootFileName(index + 1) });
    }
    roots.push(await readRootFile(path.join(dir, rootFileName(version)), version));
  }
  return roots;
}

/** Writes `metadata` to `file` atomically, replacing any file of that name. */
export async function writeRootFile(file: string, metadata: RootMetadata): Promise<void> {
  try {
    await writeFileAtomically(path.dirname(file), path.basename(file), `${JSON.stringify(metadata, null, 2)}\n`);
  } catch (error) {
    throw new RootToolError('rootWriteFailed', { file, reason: (error as NodeJS.ErrnoException).code ?? String(error) });
  }
}
