// The department folder of the `check` benchmark: one county's payment export for 2024 with
// regions.csv, subsidy_items.csv, a rules file and the two lists it names. The export is the
// payment system's CSV as Excel on Chinese Windows saves it: GBK, CRLF, a title row, a sum footer,
// and bank account and phone columns. People live in the real townships and villages of 麻阳
// (431226) and are paid the items of the shipped subsidy catalogue at its demo amounts and shares.
// About 5% of the name, ID number, amount, date, period, group and remark cells carry damage that
// the cleaners repair, and about 0.1% of rows carry damage that they reject. Some rows repeat,
// exceed the standard, are paid after a death on the list or to an official, and some pensions stop
// in September, so every rule that a payment export can trigger has warnings to build.
import { mkdirSync, openSync, closeSync, rmSync, statSync, writeFileSync, writeSync } from 'node:fs';
import path from 'node:path';
import iconv from 'iconv-lite';
import { fenToYuanText, formatFenAsYuan } from '../src-shared/money.js';
import { generateDemoData, OUTPUT_FILES } from '../src-main/publisher/demo-data/generate.js';
import { csvLine } from '../src-main/publisher/demo-data/csv-output.js';
import { IdNumberAllocator } from '../src-main/publisher/demo-data/id-numbers.js';
import { drawGivenName, drawSurname } from '../src-main/publisher/demo-data/names.js';
import { drawWorkingDay } from '../src-main/publisher/demo-data/payment-calendar.js';
import { perMuAmountFen } from '../src-main/publisher/demo-data/payments.js';
import { Random } from '../src-main/publisher/demo-data/prng.js';
import { parseItems, parseRegions, readCsvTable } from '../src-main/publisher/demo-data/reference-data.js';
import type { SubsidyItem } from '../src-main/publisher/demo-data/reference-data.js';

const COUNTY = '431226';
const YEAR = 2024;
export const EXPORT_FILE = '县财政局一卡通发放明细2024.csv';
const HEADERS = ['序号', '姓  名', '身份证号码', '补贴项目', '发放金额（元）', '发放日期', '发放期间', '乡镇', '村', '组', '银行卡号', '联系电话', '备注'];
const LINES_PER_CHUNK = 10_000;

// Shares of cells and rows. Repairable damage is drawn per cell, rejections and warnings per row
// or per person.
const DAMAGED_CELL = 0.05;
const REJECTED_ROW = 0.001;
const REPEATED_ROW = 0.0005;
const ABOVE_STANDARD_ROW = 0.0005;
const STOPPED_PENSION = 0.003;
const DEPARTED_PERSON = 0.002;
const OFFICIAL_PERSON = 0.001;
// Share of people who head a household and so receive the per-household and per-mu items.
const HEAD_SHARE = 0.4;
// Share of rows that write the village as its committee ("…村委会") or the township as its
// government ("…镇人民政府"), which the region lookup must still resolve.
const OFFICE_NAME = 0.1;

interface Place {
  township: string;
  village: string;
}

interface Person {
  idNumber: string;
  name: string;
  place: Place;
  group: string;
  bankAccount: string;
  phone: string;
}

export interface CountyExport {
  /** Data rows of the export, footer left out. */
  rows: number;
  persons: number;
  megabytes: number;
  departed: number;
  officials: number;
}

const DIGITS_TO_FULL_WIDTH = (text: string): string => text.replace(/[0-9]/g, (digit) => String.fromCharCode(digit.charCodeAt(0) + 0xfee0));

/** Writes subsidy_items.csv with the cadence and, for items not paid per mu, the standard_amount. */
function writeItems(dataDir: string, items: SubsidyItem[]): void {
  const lines = [csvLine(['item_code', 'name', 'department', 'policy_basis', 'cadence', 'standard_amount'])];
  for (const item of items) {
    const standard = item.unit === 'per_mu' ? '' : fenToYuanText(item.amountFen);
    lines.push(csvLine([item.itemCode, item.name, item.department, item.policyBasis, item.cadence, standard]));
  }
  writeFileSync(path.join(dataDir, OUTPUT_FILES.items), lines.join(''));
}

/** Draws the people of the county: ID numbers of 431226, names, villages and account numbers. */
class PersonDrawer {
  private readonly allocator = new IdNumberAllocator(COUNTY);
  private readonly groups = ['一组', '二组', '三组', '四组', '五组', '六组', '七组', '八组', '九组', '十组', '十一组', '十二组'];

  constructor(
    private readonly random: Random,
    private readonly places: Place[],
  ) {}

