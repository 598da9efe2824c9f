// The admin screen's network check: one GET to each address this terminal talks to, each with a
// timeout, all at once. The sync source must serve its manifest (HTTP 2xx). The report receiver
// and the fleet heartbeat endpoint take POSTs, so any HTTP response to a GET (such as 405) shows
// that the network path and the server are up.
import type { AdminActionResult } from '../../../src-shared/admin-api.js';
import type { LoadedConfig } from '../config.js';
import { createLogger } from '../log.js';
import { MANIFEST_FILE } from '../snapshot/manifest.js';
import { describeNetworkError } from '../sync/network-error.js';
import { parseSourceValue } from '../sync/source.js';

const log = createLogger('admin-network-check');

// NOTE: an estimate: a county extranet responds within a few seconds. A slower response is
// reported as a timeout, even though a sync with its longer limits may still get through.
export const NETWORK_CHECK_TIMEOUT_MS = 8000;

const MAX_DETAIL_LENGTH = 2000;

export interface NetworkTarget {
  /** sync-source, report-upload or heartbeat: which setting the address comes from. */
  label: string;
  url: string;
  /** True when only a 2xx response counts; otherwise any HTTP response does. */
  needsSuccess: boolean;
}

/** Lists the addresses of the config: the source's manifest, the report receiver, the heartbeat endpoint. */
export function networkTargetsOf(loaded: LoadedConfig): NetworkTarget[] {
  const targets: NetworkTarget[] = [];
  const source = parseSourceValue(loaded.source);
  if (source.kind === 'url') {
    const base = source.url.endsWith('/') ? source.url : `${source.url}/`;
    targets.push({ label: 'sync-source', url: new URL(MANIFEST_FILE, base).href, needsSuccess: true });
  }
  const uploadUrl = loaded.config.reporting?.uploadUrl;
  if (uploadUrl !== undefined) targets.push({ label: 'report-upload', url: uploadUrl, needsSuccess: false });
  const heartbeatUrl = loaded.config.heartbeat?.url;
  if (heartbeatUrl !== undefined) targets.push({ label: 'heartbeat', url: heartbeatUrl, needsSuccess: false });
  return targets;
}

interface TargetResult {
  target: NetworkTarget;
  ok: boolean;
  outcome: string;
}

async function checkTarget(target: NetworkTarget, timeoutMs: number): Promise<TargetResult> {
  try {
    // A redirect is a response too, and following it could lead anywhere.
    const response = await fetch(target.url, { method: 'GET', redirect: 'manual', signal: AbortSignal.timeout(timeoutMs) });
    await response.body?.cancel();
    const ok = !target.needsSuccess || (response.status >= 200 && response.status < 300);
    return { target, ok, outcome: `HTTP ${response.status}` };
  } catch (error) {
    const timedOut = (error as Error).name === 'TimeoutError';
    return { target, ok: false, outcome: timedOut ? `timed out: no response within ${timeoutMs} ms` : describeNetworkError(error) };
  }
}

/** Checks every target and returns the action result; detail lists "label url: outcome" per target. */
export async function checkNetwork(targets: NetworkTarget[], timeoutMs = NETWORK_CHECK_TIMEOUT_MS): Promise<AdminActionResult> {
  if (targets.length === 0) {
    return { status: 'done', code: 'nothing-to-check', detail: 'the sync source is a folder or USB and no upload or heartbeat address is set' };
  }

  const results = await Promise.all(targets.map((target) => checkTarget(target, timeoutMs)));
  const detail = results.map(({ target, outcome }) => `${target.label} ${target.url}: ${outcome}`).join('\n').slice(0, MAX_DETAIL_LENGTH);
  const failures = results.filter((result) => !result.ok);
  for (const failure of failures) log.warn({ label: failure.target.label, url: failure.target.url, outcome: failure.outcome }, 'network check failed');

  if (failures.length > 0) return { status: 'failed', code: 'unreachable', detail };
  return { status: 'done', code: 'reachable', detail };
}
