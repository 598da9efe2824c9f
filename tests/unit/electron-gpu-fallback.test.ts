// The GPU crash history in a real data folder, and the rendering mode it chooses at start.
import { readFileSync, writeFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  CRASH_WINDOW_MS,
  decideGpuMode,
  gpuCrashRecorder,
  gpuStateFile,
  readGpuState,
  SOFTWARE_RENDERING_MS,
  writeGpuState,
} from '../../src-main/electron/gpu-fallback.js';
import { makeTempDir } from '../helpers/temp.js';

const NOW = new Date('2025-06-01T12:00:00.000Z');
const HOUR = 60 * 60 * 1000;

function ago(ms: number): string {
  return new Date(NOW.getTime() - ms).toISOString();
}

let temp: ReturnType<typeof makeTempDir>;

beforeEach(() => {
  temp = makeTempDir();
});

afterEach(() => {
  temp.remove();
});

describe('decideGpuMode', () => {
  it('uses the GPU without crashes', () => {
    const { decision, next } = decideGpuMode({ crashes: [], softwareSince: null }, NOW);

    expect(decision).toEqual({ mode: 'hardware', change: null });
    expect(next).toEqual({ crashes: [], softwareSince: null });
  });

  it('keeps the GPU after two crashes in a day', () => {
    const state = { crashes: [ago(2 * HOUR), ago(HOUR)], softwareSince: null };

    expect(decideGpuMode(state, NOW).decision.mode).toBe('hardware');
  });

  it('switches to software after three crashes in a day', () => {
    const state = { crashes: [ago(23 * HOUR), ago(2 * HOUR), ago(HOUR)], softwareSince: null };

    const { decision, next } = decideGpuMode(state, NOW);

    expect(decision).toEqual({ mode: 'software', change: 'switch-to-software', recentCrashes: 3 });
    expect(next).toEqual({ crashes: [], softwareSince: NOW.toISOString() });
  });

  it('ignores crashes older than a day', () => {
    const state = { crashes: [ago(CRASH_WINDOW_MS + HOUR), ago(CRASH_WINDOW_MS), ago(HOUR), ago(HOUR / 2)], softwareSince: null };

    expect(decideGpuMode(state, NOW).decision.mode).toBe('hardware');
  });

  it('ignores unreadable crash times', () => {
    const state = { crashes: ['yesterday', 'not a date', ago(HOUR)], softwareSince: null };

    expect(decideGpuMode(state, NOW).decision.mode).toBe('hardware');
  });

  it('stays in software for a week', () => {
    const state = { crashes: [], softwareSince: ago(SOFTWARE_RENDERING_MS - HOUR) };

    const { decision, next } = decideGpuMode(state, NOW);

    expect(decision).toEqual({ mode: 'software', change: null });
    expect(next).toBe(state);
  });

  it('tries the GPU again after a week', () => {
    const state = { crashes: [ago(HOUR)], softwareSince: ago(SOFTWARE_RENDERING_MS) };

    const { decision, next } = decideGpuMode(state, NOW);

    expect(decision).toEqual({ mode: 'hardware', change: 'retry-gpu' });
    expect(next).toEqual({ crashes: [], softwareSince: null });
  });
});

describe('readGpuState', () => {
  it('starts empty without a file', () => {
    expect(readGpuState(temp.dir)).toEqual({ state: { crashes: [], softwareSince: null }, problem: null });
  });

  it('reads what was written', async () => {
    const state = { crashes: [ago(HOUR)], softwareSince: null };
    await writeGpuState(temp.dir, state);

    expect(readGpuState(temp.dir)).toEqual({ state, problem: null });
  });

  it('starts empty from a damaged file', () => {
    writeFileSync(gpuStateFile(temp.dir), '{"crashes": [');
    const notJson = readGpuState(temp.dir);
    expect(notJson.state).toEqual({ crashes: [], softwareSince: null });
    expect(notJson.problem).toMatch(/JSON/);

    writeFileSync(gpuStateFile(temp.dir), '{"crashes": 3}');
    const wrongShape = readGpuState(temp.dir);
    expect(wrongShape.state).toEqual({ crashes: [], softwareSince: null });
    expect(wrongShape.problem).toMatch(/^crashes: /);
  });
});

describe('gpuCrashRecorder', () => {
  it('counts crashes that come together', async () => {
    const record = gpuCrashRecorder(temp.dir);

    await Promise.all([record(new Date(ago(3000))), record(new Date(ago(2000))), record(new Date(ago(1000)))]);

    const { state } = readGpuState(temp.dir);
    expect(state.crashes).toEqual([ago(3000), ago(2000), ago(1000)]);
    expect(decideGpuMode(state, NOW).decision).toMatchObject({ mode: 'software', change: 'switch-to-software' });
  });

  it('keeps the newest twenty', async () => {
    const record = gpuCrashRecorder(temp.dir);

    for (let minute = 30; minute > 0; minute -= 1) await record(new Date(ago(minute * 60_000)));

    const crashes = JSON.parse(readFileSync(gpuStateFile(temp.dir), 'utf8')).crashes as string[];
    expect(crashes).toHaveLength(20);
    expect(crashes.at(-1)).toBe(ago(60_000));
  });
});
