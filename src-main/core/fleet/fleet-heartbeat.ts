// The kiosk's fleet heartbeat: every heartbeat.intervalMinutes it builds a heartbeat, queues it
// in the data folder and posts the queue to the county endpoint, oldest first. While the
// endpoint cannot be reached the heartbeats wait in the queue; the oldest is retried with backoff
// and the newer ones wait behind it. A heartbeat counts as delivered only on the receiver's
// `stored` or `duplicate` answer, so one that reached the county before a crash is sent again
// and stored once. Both hosts start it when the config has a heartbeat section.
import { HEARTBEAT_CONTENT_TYPE } from '../../../src-shared/fleet-api.js';
import type { LoadedConfig } from '../config.js';
import { heartbeatQueuePath } from '../data-folder/layout.js';
import { createLogger } from '../log.js';
import { readAppVersion } from '../package-info.js';
import { repeatAfterEach } from '../repeat-after.js';
import type { RepeatingTask } from '../repeat-after.js';
import { urlForLog } from '../reports/log-url.js';
import { createQueueUploader } from '../reports/queue-uploader.js';
import type { UploadRunSummary } from '../reports/queue-uploader.js';
import { composeHeartbeat, readHeartbeatInputs } from './build-heartbeat.js';
import type { HeartbeatHost } from './build-heartbeat.js';
import { openHeartbeatQueue } from './heartbeat-queue.js';
import type { HeartbeatQueue, HeartbeatQueueOptions, QueuedHeartbeat } from './heartbeat-queue.js';

const log = createLogger('fleet-heartbeat');

/** How often the sender looks whether the oldest queued heartbeat is due for its retry. */
export const DEFAULT_RETRY_CHECK_MS = 60_000;

export interface FleetHeartbeatOptions {
  /** The loaded config; the heartbeat section gives the endpoint and the interval. */
  loaded: LoadedConfig;
  /** The host's printer state and, optionally, its app version (default package.json's). */
  host: Pick<HeartbeatHost, 'printerStatus'> & { appVersion?: string };
  clock?: () => Date;
  fetch?: typeof globalThis.fetch;
  /** Time to wait for one whole response, in milliseconds. */
  timeoutMs?: number;
  /** Bound and backoff of the queue; maxDelayMs defaults to the heartbeat interval. */
  queue?: HeartbeatQueueOptions;
  /** Pause between heartbeats; default heartbeat.intervalMinutes. 0 starts no timers, so a test calls beat() and send(). */
  intervalMs?: number;
  /** How often a due retry is looked for; default one minute. */
  retryCheckMs?: number;
}

export interface FleetHeartbeatSender {
  /** Builds a heartbeat, queues it and starts sending the queue. Resolves once it is queued. */
  beat(): Promise<void>;
  /** Sends the due heartbeats now, oldest first, and resolves when the run ends. */
  send(): Promise<UploadRunSummary>;
  /** Stops the timers, aborts a post in flight and closes the queue. */
  stop(): Promise<void>;
}

/** Starts the heartbeat, or returns null when the config has no heartbeat section. */
export function startFleetHeartbeat(options: FleetHeartbeatOptions): FleetHeartbeatSender | null {
  const { loaded } = options;
  const settings = loaded.config.heartbeat;
  if (settings === undefined) return null;

  const clock = options.clock ?? (() => new Date());
  const host: HeartbeatHost = { printerStatus: () => options.host.printerStatus(), appVersion: options.host.appVersion ?? readAppVersion() };
  const intervalMs = options.intervalMs ?? settings.intervalMinutes * 60_000;
  const file = heartbeatQueuePath(loaded.dataDir);
  const queueOptions: HeartbeatQueueOptions = { maxDelayMs: settings.intervalMinutes * 60_000, ...options.queue };

  // Opened on first use and again after a failed open (a full or read-only disk at start).
  let queue: HeartbeatQueue | null = null;
  let stopped = false;
  const currentQueue = (): HeartbeatQueue => {
    if (stopped) throw new Error('the fleet heartbeat is stopped');
    queue ??= openHeartbeatQueue(file, queueOptions);
    return queue;
  };

  const uploader = createQueueUploader<QueuedHeartbeat>({
    queue: currentQueue,
    url: settings.url,
    target: { urlSetting: 'heartbeat.url', pathOption: 'minsheng receive --heartbeat-path' },
    contentType: HEARTBEAT_CONTENT_TYPE,
    terminalId: loaded.config.terminalId,
    bodyOf: (entry) => entry.body,
    words: { entry: 'heartbeat', queue: 'heartbeat queue' },
    log,
    stopOnFailure: true,
    clock,
    fetch: options.fetch,
    timeoutMs: options.timeoutMs,
  });

  // One beat at a time, so two heartbeats never start from the same carried-over incidents.
  let beating: Promise<void> = Promise.resolve();
  let beats: RepeatingTask | null = null;

  async function buildAndQueue(): Promise<void> {
    const readings = await readHeartbeatInputs(loaded, host, clock());
    if (stopped) return;
    const dropped = currentQueue().enqueue((carried) => composeHeartbeat(loaded, host, readings, carried, clock()));
    if (dropped > 0) log.warn({ dropped, file }, 'heartbeat queue is full; dropped the oldest heartbeats');
  }

  function beat(): Promise<void> {
    beating = beating.then(async () => {
      try {
        await buildAndQueue();
      } catch (error) {
        log.error({ err: error, file }, 'building or queuing a heartbeat failed; the next interval tries again');
        return;
      }
      uploader.nudge();
    });
    return beating;
  }

  if (intervalMs > 0) {
    log.info({ url: urlForLog(settings.url), intervalMinutes: settings.intervalMinutes }, 'fleet heartbeat started');
    uploader.start(options.retryCheckMs ?? DEFAULT_RETRY_CHECK_MS);
    beats = repeatAfterEach(beat, intervalMs);
  }

  return {
    beat,
    send: () => uploader.runOnce(),

    async stop() {
      if (stopped) return;
      stopped = true;
      beats?.stop();
      await uploader.stop();
      await beating;
      queue?.close();
      queue = null;
      if (intervalMs > 0) log.info('fleet heartbeat stopped');
    },
  };
}
