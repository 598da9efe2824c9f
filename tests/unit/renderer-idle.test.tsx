// @vitest-environment happy-dom
import { act, fireEvent, renderHook } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createIdleTimer } from '../../src-renderer/idle/idle-timer.js';
import { useIdleTimeout } from '../../src-renderer/idle/use-idle-timeout.js';

beforeEach(() => {
  vi.useFakeTimers();
});

afterEach(() => {
  vi.useRealTimers();
});

function recordingTimer(timeoutMs: number, warningMs: number) {
  const warnings: (number | null)[] = [];
  let timeouts = 0;
  const timer = createIdleTimer({
    timeoutMs,
    warningMs,
    onWarningChange: (seconds) => warnings.push(seconds),
    onTimeout: () => (timeouts += 1),
  });
  return { timer, warnings, timeouts: () => timeouts };
}

describe('idle timer', () => {
  it('stays quiet before the warning', () => {
    const { timer, warnings, timeouts } = recordingTimer(10_000, 4_000);
    timer.reset();
    vi.advanceTimersByTime(5_999);
    expect(warnings).toEqual([]);
    expect(timeouts()).toBe(0);
  });

  it('counts down through the warning, then times out', () => {
    const { timer, warnings, timeouts } = recordingTimer(10_000, 4_000);
    timer.reset();
    vi.advanceTimersByTime(10_000);
    expect(warnings).toEqual([4, 3, 2, 1, null]);
    expect(timeouts()).toBe(1);
  });

  it('fires the timeout once', () => {
    const { timer, timeouts } = recordingTimer(10_000, 4_000);
    timer.reset();
    vi.advanceTimersByTime(60_000);
    expect(timeouts()).toBe(1);
  });

  it('restarts the full timeout on reset during the warning', () => {
    const { timer, warnings, timeouts } = recordingTimer(10_000, 4_000);
    timer.reset();
    vi.advanceTimersByTime(7_000);
    expect(warnings).toEqual([4, 3]);

    timer.reset();
    expect(warnings).toEqual([4, 3, null]);
    vi.advanceTimersByTime(9_000);
    expect(timeouts()).toBe(0);
    vi.advanceTimersByTime(1_000);
    expect(timeouts()).toBe(1);
  });

  it('does nothing after stop', () => {
    const { timer, timeouts } = recordingTimer(10_000, 4_000);
    timer.reset();
    timer.stop();
    vi.advanceTimersByTime(20_000);
    expect(timeouts()).toBe(0);
  });

  it('keeps a second free when the warning is as long as the timeout', () => {
    const { timer, warnings } = recordingTimer(10_000, 10_000);
    timer.reset();
    expect(warnings).toEqual([]);
    vi.advanceTimersByTime(1_000);
    expect(warnings).toEqual([9]);
  });
});

describe('useIdleTimeout', () => {
  function renderIdle(enabled = true) {
    const onTimeout = vi.fn();
    const hook = renderHook(
      (props: { enabled: boolean }) =>
        useIdleTimeout({ timeoutSeconds: 12, warningSeconds: 6, enabled: props.enabled, onTimeout }),
      { initialProps: { enabled } },
    );
    return { hook, onTimeout };
  }

  it('shows the warning with the seconds left', () => {
    const { hook } = renderIdle();
    expect(hook.result.current.warningSecondsLeft).toBeNull();

    act(() => vi.advanceTimersByTime(6_000));
    expect(hook.result.current.warningSecondsLeft).toBe(6);
    act(() => vi.advanceTimersByTime(2_000));
    expect(hook.result.current.warningSecondsLeft).toBe(4);
  });

  it('calls onTimeout after the timeout', () => {
    const { hook, onTimeout } = renderIdle();
    act(() => vi.advanceTimersByTime(12_000));
    expect(onTimeout).toHaveBeenCalledTimes(1);
    expect(hook.result.current.warningSecondsLeft).toBeNull();
  });

  it('restarts on a touch anywhere', () => {
    const { hook, onTimeout } = renderIdle();
    act(() => vi.advanceTimersByTime(10_000));
    expect(hook.result.current.warningSecondsLeft).toBe(2);

    act(() => {
      fireEvent.pointerDown(document.body);
    });
    expect(hook.result.current.warningSecondsLeft).toBeNull();
    act(() => vi.advanceTimersByTime(11_000));
    expect(onTimeout).not.toHaveBeenCalled();
  });

  it('restarts on a key press', () => {
    const { onTimeout } = renderIdle();
    act(() => vi.advanceTimersByTime(11_000));
    act(() => {
      fireEvent.keyDown(window, { key: '5' });
    });
    act(() => vi.advanceTimersByTime(11_000));
    expect(onTimeout).not.toHaveBeenCalled();
  });

  it('extends when asked for more time', () => {
    const { hook, onTimeout } = renderIdle();
    act(() => vi.advanceTimersByTime(9_000));
    act(() => hook.result.current.extend());
    expect(hook.result.current.warningSecondsLeft).toBeNull();
    act(() => vi.advanceTimersByTime(11_999));
    expect(onTimeout).not.toHaveBeenCalled();
    act(() => vi.advanceTimersByTime(1));
    expect(onTimeout).toHaveBeenCalledTimes(1);
  });

  it('does nothing while disabled', () => {
    const { hook, onTimeout } = renderIdle(false);
    act(() => vi.advanceTimersByTime(60_000));
    expect(onTimeout).not.toHaveBeenCalled();

    hook.rerender({ enabled: true });
    act(() => vi.advanceTimersByTime(12_000));
    expect(onTimeout).toHaveBeenCalledTimes(1);
  });

  it('hides the warning when disabled', () => {
    const { hook, onTimeout } = renderIdle();
    act(() => vi.advanceTimersByTime(8_000));
    expect(hook.result.current.warningSecondsLeft).toBe(4);
    hook.rerender({ enabled: false });
    expect(hook.result.current.warningSecondsLeft).toBeNull();
    act(() => vi.advanceTimersByTime(60_000));
    expect(onTimeout).not.toHaveBeenCalled();
  });
});
