// The supervisor's decision core driven with a fake clock: each test feeds events and checks
// the actions (start, signal, incident, finish) that come back.
import { describe, expect, it } from 'vitest';
import { backoffDelayMs, decide, initialState } from '../../src-main/watchdog/decide.js';
import type { Now, SupervisorAction, SupervisorEvent, SupervisorState, WatchdogPolicy } from '../../src-main/watchdog/decide.js';
import { TECHNICIAN_EXIT_CODE } from '../../src-shared/watchdog-protocol.js';

const POLICY: WatchdogPolicy = {
  hangMs: 30_000,
  startGraceMs: 60_000,
  stopGraceMs: 5_000,
  memoryLimitBytes: 1536 * 1024 * 1024,
  dailyRestart: null,
  firstBackoffMs: 1_000,
  maxBackoffMs: 300_000,
  stableRunMs: 600_000,
};

const MB = 1024 * 1024;

/** Local wall-clock time on 14 March 2026. */
function localTime(hours: number, minutes: number, day = 14): number {
  return new Date(2026, 2, day, hours, minutes).getTime();
}

class FakeSupervisor {
  state: SupervisorState = initialState();
  now: Now;
  private nextPid = 1000;

  constructor(
    readonly policy: WatchdogPolicy = POLICY,
    wallMs = localTime(12, 0),
  ) {
    this.now = { monotonicMs: 0, wallMs };
  }

  send(event: SupervisorEvent): SupervisorAction[] {
    const decision = decide(this.state, event, this.now, this.policy);
    this.state = decision.state;
    return decision.actions.filter((action) => action.type !== 'log');
  }

  /** Lets `ms` pass on both clocks, then ticks. */
  advance(ms: number): SupervisorAction[] {
    this.now = { monotonicMs: this.now.monotonicMs + ms, wallMs: this.now.wallMs + ms };
    return this.send({ type: 'tick' });
  }

  /** Reports the pending start as spawned and returns its pid. */
  spawn(): number {
    const pid = this.nextPid++;
    this.send({ type: 'spawned', generation: this.state.generation, pid });
    return pid;
  }

  heartbeat(fields: { busy?: boolean; memoryBytes?: number } = {}): SupervisorAction[] {
    const message = { type: 'heartbeat' as const, pid: this.state.run?.pid ?? 1, busy: fields.busy ?? false, memoryBytes: fields.memoryBytes ?? 300 * MB };
    return this.send({ type: 'heartbeat', generation: this.state.generation, message });
  }

  exit(code: number | null, signal: string | null = null): SupervisorAction[] {
    return this.send({ type: 'exited', generation: this.state.generation, code, signal });
  }

  /** Begins and brings a kiosk to its first heartbeat. */
  running(): number {
    this.send({ type: 'begin' });
    const pid = this.spawn();
    this.heartbeat();
    return pid;
  }
}

function incidents(actions: SupervisorAction[]): Extract<SupervisorAction, { type: 'incident' }>[] {
  return actions.filter((action): action is Extract<SupervisorAction, { type: 'incident' }> => action.type === 'incident');
}

function types(actions: SupervisorAction[]): string[] {
  return actions.map((action) => (action.type === 'signal' ? `signal ${action.signal}` : action.type));
}

