// Recording of a pass in the data folder's status: the last outcome, the last install, and the
// disk problems that a technician must fix. The next successful pass clears those problems. A
// damaged current snapshot reported at start is cleared by the next install.
import { updateStatus, withProblem } from '../data-folder/status.js';
import type { TerminalStatus } from '../data-folder/status.js';
import type { SyncOutcome } from './sync.js';

export async function recordOutcome(dataDir: string, outcome: SyncOutcome, now: Date): Promise<void> {
  const at = now.toISOString();
  const detail = 'details' in outcome ? String(outcome.details.problem ?? JSON.stringify(outcome.details)) : undefined;
  const diskProblem = outcome.status === 'failed' && (outcome.reason === 'disk-full' || outcome.reason === 'read-only') ? outcome.reason : null;
  const succeeded = outcome.status === 'installed' || outcome.status === 'up-to-date';

  await updateStatus(dataDir, (status) => {
    let next: TerminalStatus = {
      ...status,
      lastSync: {
        at,
        status: outcome.status,
        ...('reason' in outcome ? { reason: outcome.reason } : {}),
        ...('version' in outcome ? { version: outcome.version } : {}),
        ...(detail !== undefined ? { detail: detail.slice(0, 2000) } : {}),
      },
      lastInstalled: outcome.status === 'installed' ? { at, version: outcome.version } : status.lastInstalled,
    };
    for (const code of ['disk-full', 'read-only'] as const) {
      if (diskProblem === code) next = withProblem(next, code, detail ?? code, now);
      else if (succeeded) next = withProblem(next, code, null, now);
    }
    // A new current snapshot passed quick_check and the content digest, so the damage the start
    // check found is gone. An up-to-date pass checked nothing, so it leaves the problem listed.
    if (outcome.status === 'installed') next = withProblem(next, 'corrupt-current', null, now);
    return next;
  });
}
