// Writes a validated terminal config. The file contains the admin PIN's hash, so only its owner may
// read it, and it appears whole or not at all: a power cut during provisioning leaves no half file.
import path from 'node:path';
import { writeFileDurably } from '../data-folder/fsync.js';
import { makeFolder } from '../make-folder.js';
import { hashPin } from '../admin/pin-hash.js';

export const CONFIG_FILE_MODE = 0o600;

/** Returns the config as JSON text, laid out like the kiosk's example files. */
export function configText(raw: Record<string, unknown>): string {
  return `${JSON.stringify(raw, null, 2)}\n`;
}

/** Returns the config with the admin PIN's scrypt hash in place of the validation placeholder. */
export function withPinHash(raw: Record<string, unknown>, pin: string | undefined): Record<string, unknown> {
  if (pin === undefined || raw['admin'] === undefined) return raw;
  return { ...raw, admin: { ...(raw['admin'] as object), pinHash: hashPin(pin) } };
}

/**
 * Writes the config file (creating its folder) with mode 0600. Without `replace`, an existing
 * file is kept and the write fails with the code EEXIST.
 */
export async function writeTerminalConfig(file: string, raw: Record<string, unknown>, options: { replace: boolean }): Promise<void> {
  await makeFolder(path.dirname(file));
  await writeFileDurably(file, configText(raw), { mode: CONFIG_FILE_MODE, replace: options.replace });
}
