// Reads the discipline commission's public key named by the config's reporting.commissionKey.
// Hosts read it once at start, next to the config, so a missing or wrong key file stops the
// start with a message naming the file, instead of failing the first villager who files a report.
import type { Translate } from '../../../src-shared/messages/translator.js';
import { ConfigError, readBoundedFile } from '../config.js';
import type { LoadedConfig } from '../config.js';
import { parseRecipientKeyPem } from './seal.js';
import type { RecipientKey } from './seal.js';

/** Maximum bytes read from the key file. A public key PEM is under 1 KiB, and the cap makes /dev/zero fail at once. */
export const MAX_KEY_FILE_BYTES = 16 * 1024;

/** The commission key and upload address that a kiosk needs to take reports on screen. */
export interface ReportingKeys {
  commissionKey: RecipientKey;
  /** The county receiver's address (config reporting.uploadUrl). */
  uploadUrl: string;
}

/**
 * Reads and parses the commission key file. Throws ConfigError naming the file when it cannot be
 * read or does not contain an X25519 or SM2 public key.
 */
export function readCommissionKey(file: string, t: Translate): RecipientKey {
  let pem: string;
  try {
    pem = readBoundedFile(file, MAX_KEY_FILE_BYTES).toString('utf8');
  } catch (error) {
    throw new ConfigError(t('config:commissionKeyUnreadable', { file, reason: (error as Error).message }), []);
  }

  try {
    return parseRecipientKeyPem(pem);
  } catch (error) {
    throw new ConfigError(t('config:commissionKeyInvalid', { file, reason: (error as Error).message }), []);
  }
}

/** Returns the reporting keys of a loaded config, or null when it takes no reports on screen. */
export function reportingKeysOf(loaded: LoadedConfig, t: Translate): ReportingKeys | null {
  const uploadUrl = loaded.config.reporting?.uploadUrl;
  if (loaded.commissionKeyFile === null || uploadUrl === undefined) return null;
  return { commissionKey: readCommissionKey(loaded.commissionKeyFile, t), uploadUrl };
}
