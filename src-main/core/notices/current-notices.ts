// The notices a terminal shows: from the stored, verified notices file, those for a region that
// contains the terminal's and that have not ended by the terminal's clock.
import type { EmergencyNotice } from '../../../src-shared/emergency-notices.js';
import { noticeRegionContains } from '../../../src-shared/emergency-notices.js';
import { readStoredNotices } from './notice-sync.js';

/**
 * Returns the current and upcoming notices for `terminalRegion`, by start time. Upcoming ones are
 * included so that the screen can show each at its start without waiting for the next request.
 */
export function currentNotices(dataDir: string, terminalRegion: string, now: Date): EmergencyNotice[] {
  const stored = readStoredNotices(dataDir);
  if (stored === null) return [];
  return stored.signed.notices
    .filter((notice) => noticeRegionContains(notice.regionCode, terminalRegion) && Date.parse(notice.endsAt) > now.getTime())
    .sort((a, b) => Date.parse(a.startsAt) - Date.parse(b.startsAt));
}
