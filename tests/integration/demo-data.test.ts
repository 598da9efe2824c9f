// `minsheng demo-data` run as a child process: reproducible output, both shipped counties,
// the shipped defaults from any working directory, and clear errors for bad input.
// Needs the compiled CLI: run `npm run build:main` first when running this file alone.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterAll, describe, expect, it } from 'vitest';
import { REPO_ROOT, runCli } from '../helpers/cli.js';
import { makeTempDir } from '../helpers/temp.js';

const FIXTURES = path.resolve(REPO_ROOT, '../shared/fixtures');
const REGIONS = path.join(FIXTURES, 'regions/mayang-luxi-2023.csv');
const ITEMS = path.join(FIXTURES, 'subsidy-items.csv');
const FILES = ['regions.csv', 'subsidy_items.csv', 'persons.csv', 'payments.csv'];

const temp = makeTempDir('minsheng-demo-cli-');
afterAll(() => temp.remove());

function outDir(name: string): string {
  return path.join(temp.dir, name);
}

function read(dir: string, file: string): Buffer {
  return readFileSync(path.join(dir, file));
}

async function generate(name: string, args: string[]) {
  const dir = outDir(name);
  const result = await runCli(['demo-data', '--out', dir, ...args]);
  expect(result.stderr).toBe('');
  expect(result.code).toBe(0);
  return { dir, result };
}

describe('minsheng demo-data', () => {
  it('writes identical bytes for the same seed', async () => {
    const args = ['--regions', REGIONS, '--items', ITEMS, '--county', '431226', '--households', '400', '--seed', '9'];
    const first = await generate('same-a', args);
    const second = await generate('same-b', args);

    for (const file of FILES) {
      expect(read(second.dir, file).equals(read(first.dir, file)), file).toBe(true);
    }
    expect(first.result.stdout).toContain('households: 400');
    // Two full generations with board data took over 60 s once while other test files ran
    // Chromium on the same 2-core machine.
  }, 180_000);

  it('writes different people for another seed', async () => {
    const base = ['--county', '431226', '--households', '400'];
    const seedOne = await generate('seed-1', [...base, '--seed', '1']);
    const seedTwo = await generate('seed-2', [...base, '--seed', '2']);

    expect(read(seedTwo.dir, 'persons.csv').equals(read(seedOne.dir, 'persons.csv'))).toBe(false);
    expect(read(seedTwo.dir, 'payments.csv').equals(read(seedOne.dir, 'payments.csv'))).toBe(false);
    expect(read(seedTwo.dir, 'regions.csv').equals(read(seedOne.dir, 'regions.csv'))).toBe(true);
  });

  it('generates 泸溪县 without its virtual units', async () => {
    const { dir, result } = await generate('luxi', [
      '--regions', REGIONS, '--items', ITEMS, '--county', '433122', '--households', '300', '--seed', '3',
      '--year-from', '2022', '--year-to', '2023',
    ]);
    expect(result.stdout).toContain('433122 泸溪县');

    const regions = parse(read(dir, 'regions.csv'), { columns: true }) as Array<Record<string, string>>;
    expect(regions.map((row) => row.code).slice(0, 3)).toEqual(['43', '4331', '433122']);
    expect(regions.some((row) => row.code === '433122400598')).toBe(true);

    const persons = parse(read(dir, 'persons.csv'), { columns: true }) as Array<Record<string, string>>;
    expect(persons.length).toBeGreaterThan(300);
    for (const person of persons) {
      expect(person.id_number!.startsWith('433122')).toBe(true);
      expect(Number(person.village_code!.slice(9))).toBeLessThan(400);
    }

    const payments = parse(read(dir, 'payments.csv'), { columns: true }) as Array<Record<string, string>>;
    const years = new Set(payments.map((payment) => payment.period!.slice(0, 4)));
    expect([...years].sort()).toEqual(['2022', '2023']);
  });

  it('finds shipped reference files from any folder', async () => {
    const dir = outDir('defaults');
    const result = await runCli(['demo-data', '--county', '431226', '--households', '50', '--out', dir], {
      cwd: temp.dir,
    });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);

    const shipped = readFileSync(path.join(REPO_ROOT, 'resources/reference/subsidy-items.csv'), 'utf8');
    const fixture = readFileSync(ITEMS, 'utf8');
    expect(shipped).toBe(fixture);
  });

  it('prints the summary in Chinese by default', async () => {
    const dir = outDir('chinese');
    const result = await runCli(['demo-data', '--county', '431226', '--households', '20', '--out', dir], {
      env: { MINSHENG_LANG: 'zh-CN' },
    });
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('已生成 431226 麻阳苗族自治县');
    expect(result.stdout).toContain('家庭：20 户');
  });

  it('names an unknown county and exits 1', async () => {
    const result = await runCli(['demo-data', '--county', '439999', '--out', outDir('bad-county')]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('County 439999 is not in');
    expect(result.stderr).toContain('431226 麻阳苗族自治县');
  });

  it('names an unreadable items file and exits 1', async () => {
    const missing = path.join(temp.dir, 'no-such-items.csv');
    const result = await runCli(['demo-data', '--county', '431226', '--items', missing, '--out', outDir('bad-items')]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(missing);
  });

  it('rejects bad numbers as usage errors with exit 2', async () => {
    const cases: Array<[string[], string]> = [
      [['--households', 'many'], '"many" for --households'],
      [['--households', '0'], '"0" for --households'],
      [['--seed', '-4'], '--seed'],
      [['--county', '43122x'], '"43122x" for --county'],
      [['--year-from', '2024', '--year-to', '2021'], '"2021" for --year-to'],
    ];
    for (const [args, expected] of cases) {
      const result = await runCli(['demo-data', '--county', '431226', '--out', outDir('usage'), ...args]);
      expect(result.code, args.join(' ')).toBe(2);
      expect(result.stderr, args.join(' ')).toContain(expected);
    }
  });

  it('requires --county and --out', async () => {
    const result = await runCli(['demo-data', '--households', '5']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('--county');
  });

  it('prints its options with --help', async () => {
    const result = await runCli(['demo-data', '--help']);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('--households N');
  });
});