describe('watchdog decisions', () => {
  it('starts the kiosk on begin', () => {
    const supervisor = new FakeSupervisor();
    expect(supervisor.send({ type: 'begin' })).toEqual([{ type: 'start', generation: 1 }]);
  });

  it('restarts a crashed kiosk at once', () => {
    const supervisor = new FakeSupervisor();
    const pid = supervisor.running();
    for (let second = 0; second < 1200; second += 5) {
      supervisor.advance(5_000);
      supervisor.heartbeat();
    }

    const actions = supervisor.exit(1);

    expect(types(actions)).toEqual(['incident', 'start']);
    expect(incidents(actions)[0]).toEqual({ type: 'incident', kind: 'crash', detail: `pid ${pid} exited with exit code 1 after 1200.0 s; failures in a row: 1; restarting in 0.0 s` });
  });

  it('names the signal of a kiosk killed from outside', () => {
    const supervisor = new FakeSupervisor();
    supervisor.running();
    expect(incidents(supervisor.exit(null, 'SIGSEGV'))[0]?.detail).toContain('exited with signal SIGSEGV');
  });

  it('stops a hung kiosk with SIGTERM, then SIGKILL', () => {
    const supervisor = new FakeSupervisor();
    const pid = supervisor.running();

    expect(supervisor.advance(29_999)).toEqual([]);
    expect(supervisor.advance(1)).toEqual([{ type: 'signal', generation: 1, pid, signal: 'SIGTERM' }]);
    expect(supervisor.advance(4_999)).toEqual([]);
    expect(supervisor.advance(1)).toEqual([{ type: 'signal', generation: 1, pid, signal: 'SIGKILL' }]);
    // Heartbeats from the dying kiosk change nothing.
    expect(supervisor.heartbeat()).toEqual([]);

    const actions = supervisor.exit(null, 'SIGKILL');
    expect(types(actions)).toEqual(['incident', 'start']);
    expect(incidents(actions)[0]?.kind).toBe('hang');
    expect(incidents(actions)[0]?.detail).toBe(
      `pid ${pid} sent no heartbeat for 30.0 s (limit 30.0 s); stopped with SIGKILL after SIGTERM (signal SIGKILL); failures in a row: 1; restarting in 0.0 s`,
    );
  });

  it('keeps a kiosk that heartbeats in time', () => {
    const supervisor = new FakeSupervisor();
    supervisor.running();
    for (let second = 0; second < 300; second += 5) {
      expect(supervisor.advance(5_000)).toEqual([]);
      supervisor.heartbeat();
    }
  });

  it('does not blame the kiosk for a stall of the supervisor itself', () => {
    // Ticks every 500 ms; a 40 s gap (a SIGSTOPped supervisor) is longer than the hang limit.
    const supervisor = new FakeSupervisor({ ...POLICY, stallMs: 2_000 });
    const pid = supervisor.running();
    for (let ms = 0; ms < 10_000; ms += 500) expect(supervisor.advance(500)).toEqual([]);

    expect(supervisor.advance(40_000)).toEqual([]);
    // The heartbeats that waited in the socket arrive after the late tick.
    supervisor.heartbeat();
    expect(supervisor.advance(500)).toEqual([]);

    // A kiosk that really stays silent after the stall is still caught, one hang limit later.
    for (let ms = 500; ms < 29_500; ms += 500) expect(supervisor.advance(500)).toEqual([]);
    expect(supervisor.advance(500)).toEqual([{ type: 'signal', generation: 1, pid, signal: 'SIGTERM' }]);
  });

  it('gives a fresh start grace after a stall of the supervisor', () => {
    const supervisor = new FakeSupervisor({ ...POLICY, stallMs: 2_000 });
    supervisor.send({ type: 'begin' });
    supervisor.spawn();
    expect(supervisor.advance(500)).toEqual([]);
    expect(supervisor.advance(70_000)).toEqual([]);
    for (let ms = 500; ms < 60_000; ms += 500) expect(supervisor.advance(500)).toEqual([]);
    expect(types(supervisor.advance(500))).toEqual(['signal SIGTERM']);
  });

  it('counts a kiosk without a first heartbeat as hung after the start grace', () => {
    const supervisor = new FakeSupervisor();
    supervisor.send({ type: 'begin' });
    const pid = supervisor.spawn();

    // The hang limit does not apply before the first heartbeat.
    expect(supervisor.advance(59_999)).toEqual([]);
    expect(types(supervisor.advance(1))).toEqual(['signal SIGTERM']);

    const [incident] = incidents(supervisor.exit(null, 'SIGTERM'));
    expect(incident?.kind).toBe('hang');
    expect(incident?.detail).toContain(`pid ${pid} sent no first heartbeat within 60.0 s of its start`);
  });

  it('ignores a wall clock set forward', () => {
    const supervisor = new FakeSupervisor();
    supervisor.running();
    supervisor.now = { monotonicMs: supervisor.now.monotonicMs + 1_000, wallMs: supervisor.now.wallMs + 6 * 3600_000 };
    expect(supervisor.send({ type: 'tick' })).toEqual([]);
  });

  it('stops a kiosk that reports memory over the limit', () => {
    const supervisor = new FakeSupervisor();
    supervisor.running();

    expect(supervisor.heartbeat({ memoryBytes: 1536 * MB })).toEqual([]);
    expect(types(supervisor.heartbeat({ memoryBytes: 1536 * MB + 1 }))).toEqual(['signal SIGTERM']);

    const [incident] = incidents(supervisor.exit(0));
    expect(incident?.kind).toBe('memory');
    expect(incident?.detail).toContain('uses 1536 MB (reported by the kiosk), over the limit of 1536 MB; last reported 1536 MB, last measured none');
  });

  it('stops a kiosk whose measured memory passes the limit', () => {
    const supervisor = new FakeSupervisor();
    supervisor.running();

    const actions = supervisor.send({ type: 'memory-sample', generation: 1, bytes: 2000 * MB });

    expect(types(actions)).toEqual(['signal SIGTERM']);
    const [incident] = incidents(supervisor.exit(null, 'SIGTERM'));
    expect(incident?.detail).toContain('uses 2000 MB (measured by the supervisor in its process tree)');
  });

  it('goes by the measured memory once there is a measurement, not the higher reported figure', () => {
    const supervisor = new FakeSupervisor({ ...POLICY, memoryLimitBytes: 256 * MB });
    supervisor.send({ type: 'begin' });
    supervisor.spawn();
    supervisor.send({ type: 'memory-sample', generation: 1, bytes: 85 * MB });

    // A resident size above the limit, as the browser host reports, while Pss is within it.
    expect(supervisor.heartbeat({ memoryBytes: 300 * MB })).toEqual([]);
    expect(supervisor.send({ type: 'memory-sample', generation: 1, bytes: 200 * MB })).toEqual([]);
    expect(types(supervisor.send({ type: 'memory-sample', generation: 1, bytes: 257 * MB }))).toEqual(['signal SIGTERM']);
  });

  it('backs off exponentially in a crash loop, up to five minutes', () => {
    const supervisor = new FakeSupervisor();
    supervisor.send({ type: 'begin' });
    const delays: number[] = [];

    for (let crash = 0; crash < 12; crash += 1) {
      supervisor.spawn();
      supervisor.advance(200);
      const actions = supervisor.exit(1);
      const delayMs = supervisor.state.nextStartAtMs === null ? 0 : supervisor.state.nextStartAtMs - supervisor.now.monotonicMs;
      delays.push(delayMs);
      if (delayMs === 0) {
        expect(types(actions)).toEqual(['incident', 'start']);
        continue;
      }
      expect(types(actions)).toEqual(['incident']);
      expect(supervisor.advance(delayMs - 1)).toEqual([]);
      expect(types(supervisor.advance(1))).toEqual(['start']);
    }

    expect(delays).toEqual([0, 1_000, 2_000, 4_000, 8_000, 16_000, 32_000, 64_000, 128_000, 256_000, 300_000, 300_000]);
  });

  it('resets the backoff after a stable run', () => {
    const supervisor = new FakeSupervisor();
    supervisor.send({ type: 'begin' });
    for (let crash = 0; crash < 3; crash += 1) {
      supervisor.spawn();
      supervisor.exit(1);
      supervisor.advance(10_000);
    }
    supervisor.spawn();
    supervisor.heartbeat();
    for (let minute = 0; minute < 10; minute += 1) {
      supervisor.advance(60_000);
      supervisor.heartbeat();
    }

    const actions = supervisor.exit(1);

    expect(incidents(actions)[0]?.detail).toContain('failures in a row: 1; restarting in 0.0 s');
    expect(types(actions)).toEqual(['incident', 'start']);
  });

  it('computes no delay before the first restart', () => {
    expect(backoffDelayMs(0, POLICY)).toBe(0);
    expect(backoffDelayMs(1, POLICY)).toBe(1_000);
    expect(backoffDelayMs(1000, POLICY)).toBe(300_000);
  });

  it('ends supervision on a technician exit', () => {
    const supervisor = new FakeSupervisor();
    const pid = supervisor.running();

    const actions = supervisor.exit(TECHNICIAN_EXIT_CODE);

    expect(actions).toEqual([
      { type: 'incident', kind: 'technician-exit', detail: `pid ${pid} exited with code ${TECHNICIAN_EXIT_CODE} (exit to desktop by a technician); supervision ended` },
      { type: 'finish', exitCode: 0 },
    ]);
    expect(supervisor.advance(600_000)).toEqual([]);
  });

  it('restarts a kiosk that exits with the technician code while being stopped', () => {
    const supervisor = new FakeSupervisor();
    supervisor.running();
    supervisor.advance(30_000);

    const actions = supervisor.exit(TECHNICIAN_EXIT_CODE);

    expect(incidents(actions)[0]?.kind).toBe('hang');
    expect(types(actions)).toContain('start');
  });

  it('retries a kiosk that cannot be started, with backoff', () => {
    const supervisor = new FakeSupervisor();
    supervisor.send({ type: 'begin' });

    const first = supervisor.send({ type: 'spawn-failed', generation: 1, error: 'spawn /opt/kiosk EAGAIN', code: 'EAGAIN' });
    expect(first).toEqual([
      { type: 'incident', kind: 'start-failed', detail: 'spawn /opt/kiosk EAGAIN; failures in a row: 1; retrying in 0.0 s' },
      { type: 'start', generation: 2 },
    ]);

    const second = supervisor.send({ type: 'spawn-failed', generation: 2, error: 'spawn /opt/kiosk EAGAIN', code: 'EAGAIN' });
    expect(incidents(second)[0]?.detail).toContain('retrying in 1.0 s');
    expect(types(second)).toEqual(['incident']);
  });

  it.each(['ENOENT', 'EACCES'])('ends with exit code 1 when the kiosk program fails with %s', (code) => {
    const supervisor = new FakeSupervisor();
    supervisor.send({ type: 'begin' });

    const actions = supervisor.send({ type: 'spawn-failed', generation: 1, error: `spawn /opt/kiosk ${code}`, code });

    expect(actions).toEqual([
      { type: 'incident', kind: 'start-failed', detail: `spawn /opt/kiosk ${code}; the kiosk program is missing or may not be run; supervision ended` },
      { type: 'finish', exitCode: 1 },
    ]);
    expect(supervisor.state.mode).toBe('finished');
  });

  it('ignores events of an earlier kiosk', () => {
    const supervisor = new FakeSupervisor();
    supervisor.running();
    supervisor.exit(1);
    supervisor.spawn();

    const message = { type: 'heartbeat' as const, pid: 5, busy: false, memoryBytes: 99_999 * MB };
    expect(supervisor.send({ type: 'heartbeat', generation: 1, message })).toEqual([]);
    expect(supervisor.send({ type: 'exited', generation: 1, code: 1, signal: null })).toEqual([]);
    expect(supervisor.state.run?.generation).toBe(2);
  });

  it('stops the kiosk and finishes on shutdown', () => {
    const supervisor = new FakeSupervisor();
    const pid = supervisor.running();

    expect(supervisor.send({ type: 'shutdown', signal: 'SIGTERM' })).toEqual([{ type: 'signal', generation: 1, pid, signal: 'SIGTERM' }]);
    expect(supervisor.exit(0)).toEqual([{ type: 'finish', exitCode: 0 }]);
  });

  it('finishes at once on shutdown during a backoff', () => {
    const supervisor = new FakeSupervisor();
    supervisor.send({ type: 'begin' });
    supervisor.spawn();
    supervisor.exit(1);
    supervisor.spawn();
    supervisor.exit(1);

    expect(supervisor.send({ type: 'shutdown', signal: 'SIGINT' })).toEqual([{ type: 'finish', exitCode: 0 }]);
  });

  it('stops a kiosk that was still starting at shutdown', () => {
    const supervisor = new FakeSupervisor();
    supervisor.send({ type: 'begin' });

    expect(supervisor.send({ type: 'shutdown', signal: 'SIGTERM' })).toEqual([]);
    const pid = 4321;
    expect(supervisor.send({ type: 'spawned', generation: 1, pid })).toEqual([{ type: 'signal', generation: 1, pid, signal: 'SIGTERM' }]);
  });

  it('records the pending hang when shutdown interrupts its restart', () => {
    const supervisor = new FakeSupervisor();
    supervisor.running();
    supervisor.advance(30_000);
    supervisor.send({ type: 'shutdown', signal: 'SIGTERM' });

    const actions = supervisor.exit(null, 'SIGTERM');

    expect(types(actions)).toEqual(['incident', 'finish']);
    expect(incidents(actions)[0]?.detail).toContain('not restarted because the supervisor is stopping');
  });
});

