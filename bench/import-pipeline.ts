// Cost of importing a payment export of 1,000,000 rows. The export is a GBK CSV as Excel on
// Chinese Windows saves it (title row, CRLF, a sum footer). It has bank account and phone columns,
// and about 5% of its cells are damaged (0.1% beyond repair). Timed: reading the file into a
// SourceTable, mapping its headers, and cleaning every row into records. Writing it is not timed.
import { closeSync, openSync, statSync, writeSync } from 'node:fs';
import path from 'node:path';
import iconv from 'iconv-lite';
import { Random } from '../src-main/publisher/demo-data/prng.js';
import { cleanContextAt } from '../src-main/publisher/import/clean-result.js';
import { createRowCleaner } from '../src-main/publisher/import/clean-rows.js';
import { mapHeaders } from '../src-main/publisher/import/map-headers.js';
import { readDepartmentFile } from '../src-main/publisher/import/read-department-file.js';
import { randomPayment } from './random-payment.js';
import { timeAsync, timeSync } from './timing.js';

const DAMAGED = 0.05;
// Share of ID numbers that Excel turned into scientific notation, which rejects the row.
const UNREPAIRABLE = 0.001;
const LINES_PER_CHUNK = 10_000;
const HEADERS = ['序号', '姓  名', '身份证号码', '补贴项目', '发放金额（元）', '发放日期', '发放期间', '乡镇', '村', '组', '银行卡号', '联系电话', '备注'];
const NAMES = ['张三', '李四', '王五', '赵六', '钱七', '孙八', '周九', '欧阳娜娜'];
const ITEMS = ['耕地地力保护补贴', '城乡居民基本养老保险', '农村低保', '特困人员供养'];
const GROUPS = ['一组', '二组', '三组', '十二组'];

function buildLine(serial: number, random: Random): string {
  const damaged = (): boolean => random.chance(DAMAGED);
  const { idNumber, yuan, month, day } = randomPayment(random);
  const monthText = String(month).padStart(2, '0');

  return [
    String(serial),
    damaged() ? '王  五' : random.pick(NAMES),
    random.chance(UNREPAIRABLE) ? '4.39901E+17' : damaged() ? idNumber.toLowerCase() : idNumber,
    random.pick(ITEMS),
    damaged() ? `"${Number(yuan).toLocaleString('en-US', { minimumFractionDigits: 2 })}元"` : yuan,
    damaged() ? `2024年${month}月${day}日` : `2024-${monthText}-${String(day).padStart(2, '0')}`,
    damaged() ? `2024年${month}月` : `2024-${monthText}`,
    '城关镇',
    '新村',
    damaged() ? '１２组' : random.pick(GROUPS),
    `6217${String(random.int(0, 999_999_999)).padStart(15, '0')}`,
    `138${String(random.int(0, 99_999_999)).padStart(8, '0')}`,
    damaged() ? ' 补发 ' : '',
  ].join(',');
}

/** Writes the export into `file` in GBK, a chunk of lines at a time. */
function writeExport(file: string, rowCount: number): void {
  const random = new Random(1, 'import-pipeline');
  const handle = openSync(file, 'w');
  try {
    writeSync(handle, iconv.encode(`2024年补贴发放明细表\r\n${HEADERS.join(',')}\r\n`, 'gbk'));
    for (let start = 1; start <= rowCount; start += LINES_PER_CHUNK) {
      const lines: string[] = [];
      for (let serial = start; serial < Math.min(start + LINES_PER_CHUNK, rowCount + 1); serial++) lines.push(buildLine(serial, random));
      writeSync(handle, iconv.encode(`${lines.join('\r\n')}\r\n`, 'gbk'));
    }
    writeSync(handle, iconv.encode('合计\r\n', 'gbk'));
  } finally {
    closeSync(handle);
  }
}

/** Reads, maps and cleans a generated export of `rowCount` rows; returns the bench table's lines. */
export async function runImportBench(work: string, rowCount = 1_000_000): Promise<[string, string][]> {
  const file = `import-${rowCount}.csv`;
  writeExport(path.join(work, file), rowCount);
  const megabytes = statSync(path.join(work, file)).size / 1e6;

  const read = await timeAsync(() => readDepartmentFile(work, file));
  const table = read.value.tables[0]!;

  const cpuAtStart = process.cpuUsage();
  const cleaned = timeSync(() => {
    const map = mapHeaders(table.headers, 'payments');
    if (map.problems.length > 0) throw new Error(`bench export has header problems: ${JSON.stringify(map.problems)}`);
    const cleanRow = createRowCleaner(table, map, { context: cleanContextAt(new Date()) });
    let accepted = 0;
    let repairs = 0;
    let rejected = 0;
    for (const row of table.rows) {
      const result = cleanRow(row);
      if (result.ok) {
        accepted += 1;
        repairs += result.repairs.length;
      } else rejected += 1;
    }
    return { accepted, repairs, rejected };
  });
  const cpu = process.cpuUsage(cpuAtStart);
  const cpuSeconds = (cpu.user + cpu.system) / 1e6;
  const { accepted, repairs, rejected } = cleaned.value;

  return [
    ['import read (GBK CSV)', `${(read.ms / 1000).toFixed(2)} s for ${megabytes.toFixed(0)} MB, ${table.rows.length} rows x ${HEADERS.length} columns`],
    ['import map + clean', `${(cleaned.ms / 1000).toFixed(2)} s (CPU ${cpuSeconds.toFixed(2)} s): ${accepted} rows accepted, ${repairs} repairs, ${rejected} rows rejected`],
    ['import read + map + clean', `${((read.ms + cleaned.ms) / 1000).toFixed(2)} s; max RSS ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB`],
  ];
}
