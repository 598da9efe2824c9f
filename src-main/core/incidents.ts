// The terminal's incident log: one JSON Incident per line in <dataDir>/logs/incidents.jsonl. The
// kiosk appends a line for each fault it recovered from by itself (a renderer reloaded, a GPU
// crash), the supervisor one for each restart, and the admin screen shows the newest lines.
// Each line goes out in one append-mode write, so on a local disk lines of the kiosk and of the
// supervisor (which must write the same way) do not interleave. A line torn by a power cut is
// skipped when read.
import { appendFile, mkdir, rename, stat } from 'node:fs/promises';
import path from 'node:path';
import { INCIDENTS_FILE, IncidentSchema } from '../../src-shared/watchdog-protocol.js';
import type { Incident } from '../../src-shared/watchdog-protocol.js';
import { redactPersonalData } from './redaction.js';
import { readTailLines } from './tail-lines.js';

const MAX_KIND_LENGTH = 64;
const MAX_DETAIL_LENGTH = 2000;

/** Size past which the next append moves the log to incidents.1.jsonl, replacing the older one. */
export const INCIDENTS_ROTATE_BYTES = 1024 * 1024;

// A line contains at most 2,000 detail characters, each at most 6 bytes when JSON escapes it.
const MAX_LINE_BYTES = 16 * 1024;
export const MAX_INCIDENTS_READ = 1000;

export function incidentsFile(dataDir: string): string {
  return path.join(dataDir, INCIDENTS_FILE);
}

function rotatedFile(dataDir: string): string {
  return incidentsFile(dataDir).replace(/\.jsonl$/, '.1.jsonl');
}

/**
 * Appends one incident and returns it. `kind` is a short code such as renderer-gone or gpu-crash
 * (at most 64 characters). `detail` is English technical text: personal fields and numbers shaped
 * like ID, card or phone numbers are redacted, and text beyond 2,000 characters is cut.
 */
export async function appendIncident(dataDir: string, kind: string, detail: string, now: Date = new Date()): Promise<Incident> {
  if (kind.length === 0 || kind.length > MAX_KIND_LENGTH) {
    throw new RangeError(`incident kind "${kind}" must have 1 to ${MAX_KIND_LENGTH} characters`);
  }
  const incident = IncidentSchema.parse({ at: now.toISOString(), kind, detail: redactPersonalData(detail).slice(0, MAX_DETAIL_LENGTH) });

  const file = incidentsFile(dataDir);
  await mkdir(path.dirname(file), { recursive: true });
  await rotateWhenFull(dataDir);
  await appendFile(file, `${JSON.stringify(incident)}\n`, { encoding: 'utf8', flag: 'a' });
  return incident;
}

async function rotateWhenFull(dataDir: string): Promise<void> {
  const file = incidentsFile(dataDir);
  let size: number;
  try {
    size = (await stat(file)).size;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw error;
  }
  if (size >= INCIDENTS_ROTATE_BYTES) await rename(file, rotatedFile(dataDir));
}

/**
 * Returns up to `limit` incidents, newest first, from the current log and then the rotated one.
 * Only the tail of each file is read, so a long log costs no more than a short one.
 */
export async function readIncidents(dataDir: string, limit = 50): Promise<Incident[]> {
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_INCIDENTS_READ) {
    throw new RangeError(`incident limit ${limit} must be a whole number from 1 to ${MAX_INCIDENTS_READ}`);
  }

  const newest = await readTail(incidentsFile(dataDir), limit);
  if (newest.length >= limit) return newest.slice(0, limit);
  const older = await readTail(rotatedFile(dataDir), limit - newest.length);
  return [...newest, ...older];
}

// Returns the file's last `limit` valid incidents, newest first. A missing file has none.
async function readTail(file: string, limit: number): Promise<Incident[]> {
  const lines = await readTailLines(file, limit * MAX_LINE_BYTES);
  const incidents: Incident[] = [];
  for (let index = lines.length - 1; index >= 0 && incidents.length < limit; index -= 1) {
    const incident = parseLine(lines[index]!);
    if (incident) incidents.push(incident);
  }
  return incidents;
}

function parseLine(line: string): Incident | null {
  if (line.trim() === '') return null;
  try {
    const result = IncidentSchema.safeParse(JSON.parse(line));
    return result.success ? result.data : null;
  } catch {
    return null;
  }
}