describe('watchdog daily restart decisions', () => {
  const window = { from: '03:00', to: '04:00' };
  const policy = { ...POLICY, dailyRestart: window };

  /** Heartbeats every 5 s until the wall clock reaches `untilMs` or the supervisor sends a signal. */
  function heartbeatUntil(supervisor: FakeSupervisor, untilMs: number, busy: boolean): SupervisorAction[] {
    const actions: SupervisorAction[] = [];
    while (supervisor.now.wallMs < untilMs) {
      actions.push(...supervisor.advance(5_000));
      if (actions.some((action) => action.type === 'signal')) break;
      supervisor.heartbeat({ busy });
    }
    return actions;
  }

  it('restarts an idle kiosk once a day inside the window', () => {
    const supervisor = new FakeSupervisor(policy, localTime(12, 0));
    supervisor.running();

    const actions = heartbeatUntil(supervisor, localTime(3, 0, 15), false);
    expect(types(actions)).toEqual(['signal SIGTERM']);
    const restart = supervisor.exit(0);
    expect(incidents(restart)[0]).toEqual({
      type: 'incident',
      kind: 'daily-restart',
      detail: `daily restart in the window 03:00-04:00 of 2026-03-15; stopped with SIGTERM (exit code 0); restarting now`,
    });
    supervisor.spawn();
    supervisor.heartbeat();

    // Once only: the rest of the window, and the day after it, until the next window.
    expect(heartbeatUntil(supervisor, localTime(2, 59, 16), false)).toEqual([]);
    expect(types(heartbeatUntil(supervisor, localTime(3, 1, 16), false))).toEqual(['signal SIGTERM']);
  });

  it('waits while the kiosk is busy and skips the day at the end of the window', () => {
    const supervisor = new FakeSupervisor(policy, localTime(12, 0));
    supervisor.running();

    const actions = heartbeatUntil(supervisor, localTime(4, 0, 15), true);

    expect(actions).toEqual([
      {
        type: 'incident',
        kind: 'daily-restart-skipped',
        detail: 'the daily restart window 03:00-04:00 of 2026-03-15 ended while the kiosk was busy; no restart that day',
      },
    ]);
  });

  it('restarts once the busy kiosk becomes idle inside the window', () => {
    const supervisor = new FakeSupervisor(policy, localTime(12, 0));
    supervisor.running();
    expect(heartbeatUntil(supervisor, localTime(3, 30, 15), true)).toEqual([]);

    expect(types(heartbeatUntil(supervisor, localTime(3, 31, 15), false))).toEqual(['signal SIGTERM']);
  });

  it('counts a kiosk started inside the window as restarted', () => {
    const supervisor = new FakeSupervisor(policy, localTime(3, 10));
    supervisor.running();
    expect(heartbeatUntil(supervisor, localTime(5, 0), false)).toEqual([]);
  });

  it('handles a window across midnight', () => {
    const supervisor = new FakeSupervisor({ ...POLICY, dailyRestart: { from: '23:30', to: '00:30' } }, localTime(12, 0));
    supervisor.running();

    const actions = heartbeatUntil(supervisor, localTime(23, 31), true);
    expect(actions).toEqual([]);
    const skipped = heartbeatUntil(supervisor, localTime(0, 31, 15), true);
    expect(incidents(skipped)[0]?.detail).toContain('23:30-00:30 of 2026-03-14 ended while the kiosk was busy');
  });
});
