// The incident log on a real data folder: appends, newest-first reads, torn lines, rotation.
import { appendFileSync, existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { appendIncident, incidentsFile, INCIDENTS_ROTATE_BYTES, readIncidents } from '../../src-main/core/incidents.js';
import { makeTempDir } from '../helpers/temp.js';

let temp: ReturnType<typeof makeTempDir>;

beforeEach(() => {
  temp = makeTempDir();
});

afterEach(() => {
  temp.remove();
});

describe('appendIncident', () => {
  it('creates the logs folder and writes one line', async () => {
    const at = new Date('2025-03-01T08:00:00.000Z');

    const incident = await appendIncident(temp.dir, 'renderer-gone', 'reason=crashed exitCode=139', at);

    expect(incident).toEqual({ at: '2025-03-01T08:00:00.000Z', kind: 'renderer-gone', detail: 'reason=crashed exitCode=139' });
    const lines = readFileSync(path.join(temp.dir, 'logs', 'incidents.jsonl'), 'utf8').split('\n');
    expect(lines).toHaveLength(2);
    expect(JSON.parse(lines[0]!)).toEqual(incident);
    expect(lines[1]).toBe('');
  });

  it('redacts personal numbers in the detail', async () => {
    const incident = await appendIncident(temp.dir, 'renderer-gone', 'url=#/result/43122619800101123X phone 13800138000');

    expect(incident.detail).not.toContain('43122619800101123X');
    expect(incident.detail).not.toContain('13800138000');
    expect(readFileSync(incidentsFile(temp.dir), 'utf8')).not.toContain('13800138000');
  });

  it('cuts a long detail to 2000 characters', async () => {
    const incident = await appendIncident(temp.dir, 'gpu-crash', 'x'.repeat(5000));

    expect(incident.detail).toHaveLength(2000);
  });

  it('rejects an empty or long kind', async () => {
    await expect(appendIncident(temp.dir, '', 'detail')).rejects.toThrow(/kind "" must have 1 to 64/);
    await expect(appendIncident(temp.dir, 'k'.repeat(65), 'detail')).rejects.toThrow(/must have 1 to 64/);
    expect(existsSync(incidentsFile(temp.dir))).toBe(false);
  });

  it('rotates a full log', async () => {
    await appendIncident(temp.dir, 'crash', 'first');
    appendFileSync(incidentsFile(temp.dir), `${'#'.repeat(INCIDENTS_ROTATE_BYTES)}\n`);

    await appendIncident(temp.dir, 'crash', 'after rotation');

    const rotated = path.join(temp.dir, 'logs', 'incidents.1.jsonl');
    expect(statSync(rotated).size).toBeGreaterThan(INCIDENTS_ROTATE_BYTES);
    expect(readFileSync(incidentsFile(temp.dir), 'utf8').trim().split('\n')).toHaveLength(1);
  });
});

describe('readIncidents', () => {
  it('returns nothing without a log', async () => {
    expect(await readIncidents(temp.dir)).toEqual([]);
  });

  it('returns the newest first, up to the limit', async () => {
    for (let minute = 0; minute < 5; minute += 1) {
      await appendIncident(temp.dir, 'hang', `number ${minute}`, new Date(Date.UTC(2025, 0, 1, 0, minute)));
    }

    const incidents = await readIncidents(temp.dir, 3);

    expect(incidents.map((incident) => incident.detail)).toEqual(['number 4', 'number 3', 'number 2']);
  });

  it('skips torn and foreign lines', async () => {
    await appendIncident(temp.dir, 'crash', 'before');
    appendFileSync(incidentsFile(temp.dir), '{"at":"2025-01-01T00:00:00Z","kind":"cra\nnot json\n{"kind":5}\n');
    await appendIncident(temp.dir, 'crash', 'after');

    const incidents = await readIncidents(temp.dir);

    expect(incidents.map((incident) => incident.detail)).toEqual(['after', 'before']);
  });

  it('reads only the tail of a long log', async () => {
    const line = JSON.stringify({ at: '2025-01-01T00:00:00.000Z', kind: 'hang', detail: 'old' });
    mkdirSync(path.dirname(incidentsFile(temp.dir)), { recursive: true });
    writeFileSync(incidentsFile(temp.dir), `${line}\n`.repeat(10_000));
    await appendIncident(temp.dir, 'crash', 'newest');

    const incidents = await readIncidents(temp.dir, 2);

    expect(incidents.map((incident) => incident.detail)).toEqual(['newest', 'old']);
  });

  it('continues into the rotated log', async () => {
    mkdirSync(path.dirname(incidentsFile(temp.dir)), { recursive: true });
    const older = JSON.stringify({ at: '2025-01-01T00:00:00.000Z', kind: 'crash', detail: 'older' });
    writeFileSync(incidentsFile(temp.dir), `${'#'.repeat(INCIDENTS_ROTATE_BYTES)}\n${older}\n`);
    await appendIncident(temp.dir, 'crash', 'newer');

    const incidents = await readIncidents(temp.dir, 10);

    expect(incidents.map((incident) => incident.detail)).toEqual(['newer', 'older']);
  });

  it('rejects a limit out of range', async () => {
    await expect(readIncidents(temp.dir, 0)).rejects.toThrow(/limit 0 must be a whole number from 1 to 1000/);
    await expect(readIncidents(temp.dir, 1.5)).rejects.toThrow(/limit 1.5/);
  });
});

