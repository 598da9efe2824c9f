// Generates a demo data set in the four CSV files of data standard v1 (regions.csv,
// subsidy_items.csv, persons.csv, payments.csv): generated households on the real villages of
// one county, with payments that follow the subsidy catalogue. Unless the board scale is
// `none`, it also writes the 13 files of data standard v2 and their documents/ folder
// (boards/generate-boards.ts). The same options always give byte-identical files.
import path from 'node:path';
import { fenToYuanText } from '../../../src-shared/money.js';
import { CsvFileWriter } from './csv-output.js';
import { DemoDataError } from './errors.js';
import { isCommunity, selectCounty } from './geography.js';
import type { CountyGeography } from './geography.js';
import { drawHousehold } from './household.js';
import { IdNumberAllocator } from './id-numbers.js';
import { PaymentGenerator } from './payments.js';
import type { PaymentRow } from './payments.js';
import { BoardsGenerator, removeBoardFiles } from './boards/generate-boards.js';
import type { BoardsSummary } from './boards/generate-boards.js';
import type { BoardScale } from './boards/scale.js';
import { Random, WeightedTable } from './prng.js';
import { REGION_COLUMNS, parseItems, parseRegions, readCsvTable } from './reference-data.js';
import type { CsvTable } from './reference-data.js';
import { DEFAULT_ITEMS_FILE, DEFAULT_REGIONS_FILE, shippedReferencePath } from './reference-paths.js';
import { makeFolder } from '../../core/make-folder.js';

export interface DemoDataOptions {
  // Defaults to the regions and items files shipped in resources/reference/.
  regionsFile?: string;
  itemsFile?: string;
  // 6-digit county code; its digits are also the first six of every ID number.
  countyCode: string;
  households: number;
  seed: number;
  outDir: string;
  // Inclusive range of payment years; defaults 2021 and 2024.
  yearFrom?: number;
  yearTo?: number;
  // Volume of the disclosure boards (data standard v2), `small` by default.
  boards?: BoardScale;
}

export interface DemoDataSummary {
  countyCode: string;
  countyName: string;
  villages: number;
  households: number;
  persons: number;
  payments: number;
  totalFen: number;
  outDir: string;
  regionsFile: string;
  itemsFile: string;
  yearFrom: number;
  yearTo: number;
  // Null when the board scale is `none`.
  boards: BoardsSummary | null;
}

export const DEMO_DATA_LIMITS = {
  maxHouseholds: 200_000,
  // Household IDs end in a 4-digit serial within the village.
  maxHouseholdsPerVillage: 9_999,
  minYear: 2000,
  maxYears: 10,
  defaultYearFrom: 2021,
  defaultYearTo: 2024,
} as const;

export const OUTPUT_FILES = {
  regions: 'regions.csv',
  items: 'subsidy_items.csv',
  persons: 'persons.csv',
  payments: 'payments.csv',
} as const;

const PERSON_COLUMNS = ['id_number', 'name', 'household_id', 'relation', 'village_code'];
const PAYMENT_COLUMNS = ['payment_id', 'id_number', 'item_code', 'amount', 'paid_on', 'period', 'department'];

// Communities (社区) in the county town hold fewer rural households than villages.
const COMMUNITY_SIZE_FACTOR = 0.4;

function invalidOption(option: string, value: string | number, expected: string): DemoDataError {
  return new DemoDataError('invalidOption', { option, value, expected });
}

/** Checks the numeric options; birth dates lie before 1 January of the last year, so it must have begun. */
function checkOptions(options: DemoDataOptions, yearFrom: number, yearTo: number, today: Date): void {
  if (!/^\d{6}$/.test(options.countyCode)) {
    throw invalidOption('--county', options.countyCode, 'a 6-digit county code such as 431226');
  }
  const { households, seed } = options;
  if (!Number.isSafeInteger(households) || households < 1 || households > DEMO_DATA_LIMITS.maxHouseholds) {
    throw invalidOption('--households', households, `1-${DEMO_DATA_LIMITS.maxHouseholds}`);
  }
  if (!Number.isSafeInteger(seed) || seed < 0) {
    throw invalidOption('--seed', seed, `0-${Number.MAX_SAFE_INTEGER}`);
  }

  const currentYear = today.getUTCFullYear();
  if (!Number.isInteger(yearFrom) || yearFrom < DEMO_DATA_LIMITS.minYear || yearFrom > currentYear) {
    throw invalidOption('--year-from', yearFrom, `${DEMO_DATA_LIMITS.minYear}-${currentYear}`);
  }
  const lastAllowed = Math.min(currentYear, yearFrom + DEMO_DATA_LIMITS.maxYears - 1);
  if (!Number.isInteger(yearTo) || yearTo < yearFrom || yearTo > lastAllowed) {
    throw invalidOption('--year-to', yearTo, `${yearFrom}-${lastAllowed}`);
  }
}

function resolveReferenceFile(given: string | undefined, shippedName: string): string {
  if (given) return path.resolve(given);
  const shipped = shippedReferencePath(shippedName);
  if (!shipped) throw new DemoDataError('fileUnreadable', { file: shippedName, reason: 'not found in resources/reference' });
  return shipped;
}

