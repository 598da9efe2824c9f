// The folder a county worker puts together in the county-staff guide: the department exports of
// department-files.ts, a supplementary payment list (补发名单.csv) with its own headers and a header
// mapping file, the county's rules file with a departed list and an officials list, and damage of
// each kind the check repairs or rejects. All people come from the demo generator, so none is real.
// `fixSupplement` rewrites the list as the department sends it back corrected.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { generateDemoData } from '../../src-main/publisher/demo-data/generate.js';
import { csvText, readDemoRows, writeDepartmentFolder } from './department-files.js';
import type { DemoRows } from './department-files.js';

export const SUPPLEMENT_FILE = '补发名单.csv';
export const MAPPING_FILE = 'header-mapping.json';
export const RULES_FILE = 'check-rules.json';
export const DEPARTED_LIST = '名单/死亡迁出名单.csv';
export const OFFICIALS_LIST = '名单/村干部及亲属.csv';

/** Yuan per payment that the rules file sets as the standard of 耕地地力保护补贴 (GDDL). */
export const GDDL_STANDARD = '1300.00';

export interface CountyStaffFolder {
  /** The folder to check: department files, regions.csv, subsidy_items.csv, rules and lists. */
  dataDir: string;
  /** The header mapping file, beside the folder, for --mapping. */
  mappingFile: string;
  /** An ID number of a household with payments, to look up in the preview. */
  lookupIdNumber: string;
  /** Rows of the demo data the folder was made from. */
  demo: DemoRows;
}

const SUPPLEMENT_HEADER = ['受益人', '受益人证件号', '补贴项目', '发放金额', '发放日期', '发放期间', '乡镇', '村', '代发卡号'];

/** UTF-8 CSV with a BOM, as Excel saves it. */
function csvWithBom(rows: readonly (readonly string[])[]): string {
  return `\uFEFF${csvText(rows)}`;
}

/** Writes ASCII digits as full-width ones, as some Chinese input methods type them. */
function fullWidth(text: string): string {
  return text.replace(/[0-9]/g, (digit) => String.fromCharCode(digit.charCodeAt(0) + 0xfee0));
}

/** The 15-digit form of an 18-digit ID number born in the 1900s: no century, no check character. */
function legacyIdNumber(idNumber: string): string {
  return idNumber.slice(0, 6) + idNumber.slice(8, 17);
}

interface Placed {
  name: string;
  idNumber: string;
  township: string;
  village: string;
}

function placePersons(demo: DemoRows): Placed[] {
  const regionByCode = new Map(demo.regions.map((region) => [region.code!, region]));
  return demo.persons.map((person) => {
    const village = regionByCode.get(person.village_code!)!;
    return { name: person.name!, idNumber: person.id_number!, township: regionByCode.get(village.parent_code!)!.name!, village: village.name! };
  });
}

interface People {
  /** People without any 耕地地力保护补贴 payment, whom the supplement pays for 2024. */
  unpaid: Placed[];
  /** One of them born in the 1900s, whose ID number the supplement writes in 15 digits. */
  legacy: Placed;
  /** People paid 耕地地力保护补贴 for 2024: paid again, departed, an official. */
  paid: Placed[];
}

function pickPeople(demo: DemoRows): People {
  const gddl = demo.payments.filter((payment) => payment.item_code === 'GDDL');
  const everPaid = new Set(gddl.map((payment) => payment.id_number!));
  const paid2024 = new Set(gddl.filter((payment) => payment.period === '2024').map((payment) => payment.id_number!));
  const placed = placePersons(demo);

  const legacy = placed.find((person) => !everPaid.has(person.idNumber) && person.idNumber.slice(6, 8) === '19');
  const unpaid = placed.filter((person) => !everPaid.has(person.idNumber) && person !== legacy);
  const paid = placed.filter((person) => paid2024.has(person.idNumber));
  if (legacy === undefined || unpaid.length < 4 || paid.length < 3) throw new Error('the demo data has too few people for the county-staff folder');
  return { unpaid, legacy, paid };
}

function supplementRow(person: Placed, cells: { idNumber?: string; amount?: string; paidOn?: string }): string[] {
  return [
    person.name,
    cells.idNumber ?? person.idNumber,
    '耕地地力保护补贴',
    cells.amount ?? '105.00',
    cells.paidOn ?? '2024-11-20',
    '2024',
    person.township,
    person.village,
    '6217001234500001234',
  ];
}

