// The supervisor on real processes: fake-kiosk.mjs crashes, hangs, grows or loops as told, and
// each test checks the supervisor's decision, its incident record and, for the recoveries, the
// time from detection to the new kiosk's first heartbeat. Needs `npm run build:main`, because
// the fake kiosk runs the compiled watchdog client.
import { createConnection } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { TECHNICIAN_EXIT_CODE } from '../../src-shared/watchdog-protocol.js';
import type { Incident } from '../../src-shared/watchdog-protocol.js';
import { watchKiosk } from '../helpers/watchdog-harness.js';
import type { LogEntry, WatchedKiosk, WatchOptions } from '../helpers/watchdog-harness.js';

// Detection to the new kiosk's first heartbeat must stay below this.
const RECOVERY_LIMIT_MS = 10_000;

let watched: WatchedKiosk | null = null;
afterEach(async () => {
  await watched?.close();
  watched = null;
});

async function watch(options: WatchOptions): Promise<WatchedKiosk> {
  watched = await watchKiosk(options);
  return watched;
}

/**
 * Waits for the detection that `detect` finds in the supervisor's log, then for the next kiosk's
 * first heartbeat; checks the time between them and returns the only incident recorded.
 */
async function expectRecovery(kiosk: WatchedKiosk, what: string, detect: () => LogEntry | undefined): Promise<Incident> {
  const detection = await kiosk.waitFor(what, detect);
  const recovered = await kiosk.waitFor('the restarted kiosk to heartbeat', () =>
    kiosk.logs.slice(kiosk.logs.indexOf(detection)).find((entry) => entry.message === 'first heartbeat'),
  );

  const recoveryMs = recovered.at - detection.at;
  console.info(`recovery after ${what}: ${recoveryMs} ms from detection to first heartbeat`);
  expect(recoveryMs).toBeLessThan(RECOVERY_LIMIT_MS);
  const incidents = await kiosk.incidents();
  expect(incidents).toHaveLength(1);
  return incidents[0]!;
}

const stoppedFor = (kiosk: WatchedKiosk, reason: string) => () => kiosk.logsWith('stopping the kiosk', { reason })[0];

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

