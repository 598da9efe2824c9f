// One sync pass for a terminal config, as the kiosk's periodic sync and the admin screen run it.
import type { LoadedConfig } from '../config.js';
import type { Logger } from '../log.js';
import { loadTrustSetting, TrustError } from '../trust/anchor.js';
import { syncOnce } from './sync.js';
import type { SyncOutcome } from './sync.js';

/**
 * Returns one sync pass for a terminal config, from its source or from `source` (such as a
 * bundle folder found on a USB stick). The trust anchor is read on every pass, so a key a
 * technician replaces takes effect without a restart. An unreadable anchor skips the pass, which
 * then returns null.
 */
export function syncPassFor(loaded: LoadedConfig, log: Logger, source: string = loaded.source): () => Promise<SyncOutcome | null> {
  return async () => {
    let trust;
    try {
      trust = loadTrustSetting(loaded.trust);
    } catch (error) {
      if (!(error instanceof TrustError)) throw error;
      log.error({ trust: error.file, reason: error.reason }, 'cannot load the trust anchor; sync skipped');
      return null;
    }

    return syncOnce({
      source,
      trust,
      dataDir: loaded.dataDir,
      expectedRegion: loaded.config.regionCode,
      log,
    });
  };
}
