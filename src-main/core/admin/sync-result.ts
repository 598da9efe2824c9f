// The admin action result of a sync pass, for "sync now" and "import from USB".
import type { AdminActionResult } from '../../../src-shared/admin-api.js';
import type { SyncOutcome } from '../sync/sync.js';

const MAX_DETAIL_LENGTH = 2000;

// A failure's details are often one free-text problem; that is shown as it is, without "problem=".
function detailsText(details: Record<string, string | number>): string {
  return Object.entries(details)
    .map(([key, value]) => (key === 'problem' ? String(value) : `${key}=${value}`))
    .join(', ');
}

/** Turns a pass's outcome into an action result; null is a pass skipped for an unreadable trust anchor. */
export function syncActionResult(outcome: SyncOutcome | null): AdminActionResult {
  if (outcome === null) {
    return { status: 'failed', code: 'trust-unreadable', detail: 'the trust file or root keys named in the config cannot be read; see the log' };
  }

  switch (outcome.status) {
    case 'installed': {
      const before = outcome.previousVersion === null ? 'none' : String(outcome.previousVersion);
      return { status: 'done', code: 'installed', detail: `version ${outcome.version} installed (${outcome.method}); previous version: ${before}` };
    }
    case 'up-to-date':
      return { status: 'done', code: 'up-to-date', detail: `version ${outcome.version} is the newest` };
    case 'rejected':
      return { status: 'failed', code: 'rejected', detail: `${outcome.reason}: ${detailsText(outcome.details)}`.slice(0, MAX_DETAIL_LENGTH) };
    case 'failed':
      return { status: 'failed', code: outcome.reason, detail: detailsText(outcome.details).slice(0, MAX_DETAIL_LENGTH) };
  }
}