describe('watchdog supervisor', () => {
  it('restarts a crashed kiosk at once', async () => {
    const kiosk = await watch({ plan: [{ mode: 'exit', exitCode: 3 }, { mode: 'healthy' }] });

    const incident = await expectRecovery(kiosk, 'a crash', () => kiosk.logsWith('kiosk exited')[0]);

    expect(incident.kind).toBe('crash');
    const firstPid = kiosk.kioskEvents().find((event) => event.start === 0)!.pid;
    expect(incident.detail).toContain(`pid ${firstPid} exited with exit code 3`);
    expect(incident.detail).toContain('restarting in 0.0 s');
  });

  it('kills and restarts a hung kiosk', async () => {
    // The hung kiosk has a SIGTERM handler that never runs, so only SIGKILL ends it.
    const kiosk = await watch({ plan: [{ mode: 'hang', afterHeartbeats: 2, ignoreSigterm: true }, { mode: 'healthy' }] });

    const incident = await expectRecovery(kiosk, 'a hang', stoppedFor(kiosk, 'hang'));

    expect(incident.kind).toBe('hang');
    expect(incident.detail).toMatch(/sent no heartbeat for \d+\.\d s \(limit 2\.5 s\)/);
    expect(incident.detail).toContain('stopped with SIGKILL after SIGTERM (signal SIGKILL)');
  });

  it('takes no heartbeats from a process outside the kiosk', async () => {
    const kiosk = await watch({ plan: [{ mode: 'hang', afterHeartbeats: 1 }, { mode: 'healthy' }] });
    await kiosk.waitFor('a heartbeat', () => kiosk.logsWith('first heartbeat')[0]);

    // Another process of the same user (here the test itself) heartbeats for the hung kiosk.
    const intruder = createConnection(kiosk.supervisor.socketPath);
    const line = `${JSON.stringify({ type: 'heartbeat', pid: process.pid, memoryBytes: 1, busy: false })}\n`;
    const sending = setInterval(() => intruder.write(line), 200);
    try {
      const stop = await kiosk.waitFor('the hang', stoppedFor(kiosk, 'hang'));
      expect(stop.fields.detail).toMatch(/sent no heartbeat for/);
      expect(kiosk.logsWith('ignored bad lines from the kiosk')[0]?.fields.problem).toBe('foreign-pid');
    } finally {
      clearInterval(sending);
      intruder.destroy();
    }
  });

  it('restarts a kiosk that never sends a first heartbeat', async () => {
    const kiosk = await watch({ plan: [{ mode: 'silent' }, { mode: 'healthy' }], policy: { startGraceMs: 2_000 } });

    const incident = await expectRecovery(kiosk, 'a silent start', stoppedFor(kiosk, 'hang'));

    expect(incident.kind).toBe('hang');
    expect(incident.detail).toContain('sent no first heartbeat within');
    expect(incident.detail).toContain('stopped with SIGTERM (signal SIGTERM)');
  });

  // Where the supervisor cannot measure (Windows, macOS), the kiosk's own report decides.
  const cannotMeasure = () => null;

  it('restarts a kiosk whose reported memory grows past the limit', async () => {
    const kiosk = await watch({ plan: [{ mode: 'grow' }, { mode: 'healthy' }], policy: { memoryLimitBytes: 256 * 1024 * 1024 }, readMemory: cannotMeasure });

    const incident = await expectRecovery(kiosk, 'reported memory growth', stoppedFor(kiosk, 'memory'));

    expect(incident.kind).toBe('memory');
    expect(incident.detail).toContain('(reported by the kiosk), over the limit of 256 MB');
  });

  it.runIf(process.platform === 'linux')('measures memory a kiosk does not report', async () => {
    const kiosk = await watch({ plan: [{ mode: 'grow', hideMemory: true }, { mode: 'healthy' }], memorySampleMs: 300 });

    const incident = await expectRecovery(kiosk, 'measured memory growth', stoppedFor(kiosk, 'memory'));

    expect(incident.detail).toContain('(measured by the supervisor in its process tree)');
    expect(incident.detail).toContain('last reported 0 MB');
  });

  it('restarts on the heartbeat of a kiosk that reports too much memory', async () => {
    const kiosk = await watch({ plan: [{ mode: 'report-memory', memoryBytes: 3 * 1024 ** 3 }, { mode: 'healthy' }], readMemory: cannotMeasure });

    await kiosk.waitFor('the restarted kiosk', () => kiosk.logsWith('first heartbeat')[1]);

    const [incident] = await kiosk.incidents();
    expect(incident?.kind).toBe('memory');
    expect(incident?.detail).toContain('uses 3072 MB (reported by the kiosk)');
  });

  it.runIf(process.platform === 'linux')('goes by its own measurement, not a higher figure the kiosk reports', async () => {
    // The kiosk reports 3 GB (as a resident size may count shared pages) while it uses little.
    const kiosk = await watch({ plan: [{ mode: 'report-memory', memoryBytes: 3 * 1024 ** 3 }], memorySampleMs: 300 });

    await kiosk.waitFor('five heartbeats', () => kiosk.kioskEvents().filter((event) => event.event === 'heartbeat')[4]);

    expect(kiosk.logsWith('stopping the kiosk')).toEqual([]);
    expect(await kiosk.incidents()).toEqual([]);
  });

  it('backs off further on each crash in a loop', async () => {
    const kiosk = await watch({ plan: [{ mode: 'exit-at-start' }] });

    const incidents = await kiosk.waitFor('five crashes', async () => {
      const found = await kiosk.incidents();
      return found.length >= 5 ? found.slice(0, 5) : undefined;
    });

    expect(incidents.map((incident) => incident.kind)).toEqual(['crash', 'crash', 'crash', 'crash', 'crash']);
    const delays = incidents.map((incident) => Number(/restarting in (\d+\.\d) s/.exec(incident.detail)?.[1]));
    expect(delays).toEqual([0, 1, 2, 4, 8]);
    const streaks = incidents.map((incident) => Number(/failures in a row: (\d+)/.exec(incident.detail)?.[1]));
    expect(streaks).toEqual([1, 2, 3, 4, 5]);

    // Each start came no sooner than the backoff announced before it.
    const starts = kiosk.kioskEvents().filter((event) => event.event === 'started');
    for (let index = 1; index < 5; index += 1) {
      const gapMs = starts[index]!.at - starts[index - 1]!.at;
      console.info(`crash loop: start ${index + 1} came ${gapMs} ms after start ${index} (backoff ${delays[index - 1]} s)`);
      expect(gapMs).toBeGreaterThanOrEqual(delays[index - 1]! * 1000);
    }
  });

  it('ends supervision when a technician exits to the desktop', async () => {
    const kiosk = await watch({ plan: [{ mode: 'exit', exitCode: TECHNICIAN_EXIT_CODE }, { mode: 'healthy' }] });

    expect(await kiosk.supervisor.finished).toBe(0);

    const incidents = await kiosk.incidents();
    expect(incidents.map((incident) => incident.kind)).toEqual(['technician-exit']);
    expect(incidents[0]?.detail).toContain(`exited with code ${TECHNICIAN_EXIT_CODE}`);
    expect(kiosk.kioskEvents().filter((event) => event.event === 'started')).toHaveLength(1);
  });

  it('stops the kiosk when asked to stop', async () => {
    const kiosk = await watch({ plan: [{ mode: 'healthy' }] });
    const run = await kiosk.waitFor('a heartbeat', () => {
      const current = kiosk.supervisor.currentRun();
      return current !== null && current.heartbeatCount > 0 ? current : undefined;
    });

    kiosk.supervisor.stop('SIGTERM');

    expect(await kiosk.supervisor.finished).toBe(0);
    expect(alive(run.pid!)).toBe(false);
    expect(await kiosk.incidents()).toEqual([]);
  });

  it('ignores bad and over-long lines on its socket', async () => {
    const kiosk = await watch({ plan: [{ mode: 'healthy' }] });
    await kiosk.waitFor('a heartbeat', () => kiosk.logsWith('first heartbeat')[0]);

    const intruder = createConnection(kiosk.supervisor.socketPath);
    await new Promise<void>((resolve) => intruder.once('connect', () => resolve()));
    intruder.write('not json\n{"type":"heartbeat","pid":-1}\n');
    intruder.write(`${'x'.repeat(100_000)}\n`);

    const ignored = await kiosk.waitFor('the bad lines to be logged', () => kiosk.logsWith('ignored bad lines from the kiosk')[0]);
    expect(ignored.fields.problem).toBe('not-json');
    // The supervisor still supervises the same kiosk.
    const before = kiosk.supervisor.currentRun()!.heartbeatCount;
    await kiosk.waitFor('another heartbeat', () => (kiosk.supervisor.currentRun()!.heartbeatCount > before ? true : undefined));
    intruder.destroy();
    expect(await kiosk.incidents()).toEqual([]);
  });
});