/** Spreads households over the villages: village sizes vary, communities hold fewer. */
function householdsPerVillage(geography: CountyGeography, households: number, seed: number): number[] {
  const random = new Random(seed, 'villages');
  const table = new WeightedTable(
    geography.villages.map((village, index) => ({
      value: index,
      weight: (0.5 + random.next()) * (isCommunity(village) ? COMMUNITY_SIZE_FACTOR : 1),
    })),
  );

  const counts = geography.villages.map(() => 0);
  for (let household = 0; household < households; household += 1) counts[table.draw(random)]! += 1;

  const largest = Math.max(...counts);
  if (largest > DEMO_DATA_LIMITS.maxHouseholdsPerVillage) {
    throw new DemoDataError('tooManyHouseholds', {
      households,
      villages: geography.villages.length,
      limit: DEMO_DATA_LIMITS.maxHouseholdsPerVillage,
    });
  }
  return counts;
}

async function writeTable(file: string, header: readonly string[], records: readonly string[][]): Promise<CsvFileWriter> {
  const writer = new CsvFileWriter(file, header);
  for (const record of records) await writer.write(record);
  return writer;
}

export async function generateDemoData(options: DemoDataOptions, today: Date = new Date()): Promise<DemoDataSummary> {
  const yearFrom = options.yearFrom ?? DEMO_DATA_LIMITS.defaultYearFrom;
  const yearTo = options.yearTo ?? DEMO_DATA_LIMITS.defaultYearTo;
  checkOptions(options, yearFrom, yearTo, today);

  // 1. Read and check the reference files before touching the output folder.
  const regionsFile = resolveReferenceFile(options.regionsFile, DEFAULT_REGIONS_FILE);
  const itemsFile = resolveReferenceFile(options.itemsFile, DEFAULT_ITEMS_FILE);
  const geography = selectCounty(parseRegions(await readCsvTable(regionsFile), regionsFile), options.countyCode, regionsFile);
  const itemsTable: CsvTable = await readCsvTable(itemsFile);
  const items = parseItems(itemsTable, itemsFile);
  const villageCounts = householdsPerVillage(geography, options.households, options.seed);

  // 2. Open the four outputs; each is renamed into place only when complete.
  const outDir = path.resolve(options.outDir);
  try {
    await makeFolder(outDir);
  } catch (error) {
    throw new DemoDataError('outputFailed', { dir: outDir, reason: (error as Error).message });
  }
  const writers: CsvFileWriter[] = [];
  const summary: DemoDataSummary = {
    countyCode: geography.county.code,
    countyName: geography.county.name,
    villages: geography.villages.length,
    households: 0,
    persons: 0,
    payments: 0,
    totalFen: 0,
    outDir,
    regionsFile,
    itemsFile,
    yearFrom,
    yearTo,
    boards: null,
  };
  const boardScale = options.boards ?? 'small';
  const boards =
    boardScale === 'none'
      ? null
      : new BoardsGenerator(geography, items, { scale: boardScale, seed: options.seed, yearFrom, yearTo, outDir }, today);

  try {
    const regionRecords = geography.rows.map((row) => [row.code, row.name, row.parentCode, row.level]);
    writers.push(await writeTable(path.join(outDir, OUTPUT_FILES.regions), REGION_COLUMNS, regionRecords));
    writers.push(await writeTable(path.join(outDir, OUTPUT_FILES.items), itemsTable.header, itemsTable.records));
    const persons = new CsvFileWriter(path.join(outDir, OUTPUT_FILES.persons), PERSON_COLUMNS);
    const payments = new CsvFileWriter(path.join(outDir, OUTPUT_FILES.payments), PAYMENT_COLUMNS);
    writers.push(persons, payments);

    // 3. Generate village by village, streaming each household's rows out as it is drawn.
    const householdRandom = new Random(options.seed, 'households');
    const paymentRandom = new Random(options.seed, 'payments');
    const allocator = new IdNumberAllocator(geography.county.code);
    const paymentGenerator = new PaymentGenerator(items, { seed: options.seed, yearFrom, yearTo });
    const pendingPayments: PaymentRow[] = [];

    for (const [villageIndex, village] of geography.villages.entries()) {
      for (let serial = 1; serial <= villageCounts[villageIndex]!; serial += 1) {
        const household = drawHousehold(
          householdRandom,
          {
            householdId: village.code + String(serial).padStart(4, '0'),
            villageCode: village.code,
            isCommunity: isCommunity(village),
            referenceYear: yearTo,
          },
          allocator,
        );
        summary.households += 1;

        for (const member of household.members) {
          await persons.write([member.idNumber, member.name, household.householdId, member.relation, village.code]);
        }

        paymentGenerator.generate(paymentRandom, household, (row) => {
          summary.totalFen += row.amountFen;
          pendingPayments.push(row);
        });
        for (const row of pendingPayments) {
          await payments.write([row.paymentId, row.idNumber, row.itemCode, fenToYuanText(row.amountFen), row.paidOn, row.period, row.department]);
        }
        boards?.addHousehold(household, pendingPayments);
        pendingPayments.length = 0;
      }
    }

    summary.persons = persons.rowCount;
    summary.payments = payments.rowCount;

    // 4. Write the boards before moving the v1 files into place, so a failure leaves neither.
    if (boards) summary.boards = await boards.write();
    else await removeBoardFiles(outDir);
    for (const writer of writers) await writer.finish();
  } catch (error) {
    await Promise.all(writers.map((writer) => writer.discard()));
    if (error instanceof DemoDataError) throw error;
    throw new DemoDataError('outputFailed', { dir: outDir, reason: (error as Error).message });
  }

  return summary;
}
