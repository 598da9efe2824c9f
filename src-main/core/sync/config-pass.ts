// One sync pass for a terminal config, as the kiosk's periodic sync and the admin screen run it,
// and the notice pass that the kiosk runs more often.
import type { LoadedConfig } from '../config.js';
import type { Logger } from '../log.js';
import { syncNotices } from '../notices/notice-sync.js';
import type { NoticeSyncOutcome } from '../notices/notice-sync.js';
import { loadTrustSetting, TrustError } from '../trust/anchor.js';
import type { TrustAnchor } from '../trust/anchor.js';
import { syncOnce } from './sync.js';
import type { SyncOutcome } from './sync.js';

/** Loads the trust anchor, or logs why it cannot and returns null. */
function trustOrNull(loaded: LoadedConfig, log: Logger): TrustAnchor | null {
  try {
    return loadTrustSetting(loaded.trust);
  } catch (error) {
    if (!(error instanceof TrustError)) throw error;
    log.error({ trust: error.file, reason: error.reason }, 'cannot load the trust anchor; sync skipped');
    return null;
  }
}

/**
 * Returns one sync pass for a terminal config, from its source or from `source` (such as a
 * bundle folder found on a USB stick). The pass fetches the emergency notices after the bundle.
 * The trust anchor is read on every pass, so a key a technician replaces takes effect without a
 * restart. An unreadable anchor skips the pass, which then returns null.
 */
export function syncPassFor(loaded: LoadedConfig, log: Logger, source: string = loaded.source): () => Promise<SyncOutcome | null> {
  return async () => {
    const trust = trustOrNull(loaded, log);
    if (trust === null) return null;

    const outcome = await syncOnce({
      source,
      trust,
      dataDir: loaded.dataDir,
      expectedRegion: loaded.config.regionCode,
      log,
    });
    if (outcome.status !== 'failed') {
      await syncNotices({ source, trust, dataDir: loaded.dataDir, expectedRegion: loaded.config.regionCode, log });
    }
    return outcome;
  };
}

/** Returns one notice pass for a terminal config; null when the trust anchor cannot be loaded. */
export function noticePassFor(loaded: LoadedConfig, log: Logger): () => Promise<NoticeSyncOutcome | null> {
  return async () => {
    const trust = trustOrNull(loaded, log);
    if (trust === null) return null;
    return syncNotices({ source: loaded.source, trust, dataDir: loaded.dataDir, expectedRegion: loaded.config.regionCode, log });
  };
}
