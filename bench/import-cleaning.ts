// Cost of the import's cell cleaners on a payment export of 1,000,000 rows with eight columns
// (name, ID number, item, amount, date, period, village group, remark), about 5% of the cells
// damaged in the ways department files are. Only the cleaning is timed; building the cells is not.
import { Random } from '../src-main/publisher/demo-data/prng.js';
import { cleanAmount } from '../src-main/publisher/import/clean-amount.js';
import { cleanDate } from '../src-main/publisher/import/clean-date.js';
import { cleanIdNumber } from '../src-main/publisher/import/clean-id-number.js';
import { cleanPeriod } from '../src-main/publisher/import/clean-period.js';
import { cleanContextAt } from '../src-main/publisher/import/clean-result.js';
import { cleanText } from '../src-main/publisher/import/clean-text.js';
import type { CellValue } from '../src-main/publisher/import/source-table.js';
import { randomPayment } from './random-payment.js';
import { timeSync } from './timing.js';

// Distinct rows built, then cleaned over and over up to the row count, so that building the
// cells stays small next to the timed part.
const DISTINCT_ROWS = 100_000;
const DAMAGED = 0.05;

const NAMES = ['张三', '李四', '王五', '赵六', '钱七', '孙八', '周九', '吴𠀀'];
const DAMAGED_NAMES = ['王 五', '赵六\u200b', ' 孙八 ', '周\u3000九'];
const ITEMS = ['耕地地力保护补贴', '城乡居民基本养老保险', '农村低保', '特困人员供养'];
const GROUPS = ['一组', '二组', '三组', '12组'];

function text(value: string): CellValue {
  return { kind: 'text', text: value };
}

function buildRow(random: Random): CellValue[] {
  const damaged = () => random.chance(DAMAGED);
  const { idNumber, yuan, month, day } = randomPayment(random);

  return [
    text(random.pick(damaged() ? DAMAGED_NAMES : NAMES)),
    text(damaged() ? idNumber.toLowerCase().replace(/^(\d{6})/, '$1 ') : idNumber),
    text(random.pick(ITEMS)),
    damaged() ? text(`${yuan}元`) : text(yuan),
    damaged() ? text(`2024年${month}月${day}日`) : text(`2024-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`),
    damaged() ? text(`2024年${month}月`) : text(`2024-${String(month).padStart(2, '0')}`),
    text(damaged() ? '１２组' : random.pick(GROUPS)),
    damaged() ? text(' 补发 ') : { kind: 'empty' },
  ];
}

/** Cleans `rowCount` rows and returns the bench table's lines. */
export function runCleaningBench(rowCount = 1_000_000): [string, string][] {
  const random = new Random(1, 'import-cleaning');
  const rows = Array.from({ length: Math.min(DISTINCT_ROWS, rowCount) }, () => buildRow(random));
  const context = cleanContextAt(new Date());

  const cpuAtStart = process.cpuUsage();
  const timed = timeSync(() => {
    let rejected = 0;
    let repaired = 0;
    for (let index = 0; index < rowCount; index += 1) {
      const row = rows[index % rows.length]!;
      const results = [
        cleanText(row[0]!),
        cleanIdNumber(row[1]!, context),
        cleanText(row[2]!),
        cleanAmount(row[3]!),
        cleanDate(row[4]!, context),
        cleanPeriod(row[5]!, context),
        cleanText(row[6]!),
        cleanText(row[7]!),
      ];
      for (const result of results) {
        if (!result.ok) rejected += 1;
        else if (result.repairs.length > 0) repaired += 1;
      }
    }
    return { rejected, repaired };
  });
  const cpu = process.cpuUsage(cpuAtStart);
  const cpuMs = (cpu.user + cpu.system) / 1000;

  const cells = rowCount * 8;
  return [
    [
      'import cell cleaning',
      `${(timed.ms / 1000).toFixed(2)} s (CPU ${(cpuMs / 1000).toFixed(2)} s, ${((cpuMs * 1e6) / cells).toFixed(0)} ns per cell) for ${rowCount} rows x 8 cells; ${timed.value.repaired} cells repaired, ${timed.value.rejected} rejected`,
    ],
  ];
}