  draw(): Person {
    const random = this.random;
    const sex = random.chance(0.5) ? 'male' : 'female';
    let idNumber: string | null = null;
    let birthYear = 0;
    while (idNumber === null) {
      birthYear = random.int(1930, 2015);
      const birthDate = `${birthYear}${String(random.int(1, 12)).padStart(2, '0')}${String(random.int(1, 28)).padStart(2, '0')}`;
      idNumber = this.allocator.allocate(random, birthDate, sex);
    }
    return {
      idNumber,
      name: drawSurname(random) + drawGivenName(random, sex, birthYear),
      place: random.pick(this.places),
      group: random.pick(this.groups),
      bankAccount: `62179${String(random.int(0, 999_999_999)).padStart(14, '0')}`,
      phone: `13${random.int(5, 9)}${String(random.int(0, 99_999_999)).padStart(8, '0')}`,
    };
  }
}

/** One payment before damage: the item, the amount in fen and the month paid (1-12). */
interface Payment {
  item: SubsidyItem;
  fen: number;
  month: number;
}

/** Draws the payments of one person for the year, repeats included. */
function paymentsOf(random: Random, items: SubsidyItem[], stopPension: boolean): Payment[] {
  const head = random.chance(HEAD_SHARE);
  const payments: Payment[] = [];
  for (const item of items) {
    if (item.unit !== 'per_person' && !head) continue;
    // Per-household shares apply to heads, so they are divided by the share of heads.
    const share = item.unit === 'per_person' ? item.shareOfHouseholds : Math.min(1, item.shareOfHouseholds / HEAD_SHARE);
    if (!random.chance(share)) continue;

    const fen = item.unit === 'per_mu' ? perMuAmountFen(random.int(5, 150), item.amountFen) : item.amountFen;
    if (item.cadence === 'monthly') {
      const lastMonth = stopPension && item.itemCode === 'CXYL' ? 8 : 12;
      for (let month = 1; month <= lastMonth; month++) payments.push({ item, fen, month });
    } else payments.push({ item, fen, month: random.int(3, 11) });
  }
  return payments;
}

/** Returns the name of the village's committee: 红岩村 -> 红岩村委会, 城北社区 -> 城北社区居委会. */
function officeName(village: string): string {
  return village.endsWith('社区') ? `${village}居委会` : `${village}委会`;
}

/** Returns the CSV line of one payment with damage drawn at the shares above, twice for a repeated payment. */
function paymentLines(random: Random, person: Person, payment: Payment, serial: number): { lines: string[]; fen: number } {
  const damaged = (): boolean => random.chance(DAMAGED_CELL);
  const { item, month } = payment;
  const paidOn = drawWorkingDay(random, YEAR, month);
  const [, monthText, dayText] = paidOn.split('-');
  const period = item.cadence === 'monthly' ? `${YEAR}-${monthText}` : String(YEAR);
  let fen = payment.fen;
  if (item.unit !== 'per_mu' && random.chance(ABOVE_STANDARD_ROW)) fen += 5000;

  let idNumber = person.idNumber;
  let amount = fenToYuanText(fen);
  let paidOnText = paidOn;
  if (random.chance(REJECTED_ROW)) {
    // Damage the cleaners reject: Excel's scientific notation, a third decimal, a date that does not exist.
    const kind = random.int(0, 2);
    if (kind === 0) idNumber = `${idNumber.slice(0, 1)}.${idNumber.slice(1, 6)}E+17`;
    else if (kind === 1) amount = `${amount}5`;
    else paidOnText = `${YEAR}-02-30`;
  } else {
    if (damaged()) idNumber = idNumber.endsWith('X') ? idNumber.toLowerCase() : DIGITS_TO_FULL_WIDTH(idNumber);
    if (damaged()) amount = `${formatFenAsYuan(fen)}元`;
    if (damaged()) paidOnText = `${YEAR}年${Number(monthText)}月${Number(dayText)}日`;
  }

  const { township, village } = person.place;
  let periodText = period;
  if (damaged()) periodText = item.cadence === 'monthly' ? `${YEAR}年${Number(monthText)}月` : `${YEAR}年度`;
  const line = csvLine([
    String(serial),
    damaged() ? `${person.name[0]}  ${person.name.slice(1)}` : person.name,
    idNumber,
    item.name,
    amount,
    paidOnText,
    periodText,
    random.chance(OFFICE_NAME) ? `${township}人民政府` : township,
    random.chance(OFFICE_NAME) ? officeName(village) : village,
    damaged() ? DIGITS_TO_FULL_WIDTH(person.group) : person.group,
    person.bankAccount,
    person.phone,
    damaged() ? ' 补发 ' : '',
  ]).replace(/\n$/, '');
  return { lines: random.chance(REPEATED_ROW) ? [line, line] : [line], fen };
}