/** Writes 补发名单.csv: damaged as received when `fixed` is false, corrected when it is true. */
function writeSupplement(dataDir: string, demo: DemoRows, fixed: boolean): void {
  const { unpaid, legacy, paid } = pickPeople(demo);
  const [first, second, third, fourth] = unpaid;
  const rows = [
    ['2024年耕地地力保护补贴补发名单'],
    SUPPLEMENT_HEADER,
    // Repaired: full-width digits, a 15-digit ID number, an amount with a unit, a Chinese date.
    supplementRow(first!, { idNumber: fullWidth(first!.idNumber), amount: '1,334.50元', paidOn: '2024年11月20日' }),
    supplementRow(legacy, { idNumber: legacyIdNumber(legacy.idNumber) }),
    // Rejected until fixed: an ID number in scientific notation, three decimals, 30 February.
    supplementRow(second!, { idNumber: fixed ? second!.idNumber : `${second!.idNumber.slice(0, 1)}.${second!.idNumber.slice(1, 6)}E+17` }),
    supplementRow(third!, { amount: fixed ? '105.50' : '105.505' }),
    supplementRow(fourth!, { paidOn: fixed ? '2024-02-29' : '2024-02-30' }),
    // Accepted, and warned about: this person was paid for 2024 already.
    supplementRow(paid[0]!, {}),
    ['合计', '', '', '1,860.00', '', '', '', '', ''],
  ];
  writeFileSync(path.join(dataDir, SUPPLEMENT_FILE), csvWithBom(rows));
}

/**
 * Builds the guide's folder in `root`: demo data for 431226 (2023 and 2024), the department
 * exports, the damaged supplement, the mapping file, the rules file and its two lists.
 */
export async function writeCountyStaffFolder(root: string, now = new Date('2025-06-01T00:00:00Z')): Promise<CountyStaffFolder> {
  const demoDir = path.join(root, 'demo');
  const dataDir = path.join(root, '2025-06-补贴数据');
  mkdirSync(path.join(dataDir, '名单'), { recursive: true });
  await generateDemoData({ countyCode: '431226', households: 40, seed: 12, outDir: demoDir, yearFrom: 2023, yearTo: 2024, boards: 'none' }, now);
  const demo = readDemoRows(demoDir);
  await writeDepartmentFolder(demoDir, dataDir);
  writeSupplement(dataDir, demo, false);

  const mappingFile = path.join(root, MAPPING_FILE);
  const mapping = {
    description: '县财政局补发名单',
    headers: { 受益人: 'name', 受益人证件号: 'id_number', 代发卡号: 'bank_account' },
  };
  writeFileSync(mappingFile, `${JSON.stringify(mapping, null, 2)}\n`);

  // The departed list names someone paid in 2024 as dead since 2024-01-15; the officials list a recipient.
  const { paid } = pickPeople(demo);
  const departed = paid[1]!;
  const official = paid[2]!;
  writeFileSync(
    path.join(dataDir, DEPARTED_LIST),
    csvWithBom([
      ['姓名', '身份证号', '类型', '死亡日期'],
      [departed.name, departed.idNumber, '死亡', '2024-01-15'],
    ]),
  );
  writeFileSync(
    path.join(dataDir, OFFICIALS_LIST),
    csvWithBom([
      ['姓名', '身份证号', '职务', '与干部关系', '干部姓名'],
      [official.name, official.idNumber, '村委会主任', '本人', official.name],
    ]),
  );
  const rules = {
    description: '麻阳苗族自治县 2024 年信息比对规则',
    aboveStandard: { standards: { GDDL: GDDL_STANDARD } },
    afterDeathOrMove: { list: DEPARTED_LIST },
    officialRecipient: { list: OFFICIALS_LIST },
    stoppedRecurring: { minPeriods: 3 },
  };
  writeFileSync(path.join(dataDir, RULES_FILE), `${JSON.stringify(rules, null, 2)}\n`);

  const lookupIdNumber = demo.payments.find((payment) => payment.item_code === 'GDDL')!.id_number!;
  return { dataDir, mappingFile, lookupIdNumber, demo };
}

/** Rewrites 补发名单.csv with the rejected rows corrected, as the department sends it back. */
export function fixSupplement(folder: CountyStaffFolder): void {
  writeSupplement(folder.dataDir, folder.demo, true);
}
