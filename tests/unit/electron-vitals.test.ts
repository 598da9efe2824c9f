// The heartbeat's memory sum and the activity signal that holds back the daily restart.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { WebContents } from 'electron';

vi.mock('electron', () => import('../helpers/electron-stand-in.js'));

const standIn = await import('../helpers/electron-stand-in.js');
const { totalMemoryBytes, trackPageActivity } = await import('../../src-main/electron/vitals.js');

describe('totalMemoryBytes', () => {
  it('sums working sets in bytes', () => {
    const metrics = [
      { memory: { workingSetSize: 150_000, peakWorkingSetSize: 0 } },
      { memory: { workingSetSize: 80_000, peakWorkingSetSize: 0 } },
      { memory: { workingSetSize: 1, peakWorkingSetSize: 0 } },
    ];

    expect(totalMemoryBytes(metrics)).toBe(230_001 * 1024);
  });

  it('returns 0 without processes', () => {
    expect(totalMemoryBytes([])).toBe(0);
  });
});

describe('trackPageActivity', () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['performance'] });
  });

  afterEach(() => {
    vi.useRealTimers();
  });

  it('is idle before any input', () => {
    const contents = new standIn.StandInWebContents();

    expect(trackPageActivity(contents as unknown as WebContents, 90_000).busy()).toBe(false);
  });

  it('is busy until the idle time passes', () => {
    const contents = new standIn.StandInWebContents();
    const activity = trackPageActivity(contents as unknown as WebContents, 90_000);

    contents.emit('input-event', {}, { type: 'touchStart' });
    expect(activity.busy()).toBe(true);

    vi.advanceTimersByTime(89_999);
    expect(activity.busy()).toBe(true);

    vi.advanceTimersByTime(1);
    expect(activity.busy()).toBe(false);
  });

  it('restarts the idle time on each input', () => {
    const contents = new standIn.StandInWebContents();
    const activity = trackPageActivity(contents as unknown as WebContents, 90_000);

    contents.emit('input-event', {}, { type: 'touchStart' });
    vi.advanceTimersByTime(60_000);
    contents.emit('input-event', {}, { type: 'keyDown' });
    vi.advanceTimersByTime(60_000);

    expect(activity.busy()).toBe(true);
  });
});