describe('watchdog daily restart', () => {
  const localTime = (hours: number, minutes: number) => new Date(2026, 2, 14, hours, minutes).getTime();
  const window = { from: '03:00', to: '03:30' };

  it('restarts an idle kiosk once in the window', async () => {
    const kiosk = await watch({ plan: [{ mode: 'healthy', busy: false }], policy: { dailyRestart: window }, wallMs: localTime(2, 50) });
    await kiosk.waitFor('a heartbeat', () => kiosk.logsWith('first heartbeat')[0]);

    kiosk.setWallClock(localTime(3, 5));
    await kiosk.waitFor('the restarted kiosk', () => kiosk.logsWith('first heartbeat')[1]);
    // Later in the same window the fresh kiosk is left alone.
    kiosk.setWallClock(localTime(3, 20));
    const heartbeats = kiosk.supervisor.currentRun()!.heartbeatCount;
    await kiosk.waitFor('two more heartbeats', () => (kiosk.supervisor.currentRun()!.heartbeatCount >= heartbeats + 2 ? true : undefined));

    const incidents = await kiosk.incidents();
    expect(incidents.map((incident) => incident.kind)).toEqual(['daily-restart']);
    expect(incidents[0]?.detail).toContain('daily restart in the window 03:00-03:30 of 2026-03-14');
    expect(incidents[0]?.detail).toContain('restarting now');
  });

  it('skips the day while the kiosk stays busy', async () => {
    const kiosk = await watch({ plan: [{ mode: 'healthy', busy: true }], policy: { dailyRestart: window }, wallMs: localTime(2, 50) });
    const first = await kiosk.waitFor('a heartbeat', () => kiosk.logsWith('first heartbeat')[0]);

    kiosk.setWallClock(localTime(3, 5));
    await kiosk.waitFor('the restart to wait', () => kiosk.logsWith('daily restart waits until the kiosk is idle')[0]);
    kiosk.setWallClock(localTime(3, 31));
    await kiosk.waitFor('the skip', () => kiosk.logsWith('daily restart skipped')[0]);
    // The supervisor logs the skip, then appends its incident to the file without waiting.
    const incidents = await kiosk.waitFor('the skip incident', async () => {
      const found = await kiosk.incidents();
      return found.length > 0 ? found : undefined;
    });

    expect(incidents.map((incident) => incident.kind)).toEqual(['daily-restart-skipped']);
    expect(incidents[0]?.detail).toContain('03:00-03:30 of 2026-03-14 ended while the kiosk was busy');
    expect(kiosk.logsWith('stopping the kiosk')).toEqual([]);
    expect(kiosk.supervisor.currentRun()?.pid).toBe(first.fields.kioskPid);
  });
});