/**
 * Writes the department folder into `dataDir` (created): the export of `rowCount` rows, the
 * reference files, check-rules.json and lists/. The same arguments give the same files.
 */
export async function writeCountyExport(dataDir: string, rowCount: number, seed = 1): Promise<CountyExport> {
  // 1. regions.csv and the catalogue from the county's demo data, without its persons and payments.
  await generateDemoData({ countyCode: COUNTY, households: 1, seed, outDir: dataDir, yearFrom: YEAR, yearTo: YEAR, boards: 'none' }, new Date(Date.UTC(YEAR + 1, 0, 1)));
  rmSync(path.join(dataDir, OUTPUT_FILES.persons));
  rmSync(path.join(dataDir, OUTPUT_FILES.payments));
  const regionsFile = path.join(dataDir, OUTPUT_FILES.regions);
  const itemsFile = path.join(dataDir, OUTPUT_FILES.items);
  const regions = parseRegions(await readCsvTable(regionsFile), regionsFile);
  const items = parseItems(await readCsvTable(itemsFile), itemsFile);
  writeItems(dataDir, items);

  const townships = new Map(regions.filter((region) => region.level === 'township').map((region) => [region.code, region.name]));
  const places = regions
    .filter((region) => region.level === 'village' && townships.has(region.parentCode))
    .map((region) => ({ township: townships.get(region.parentCode)!, village: region.name }));

  // 2. The export, person by person, until it has `rowCount` rows.
  const random = new Random(seed, 'county-export');
  const drawer = new PersonDrawer(random, places);
  const departed: string[] = [];
  const officials: string[] = [];
  const file = path.join(dataDir, EXPORT_FILE);
  const handle = openSync(file, 'w');
  let rows = 0;
  let persons = 0;
  let totalFen = 0;
  try {
    writeSync(handle, iconv.encode(`${YEAR}年麻阳苗族自治县惠民惠农补贴资金发放明细表\r\n${HEADERS.join(',')}\r\n`, 'gbk'));
    let chunk: string[] = [];
    while (rows < rowCount) {
      const person = drawer.draw();
      persons += 1;
      if (random.chance(DEPARTED_PERSON)) departed.push(csvLine([person.name, person.idNumber, `${YEAR}-06-30`, random.chance(0.7) ? '死亡' : '迁出']));
      if (random.chance(OFFICIAL_PERSON)) officials.push(csvLine([person.name, person.idNumber, '村委会委员', random.pick(['本人', '配偶', '子女'])]));

      for (const payment of paymentsOf(random, items, random.chance(STOPPED_PENSION))) {
        const { lines, fen } = paymentLines(random, person, payment, rows + 1);
        for (const line of lines) {
          if (rows === rowCount) break;
          chunk.push(line);
          rows += 1;
          totalFen += fen;
        }
      }
      if (chunk.length >= LINES_PER_CHUNK) {
        writeSync(handle, iconv.encode(`${chunk.join('\r\n')}\r\n`, 'gbk'));
        chunk = [];
      }
    }
    if (chunk.length > 0) writeSync(handle, iconv.encode(`${chunk.join('\r\n')}\r\n`, 'gbk'));
    writeSync(handle, iconv.encode(`合计,,,,${fenToYuanText(totalFen)}\r\n`, 'gbk'));
  } finally {
    closeSync(handle);
  }

  // 3. The rules file and its lists, in a subfolder the folder scan skips.
  mkdirSync(path.join(dataDir, 'lists'));
  writeFileSync(path.join(dataDir, 'lists', 'departed.csv'), [csvLine(['姓名', '身份证号码', '死亡日期', '类型']), ...departed].join(''));
  writeFileSync(path.join(dataDir, 'lists', 'officials.csv'), [csvLine(['姓名', '身份证号码', '职务', '与干部关系']), ...officials].join(''));
  const rules = { description: '基准测试规则', afterDeathOrMove: { list: 'lists/departed.csv' }, officialRecipient: { list: 'lists/officials.csv' } };
  writeFileSync(path.join(dataDir, 'check-rules.json'), JSON.stringify(rules, null, 2));

  return { rows, persons, megabytes: statSync(file).size / 1e6, departed: departed.length, officials: officials.length };
}
