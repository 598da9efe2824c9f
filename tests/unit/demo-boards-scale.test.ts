// Board demo data across runs and scales: the same seed gives the same bytes, the board scale
// leaves the version 1 files unchanged, `none` removes boards of an earlier run, and `county`
// reaches the volumes of a real county.
import { createHash } from 'node:crypto';
import { readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterAll, describe, expect, it } from 'vitest';
import { generateDemoData } from '../../src-main/publisher/demo-data/generate.js';
import type { DemoDataOptions } from '../../src-main/publisher/demo-data/generate.js';
import { V2_FILE_SPECS } from '../../src-main/publisher/standard-v2/index.js';
import { validateDataset } from '../../src-main/publisher/validate-dataset.js';
import { REPO_ROOT } from '../helpers/cli.js';
import { makeTempDir } from '../helpers/temp.js';

const NOW = new Date('2026-06-01T00:00:00Z');
const V1_FILES = ['regions.csv', 'subsidy_items.csv', 'persons.csv', 'payments.csv'];

const temp = makeTempDir('minsheng-demo-boards-scale-');
afterAll(() => temp.remove());

function options(name: string, overrides: Partial<DemoDataOptions> = {}): DemoDataOptions {
  return { countyCode: '431226', households: 200, seed: 11, outDir: path.join(temp.dir, name), yearFrom: 2023, yearTo: 2024, ...overrides };
}

/** Hashes every file under a folder, keyed by its path relative to the folder. */
function hashTree(dir: string): Map<string, string> {
  const hashes = new Map<string, string>();
  const walk = (folder: string): void => {
    for (const name of readdirSync(folder).sort()) {
      const file = path.join(folder, name);
      if (statSync(file).isDirectory()) walk(file);
      else hashes.set(path.relative(dir, file), createHash('sha256').update(readFileSync(file)).digest('hex'));
    }
  };
  walk(dir);
  return hashes;
}

describe('demo boards determinism', () => {
  it('writes identical bytes for the same seed', async () => {
    await generateDemoData(options('same-a'), NOW);
    await generateDemoData(options('same-b'), NOW);

    const first = hashTree(path.join(temp.dir, 'same-a'));
    const second = hashTree(path.join(temp.dir, 'same-b'));
    expect(first.size).toBeGreaterThan(V1_FILES.length + V2_FILE_SPECS.length);
    expect(second).toEqual(first);
  });

  it('changes the boards with the seed', async () => {
    await generateDemoData(options('other-seed', { seed: 12 }), NOW);

    const first = hashTree(path.join(temp.dir, 'same-a'));
    const other = hashTree(path.join(temp.dir, 'other-seed'));
    for (const spec of V2_FILE_SPECS) expect(other.get(spec.name), spec.name).not.toBe(first.get(spec.name));
  });

  it('gives the same boards on a later day', async () => {
    await generateDemoData(options('later'), new Date('2027-03-01T00:00:00Z'));

    expect(hashTree(path.join(temp.dir, 'later'))).toEqual(hashTree(path.join(temp.dir, 'same-a')));
  });
});

describe('demo boards scale none', () => {
  it('keeps the version 1 files unchanged', async () => {
    await generateDemoData(options('none', { boards: 'none' }), NOW);

    const withBoards = hashTree(path.join(temp.dir, 'same-a'));
    const without = hashTree(path.join(temp.dir, 'none'));
    expect([...without.keys()].sort()).toEqual([...V1_FILES].sort());
    for (const name of V1_FILES) expect(without.get(name), name).toBe(withBoards.get(name));
  });

  it('removes boards of an earlier run', async () => {
    const dir = path.join(temp.dir, 'rerun');
    await generateDemoData(options('rerun'), NOW);
    writeFileSync(path.join(dir, 'notes.txt'), 'kept');
    await generateDemoData(options('rerun', { boards: 'none' }), NOW);

    expect(readdirSync(dir).sort()).toEqual([...V1_FILES, 'notes.txt'].sort());
  });
});

describe('demo boards with few households', () => {
  it('leaves out boards without rows', async () => {
    const dir = path.join(temp.dir, 'few');
    await generateDemoData(options('few', { households: 5 }), NOW);

    const names = readdirSync(dir);
    expect(names).not.toContain('poverty_households.csv');
    expect(names).not.toContain('poverty_measures.csv');
    for (const spec of V2_FILE_SPECS.filter((each) => names.includes(each.name))) {
      const rows = parse(readFileSync(path.join(dir, spec.name), 'utf8'), { columns: true }) as unknown[];
      expect(rows.length, spec.name).toBeGreaterThan(0);
    }

    const dataset = await validateDataset(dir, { now: NOW });
    expect(dataset.errors).toEqual([]);
  });
});

describe('demo boards scale county', () => {
  it('writes thousands of ledger entries per village and year', async () => {
    // One township with three villages keeps the run short while using the county volumes.
    const regionsFile = path.join(temp.dir, 'one-township.csv');
    const shipped = readFileSync(path.join(REPO_ROOT, 'resources/reference/mayang-luxi-2023.csv'), 'utf8').split(/\r?\n/);
    const villages = shipped.filter((line) => line.startsWith('431226101') && line.endsWith(',village')).slice(0, 3);
    const kept = shipped.filter((line) => /^(43|4312|431226|431226101),/.test(line));
    writeFileSync(regionsFile, [shipped[0], ...kept, ...villages].join('\n'));

    const summary = await generateDemoData(options('county', { boards: 'county', regionsFile, households: 300 }), NOW);
    const rows = summary.boards!.rows;
    const entries = parse(readFileSync(path.join(temp.dir, 'county', 'finance_entries.csv'), 'utf8'), { columns: true }) as Record<string, string>[];
    const perVillageYear = new Map<string, number>();
    for (const entry of entries) {
      const key = `${entry.village_code}-${entry.period!.slice(0, 4)}`;
      perVillageYear.set(key, (perVillageYear.get(key) ?? 0) + 1);
    }

    expect(perVillageYear.size).toBe(6);
    for (const [key, count] of perVillageYear) {
      expect(count, key).toBeGreaterThan(2_500);
      expect(count, key).toBeLessThan(3_500);
    }
    // 0.45 projects per village and year plus township projects: about 3 over two years here,
    // about 480 for the 223 villages of 麻阳 over four years.
    expect(rows['projects.csv']).toBeGreaterThan(0);
    expect(rows['notices.csv']! / (2 * 3)).toBeGreaterThan(3);
  });
});
