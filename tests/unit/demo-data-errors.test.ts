// Bad options and bad reference files stop generateDemoData with an error that names the value,
// and leave no partial output behind.
import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DemoDataError } from '../../src-main/publisher/demo-data/errors.js';
import type { DemoDataErrorKey } from '../../src-main/publisher/demo-data/errors.js';
import { generateDemoData } from '../../src-main/publisher/demo-data/generate.js';
import type { DemoDataOptions } from '../../src-main/publisher/demo-data/generate.js';
import { translatorFor } from '../../src-shared/messages/translator.js';
import { makeTempDir } from '../helpers/temp.js';

const TODAY = new Date('2026-06-01T00:00:00Z');
const ITEMS_HEADER = 'item_code,name,department,policy_basis,cadence,unit,demo_amount_yuan,demo_share_of_households';

let temp: ReturnType<typeof makeTempDir>;
beforeEach(() => {
  temp = makeTempDir('minsheng-demo-errors-');
});
afterEach(() => temp.remove());

function options(overrides: Partial<DemoDataOptions> = {}): DemoDataOptions {
  return { countyCode: '431226', households: 10, seed: 1, outDir: path.join(temp.dir, 'out'), ...overrides };
}

function writeFile(name: string, lines: string[]): string {
  const file = path.join(temp.dir, name);
  writeFileSync(file, `${lines.join('\n')}\n`);
  return file;
}

async function expectError(
  run: Promise<unknown>,
  key: DemoDataErrorKey,
  values: Record<string, string | number>,
): Promise<DemoDataError> {
  const error = await run.then(
    () => null,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(DemoDataError);
  const demoError = error as DemoDataError;
  expect(demoError.key).toBe(key);
  expect(demoError.values).toMatchObject(values);
  return demoError;
}

describe('demo-data option checks', () => {
  it('rejects a county code that is not 6 digits', async () => {
    await expectError(generateDemoData(options({ countyCode: '4312' }), TODAY), 'invalidOption', {
      option: '--county',
      value: '4312',
    });
  });

  it('rejects household counts out of range', async () => {
    for (const households of [0, 200_001, 1.5]) {
      await expectError(generateDemoData(options({ households }), TODAY), 'invalidOption', {
        option: '--households',
        value: households,
      });
    }
  });

  it('rejects a negative seed', async () => {
    await expectError(generateDemoData(options({ seed: -1 }), TODAY), 'invalidOption', { option: '--seed' });
  });

  it('rejects reversed, long or future years', async () => {
    await expectError(generateDemoData(options({ yearFrom: 2024, yearTo: 2023 }), TODAY), 'invalidOption', {
      option: '--year-to',
      value: 2023,
    });
    await expectError(generateDemoData(options({ yearFrom: 2001, yearTo: 2015 }), TODAY), 'invalidOption', {
      option: '--year-to',
    });
    await expectError(generateDemoData(options({ yearFrom: 2025, yearTo: 2027 }), TODAY), 'invalidOption', {
      option: '--year-to',
      expected: '2025-2026',
    });
    await expectError(generateDemoData(options({ yearFrom: 1999, yearTo: 2001 }), TODAY), 'invalidOption', {
      option: '--year-from',
    });
  });
});

describe('demo-data reference file checks', () => {
  it('names a missing county and lists others', async () => {
    const error = await expectError(generateDemoData(options({ countyCode: '430111' }), TODAY), 'countyNotFound', {
      county: '430111',
    });
    expect(error.values.available).toContain('431226 麻阳苗族自治县');
    expect(error.values.available).toContain('433122 泸溪县');
  });

  it('rejects a county whose only units are virtual', async () => {
    const regionsFile = writeFile('virtual.csv', [
      'code,name,parent_code,level',
      '43,湖南省,,province',
      '4312,怀化市,43,city',
      '431226,麻阳苗族自治县,4312,county',
      '431226400,林场,431226,township',
      '431226400498,林场虚拟生活区,431226400,village',
    ]);
    await expectError(generateDemoData(options({ regionsFile }), TODAY), 'noVillages', { file: regionsFile });
  });

  it('names an unreadable regions file', async () => {
    const regionsFile = path.join(temp.dir, 'missing.csv');
    await expectError(generateDemoData(options({ regionsFile }), TODAY), 'fileUnreadable', { file: regionsFile });
  });

  it('names a code that does not fit its level', async () => {
    const regionsFile = writeFile('bad-code.csv', ['code,name,parent_code,level', '43,湖南省,,province', '43122,麻阳,43,county']);
    await expectError(generateDemoData(options({ regionsFile }), TODAY), 'regionRowInvalid', {
      line: 3,
      column: 'code',
      value: '43122',
    });
  });

  it('names a missing column of the item catalogue', async () => {
    const itemsFile = writeFile('no-demo-columns.csv', ['item_code,name,department,policy_basis', 'GDDL,耕地地力保护补贴,县农业农村局,通知']);
    await expectError(generateDemoData(options({ itemsFile }), TODAY), 'csvMissingColumn', { column: 'cadence' });
  });

  it('names invalid item values by line and column', async () => {
    const cases: Array<[string, string, string]> = [
      ['GDDL,耕地,县农业农村局,通知,weekly,per_mu,105.00,0.8', 'cadence', 'weekly'],
      ['GDDL,耕地,县农业农村局,通知,yearly,per_acre,105.00,0.8', 'unit', 'per_acre'],
      ['GDDL,耕地,县农业农村局,通知,yearly,per_mu,10.555,0.8', 'demo_amount_yuan', '10.555'],
      ['GDDL,耕地,县农业农村局,通知,yearly,per_mu,105.00,1.2', 'demo_share_of_households', '1.2'],
      ['GD-DL,耕地,县农业农村局,通知,yearly,per_mu,105.00,0.8', 'item_code', 'GD-DL'],
    ];
    for (const [row, column, value] of cases) {
      const itemsFile = writeFile('items.csv', [ITEMS_HEADER, row]);
      await expectError(generateDemoData(options({ itemsFile }), TODAY), 'itemRowInvalid', { line: 2, column, value });
    }
  });

  it('writes nothing when the input is rejected', async () => {
    await generateDemoData(options({ countyCode: '430111' }), TODAY).catch(() => undefined);
    expect(existsSync(path.join(temp.dir, 'out'))).toBe(false);
  });
});

describe('demo-data error messages', () => {
  it('exist in both languages for every error key', () => {
    const keys: DemoDataErrorKey[] = [
      'fileUnreadable',
      'csvInvalid',
      'csvMissingColumn',
      'csvEmpty',
      'regionRowInvalid',
      'itemRowInvalid',
      'countyNotFound',
      'noVillages',
      'tooManyHouseholds',
      'outputFailed',
      'invalidOption',
    ];
    for (const language of ['zh-CN', 'en'] as const) {
      const t = translatorFor(language);
      for (const key of keys) expect(t(`demo:${key}`, { file: 'x.csv' }), `${language} ${key}`).not.toBe(key);
    }
  });
});

describe('demo-data output folder', () => {
  it('contains only the four files after a run', async () => {
    await generateDemoData(options({ boards: 'none' }), TODAY);
    expect(readdirSync(path.join(temp.dir, 'out')).sort()).toEqual([
      'payments.csv',
      'persons.csv',
      'regions.csv',
      'subsidy_items.csv',
    ]);
  });
});
