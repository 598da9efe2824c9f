// The corpus of cell cases for the import's cell cleaners: each kind of damage a department file
// carries, with the expected clean value and repairs or the expected rejection. The cleaners see
// decoded text or spreadsheet cells, so the file's encoding plays no part here.
// ID numbers are made up: region 439901 does not exist, and the check character is computed.
import { computeCheckCharacter } from '../../src-shared/id-number.js';
import type { RejectReason, RepairKind } from '../../src-main/publisher/import/clean-result.js';
import type { CellValue } from '../../src-main/publisher/import/source-table.js';

export type CleanerName = 'text' | 'idNumber' | 'amount' | 'signedAmount' | 'date' | 'date1904' | 'period';

export type Expected =
  | { value: string | number; repairs?: [RepairKind, string, string][] }
  | { reason: RejectReason; params?: Record<string, string | number> };

export interface CellCase {
  name: string;
  cleaner: CleanerName;
  cell: CellValue;
  expected: Expected;
}

/** The date every case is cleaned at: dates after 2027-12-31 and periods after 2027 are too late. */
export const CLEAN_AT = new Date('2026-12-05T04:00:00Z');

export const text = (value: string): CellValue => ({ kind: 'text', text: value });
export const number = (value: number, shown = String(value)): CellValue => ({ kind: 'number', value, shown });
const date = (value: string): CellValue => ({ kind: 'date', date: value });
const EMPTY: CellValue = { kind: 'empty' };
const TRUE: CellValue = { kind: 'boolean', value: true };

/** Appends the check character to 17 digits. */
export function withCheck(first17: string): string {
  return first17 + computeCheckCharacter(first17);
}

const ID = withCheck('43990119900101123');
const ID_X = '11010519491231002X'; // the worked example of GB 11643-1999
const LEGACY = '439901900101123'; // ID without "19" and the check character
const WRONG_CHECK = ID.slice(0, 17) + (ID[17] === '0' ? '1' : '0');

// Excel keeps 15 significant digits: what is left of ID after it was stored as a number.
const ROUNDED = `${ID.slice(0, 15)}000`;
const ROUNDED_CHECK_FAILS = computeCheckCharacter(ROUNDED.slice(0, 17)) !== '0';

// A real number may end in 000: sequence x00 with check character 0.
function idEndingIn000(): string {
  for (let day = 1; day <= 28; day += 1) {
    for (let digit = 1; digit <= 9; digit += 1) {
      const first17 = `439901199001${String(day).padStart(2, '0')}${digit}00`;
      if (computeCheckCharacter(first17) === '0') return `${first17}0`;
    }
  }
  throw new Error('no ID number ending in 000 found');
}
const ID_000 = idEndingIn000();

export const CELL_CASES: CellCase[] = [
  // Text
  { name: 'plain ASCII', cleaner: 'text', cell: text('abc-12'), expected: { value: 'abc-12' } },
  { name: 'Chinese name', cleaner: 'text', cell: text('张三丰'), expected: { value: '张三丰' } },
  { name: 'rare name characters', cleaner: 'text', cell: text('王𠀀䶮'), expected: { value: '王𠀀䶮' } },
  {
    name: 'leading and trailing spaces',
    cleaner: 'text',
    cell: text('  张三 '),
    expected: { value: '张三', repairs: [['trimmedSpaces', '  张三 ', '张三']] },
  },
  {
    name: 'padding inside a Chinese name',
    cleaner: 'text',
    cell: text('张  三'),
    expected: { value: '张三', repairs: [['spaceInChinese', '张  三', '张三']] },
  },
  {
    name: 'rare character after padding',
    cleaner: 'text',
    cell: text('王 𠀀'),
    expected: { value: '王𠀀', repairs: [['spaceInChinese', '王 𠀀', '王𠀀']] },
  },
  {
    name: 'repeated spaces in Latin text',
    cleaner: 'text',
    cell: text('Group  3   North'),
    expected: { value: 'Group 3 North', repairs: [['repeatedSpaces', 'Group  3   North', 'Group 3 North']] },
  },
  {
    name: 'space between Chinese and digits kept',
    cleaner: 'text',
    cell: text('三组 12 号'),
    expected: { value: '三组 12 号' },
  },
  {
    name: 'zero-width space',
    cleaner: 'text',
    cell: text('张\u200b三'),
    expected: { value: '张三', repairs: [['invisibleCharacters', '张\u200b三', '张三']] },
  },
  {
    name: 'zero-width joiner and non-joiner',
    cleaner: 'text',
    cell: text('李\u200d四\u200c'),
    expected: { value: '李四', repairs: [['invisibleCharacters', '李\u200d四\u200c', '李四']] },
  },
  {
    name: 'byte-order mark',
    cleaner: 'text',
    cell: text('\ufeff姓名'),
    expected: { value: '姓名', repairs: [['invisibleCharacters', '\ufeff姓名', '姓名']] },
  },
  {
    name: 'soft hyphen',
    cleaner: 'text',
    cell: text('王\u00ad五'),
    expected: { value: '王五', repairs: [['invisibleCharacters', '王\u00ad五', '王五']] },
  },
  {
    name: 'control characters',
    cleaner: 'text',
    cell: text('赵\u0000六\u0007\u007f'),
    expected: { value: '赵六', repairs: [['invisibleCharacters', '赵\u0000六\u0007\u007f', '赵六']] },
  },
  {
    name: 'direction override',
    cleaner: 'text',
    cell: text('\u202e钱七'),
    expected: { value: '钱七', repairs: [['invisibleCharacters', '\u202e钱七', '钱七']] },
  },
  {
    name: 'no-break space between Chinese',
    cleaner: 'text',
    cell: text('孙\u00a0八'),
    expected: {
      value: '孙八',
      repairs: [
        ['unusualSpaces', '孙\u00a0八', '孙 八'],
        ['spaceInChinese', '孙 八', '孙八'],
      ],
    },
  },
  {
    name: 'trailing ideographic space',
    cleaner: 'text',
    cell: text('周九\u3000'),
    expected: {
      value: '周九',
      repairs: [
        ['unusualSpaces', '周九\u3000', '周九 '],
        ['trimmedSpaces', '周九 ', '周九'],
      ],
    },
  },
  {
    name: 'line break inside a cell',
    cleaner: 'text',
    cell: text('first line\r\nsecond'),
    expected: {
      value: 'first line second',
      repairs: [
        ['unusualSpaces', 'first line\r\nsecond', 'first line  second'],
        ['repeatedSpaces', 'first line  second', 'first line second'],
      ],
    },
  },
  {
    name: 'full-width letters and digits',
    cleaner: 'text',
    cell: text('Ａ组１２号ｂ'),
    expected: { value: 'A组12号b', repairs: [['fullWidth', 'Ａ组１２号ｂ', 'A组12号b']] },
  },
  {
    name: 'Chinese punctuation kept',
    cleaner: 'text',
    cell: text('补发（三月），见附件：１'),
    expected: { value: '补发（三月），见附件：1', repairs: [['fullWidth', '补发（三月），见附件：１', '补发（三月），见附件：1']] },
  },
  {
    name: 'Excel formula text',
    cleaner: 'text',
    cell: text('="0123"'),
    expected: { value: '0123', repairs: [['excelFormulaText', '="0123"', '0123']] },
  },
  {
    name: 'Excel formula text with a quote',
    cleaner: 'text',
    cell: text('="say ""hi"""'),
    expected: { value: 'say "hi"', repairs: [['excelFormulaText', '="say ""hi"""', 'say "hi"']] },
  },
  { name: 'formula-like text kept', cleaner: 'text', cell: text('=SUM(A1:A3)'), expected: { value: '=SUM(A1:A3)' } },
  { name: 'number cell as shown', cleaner: 'text', cell: number(3, '3'), expected: { value: '3' } },
  { name: 'date cell as its date', cleaner: 'text', cell: date('2024-03-05'), expected: { value: '2024-03-05' } },
  { name: 'boolean cell', cleaner: 'text', cell: TRUE, expected: { value: 'TRUE' } },
  { name: 'empty cell', cleaner: 'text', cell: EMPTY, expected: { value: '' } },

  // ID numbers
  { name: 'valid ID number', cleaner: 'idNumber', cell: text(ID), expected: { value: ID } },
  { name: 'valid ID number ending in X', cleaner: 'idNumber', cell: text(ID_X), expected: { value: ID_X } },
  {
    name: 'lower-case x',
    cleaner: 'idNumber',
    cell: text('11010519491231002x'),
    expected: { value: ID_X, repairs: [['idLowerCaseX', '11010519491231002x', ID_X]] },
  },
  {
    name: 'spaces inside ID number',
    cleaner: 'idNumber',
    cell: text(`${ID.slice(0, 6)} ${ID.slice(6, 14)} ${ID.slice(14)}`),
    expected: {
      value: ID,
      repairs: [['idSeparators', `${ID.slice(0, 6)} ${ID.slice(6, 14)} ${ID.slice(14)}`, ID]],
    },
  },
  {
    name: 'dashes inside ID number',
    cleaner: 'idNumber',
    cell: text(`${ID.slice(0, 6)}-${ID.slice(6, 14)}-${ID.slice(14)}`),
    expected: { value: ID, repairs: [['idSeparators', `${ID.slice(0, 6)}-${ID.slice(6, 14)}-${ID.slice(14)}`, ID]] },
  },
  {
    name: 'full-width ID number',
    cleaner: 'idNumber',
    cell: text('１１０１０５１９４９１２３１００２Ｘ'),
    expected: { value: ID_X, repairs: [['fullWidth', '１１０１０５１９４９１２３１００２Ｘ', ID_X]] },
  },
  {
    name: 'full-width x and trailing space',
    cleaner: 'idNumber',
    cell: text('11010519491231002ｘ\u3000'),
    expected: {
      value: ID_X,
      repairs: [
        ['fullWidth', '11010519491231002ｘ\u3000', '11010519491231002x\u3000'],
        ['unusualSpaces', '11010519491231002x\u3000', '11010519491231002x '],
        ['trimmedSpaces', '11010519491231002x ', '11010519491231002x'],
        ['idLowerCaseX', '11010519491231002x', ID_X],
      ],
    },
  },
  {
    name: 'ID number in Excel formula text',
    cleaner: 'idNumber',
    cell: text(`="${ID}"`),
    expected: { value: ID, repairs: [['excelFormulaText', `="${ID}"`, ID]] },
  },
  {
    name: 'apostrophe before the number',
    cleaner: 'idNumber',
    cell: text(`'${ID}`),
    expected: { value: ID, repairs: [['textPrefix', `'${ID}`, ID]] },
  },
  {
    name: 'tab before the number',
    cleaner: 'idNumber',
    cell: text(`\t${ID}`),
    expected: {
      value: ID,
      repairs: [
        ['unusualSpaces', `\t${ID}`, ` ${ID}`],
        ['trimmedSpaces', ` ${ID}`, ID],
      ],
    },
  },
  { name: 'apostrophe kept in text', cleaner: 'text', cell: text("'quoted'"), expected: { value: "'quoted'" } },
  {
    name: 'legacy 15-digit number',
    cleaner: 'idNumber',
    cell: text(LEGACY),
    expected: { value: ID, repairs: [['idUpgradedTo18', LEGACY, ID]] },
  },
  {
    name: 'legacy number in a number cell',
    cleaner: 'idNumber',
    cell: number(Number(LEGACY)),
    expected: { value: ID, repairs: [['idUpgradedTo18', LEGACY, ID]] },
  },
  {
    name: 'number cell in scientific notation',
    cleaner: 'idNumber',
    cell: number(Number(ID), '4.39901E+17'),
    expected: { reason: 'idScientificNotation' },
  },
  {
    name: 'number cell showing rounded digits',
    cleaner: 'idNumber',
    cell: number(Number(ROUNDED), ROUNDED),
    expected: { reason: 'idRoundedDigits' },
  },
  {
    name: 'number cell of 16 digits',
    cleaner: 'idNumber',
    cell: number(1234567890123456, '1.23457E+15'),
    expected: { reason: 'idScientificNotation' },
  },
  { name: 'scientific notation as text', cleaner: 'idNumber', cell: text('4.39901E+17'), expected: { reason: 'idScientificNotation' } },
  { name: 'lower-case scientific text', cleaner: 'idNumber', cell: text('4.39901e17'), expected: { reason: 'idScientificNotation' } },
  {
    name: 'full-width scientific text',
    cleaner: 'idNumber',
    cell: text('４．３９９０１Ｅ＋１７'),
    expected: { reason: 'idScientificNotation' },
  },
  {
    name: 'rounded digits as text',
    cleaner: 'idNumber',
    cell: text(ROUNDED),
    expected: ROUNDED_CHECK_FAILS ? { reason: 'idRoundedDigits' } : { value: ROUNDED },
  },
  { name: 'real number ending in 000', cleaner: 'idNumber', cell: text(ID_000), expected: { value: ID_000 } },
  { name: 'wrong check character', cleaner: 'idNumber', cell: text(WRONG_CHECK), expected: { reason: 'idInvalidChecksum' } },
  {
    name: 'impossible birth date',
    cleaner: 'idNumber',
    cell: text(withCheck('43990119900230123')),
    expected: { reason: 'idInvalidBirthDate' },
  },
  {
    name: 'birth date in the future',
    cleaner: 'idNumber',
    cell: text(withCheck('43990120300101123')),
    expected: { reason: 'idInvalidBirthDate' },
  },
  {
    name: 'impossible legacy birth date',
    cleaner: 'idNumber',
    cell: text('439901901301123'),
    expected: { reason: 'idInvalidBirthDate' },
  },
  { name: '17 digits', cleaner: 'idNumber', cell: text(ID.slice(0, 17)), expected: { reason: 'idInvalidLength' } },
  { name: 'letters inside', cleaner: 'idNumber', cell: text('43990119900101A23X'), expected: { reason: 'idInvalidCharacters' } },
  { name: 'X not at the end', cleaner: 'idNumber', cell: text('4399011990010112X3'), expected: { reason: 'idInvalidCharacters' } },
  { name: 'blank ID text', cleaner: 'idNumber', cell: text(' \u3000 '), expected: { reason: 'empty' } },
  { name: 'empty ID cell', cleaner: 'idNumber', cell: EMPTY, expected: { reason: 'empty' } },
  { name: 'date cell as ID', cleaner: 'idNumber', cell: date('1990-01-01'), expected: { reason: 'wrongCellType' } },
  { name: 'fractional number as ID', cleaner: 'idNumber', cell: number(12.5), expected: { reason: 'idInvalidCharacters' } },

  // Amounts
  { name: 'plain amount', cleaner: 'amount', cell: text('1234.50'), expected: { value: 123450 } },
  { name: 'one decimal', cleaner: 'amount', cell: text('1234.5'), expected: { value: 123450 } },
  { name: 'whole yuan', cleaner: 'amount', cell: text('1234'), expected: { value: 123400 } },
  { name: 'zero', cleaner: 'amount', cell: text('0'), expected: { value: 0 } },
  {
    name: 'grouping and 元',
    cleaner: 'amount',
    cell: text('1,234.50元'),
    expected: {
      value: 123450,
      repairs: [
        ['amountUnit', '1,234.50元', '1,234.50'],
        ['amountGrouping', '1,234.50', '1234.50'],
      ],
    },
  },
  {
    name: 'yen sign and grouping',
    cleaner: 'amount',
    cell: text('¥1,234'),
    expected: {
      value: 123400,
      repairs: [
        ['amountUnit', '¥1,234', '1,234'],
        ['amountGrouping', '1,234', '1234'],
      ],
    },
  },
  {
    name: 'full-width yen sign',
    cleaner: 'amount',
    cell: text('￥88.00'),
    expected: { value: 8800, repairs: [['amountUnit', '￥88.00', '88.00']] },
  },
  {
    name: 'space before 元',
    cleaner: 'amount',
    cell: text('1234.50 元'),
    expected: { value: 123450, repairs: [['amountUnit', '1234.50 元', '1234.50']] },
  },
  {
    name: 'RMB prefix and 元整',
    cleaner: 'amount',
    cell: text('RMB 300元整'),
    expected: { value: 30000, repairs: [['amountUnit', 'RMB 300元整', '300']] },
  },
  {
    name: 'full-width digits and punctuation',
    cleaner: 'amount',
    cell: text('１，２３４．５'),
    expected: {
      value: 123450,
      repairs: [
        ['fullWidth', '１，２３４．５', '1,234.5'],
        ['amountGrouping', '1,234.5', '1234.5'],
      ],
    },
  },
  {
    name: 'zeros after the second decimal',
    cleaner: 'amount',
    cell: text('12.3400'),
    expected: { value: 1234, repairs: [['amountTrailingZeros', '12.3400', '12.34']] },
  },
  { name: 'number cell', cleaner: 'amount', cell: number(1234.5, '1,234.50'), expected: { value: 123450 } },
  { name: 'number cell of 0.1+0.2', cleaner: 'amount', cell: number(0.1 + 0.2, '0.3'), expected: { value: 30 } },
  { name: 'number cell of 12.3*3', cleaner: 'amount', cell: number(12.3 * 3, '36.9'), expected: { value: 3690 } },
  { name: 'number cell of 1.15', cleaner: 'amount', cell: number(1.15, '1.15'), expected: { value: 115 } },
  {
    name: 'hidden third decimal in a number cell',
    cleaner: 'amount',
    cell: number(1234.567, '1,234.57'),
    expected: { reason: 'amountTooManyDecimals' },
  },
  { name: 'three decimals', cleaner: 'amount', cell: text('12.345'), expected: { reason: 'amountTooManyDecimals' } },
  { name: 'negative amount', cleaner: 'amount', cell: text('-5.00'), expected: { reason: 'amountNegative' } },
  { name: 'negative number cell', cleaner: 'amount', cell: number(-5), expected: { reason: 'amountNegative' } },
  { name: 'allowed negative amount', cleaner: 'signedAmount', cell: text('-1,200.50'), expected: {
    value: -120050,
    repairs: [['amountGrouping', '-1,200.50', '-1200.50']],
  } },
  { name: 'allowed negative with U+2212', cleaner: 'signedAmount', cell: text('\u22125'), expected: { value: -500 } },
  { name: 'accounting zero dash', cleaner: 'amount', cell: text(' - '), expected: { reason: 'amountNotANumber' } },
  { name: 'signed accounting dash', cleaner: 'signedAmount', cell: text('-'), expected: { reason: 'amountNotANumber' } },
  { name: 'words', cleaner: 'amount', cell: text('壹仟元整'), expected: { reason: 'amountNotANumber' } },
  { name: 'exponent text', cleaner: 'amount', cell: text('1e3'), expected: { reason: 'amountNotANumber' } },
  { name: 'misplaced commas', cleaner: 'amount', cell: text('1,2,3.00'), expected: { reason: 'amountBadGrouping' } },
  { name: 'above the limit', cleaner: 'amount', cell: text('99999999999'), expected: { reason: 'amountTooLarge' } },
  { name: 'only a unit', cleaner: 'amount', cell: text('元'), expected: { reason: 'empty' } },
  { name: 'empty amount cell', cleaner: 'amount', cell: EMPTY, expected: { reason: 'empty' } },
  { name: 'date cell as amount', cleaner: 'amount', cell: date('2024-03-05'), expected: { reason: 'wrongCellType' } },

  // Dates
  { name: 'standard date', cleaner: 'date', cell: text('2024-03-05'), expected: { value: '2024-03-05' } },
  { name: 'date cell', cleaner: 'date', cell: date('2024-03-05'), expected: { value: '2024-03-05' } },
  {
    name: 'Excel serial in a number cell',
    cleaner: 'date',
    cell: number(45356),
    expected: { value: '2024-03-05', repairs: [['dateFromSerial', '45356', '2024-03-05']] },
  },
  {
    name: 'Excel serial with a time',
    cleaner: 'date',
    cell: number(45356.75),
    expected: { value: '2024-03-05', repairs: [['dateFromSerial', '45356.75', '2024-03-05']] },
  },
  {
    name: 'Excel serial as text',
    cleaner: 'date',
    cell: text('45356'),
    expected: { value: '2024-03-05', repairs: [['dateFromSerial', '45356', '2024-03-05']] },
  },
  {
    name: 'serial in the 1904 system',
    cleaner: 'date1904',
    cell: number(43894),
    expected: { value: '2024-03-05', repairs: [['dateFromSerial', '43894', '2024-03-05']] },
  },
  { name: 'phantom 1900-02-29', cleaner: 'date', cell: number(60), expected: { reason: 'dateNotExist' } },
  {
    name: 'serial before the phantom day',
    cleaner: 'date',
    cell: number(59),
    expected: { reason: 'dateTooEarly', params: { earliest: '1950-01-01' } },
  },
  { name: 'serial zero', cleaner: 'date', cell: number(0), expected: { reason: 'dateNotADate' } },
  {
    name: 'eight digits in a number cell',
    cleaner: 'date',
    cell: number(20240305),
    expected: { value: '2024-03-05', repairs: [['dateFormat', '20240305', '2024-03-05']] },
  },
  {
    name: 'Chinese date',
    cleaner: 'date',
    cell: text('2024年3月5日'),
    expected: { value: '2024-03-05', repairs: [['dateFormat', '2024年3月5日', '2024-03-05']] },
  },
  {
    name: 'Chinese date with 号 and spaces',
    cleaner: 'date',
    cell: text('2024 年 3 月 5 号'),
    expected: { value: '2024-03-05', repairs: [['dateFormat', '2024 年 3 月 5 号', '2024-03-05']] },
  },
  {
    name: 'full-width Chinese date',
    cleaner: 'date',
    cell: text('２０２４年３月５日'),
    expected: {
      value: '2024-03-05',
      repairs: [
        ['fullWidth', '２０２４年３月５日', '2024年3月5日'],
        ['dateFormat', '2024年3月5日', '2024-03-05'],
      ],
    },
  },
  {
    name: 'date without leading zeros',
    cleaner: 'date',
    cell: text('2024-3-5'),
    expected: { value: '2024-03-05', repairs: [['dateFormat', '2024-3-5', '2024-03-05']] },
  },
  {
    name: 'slashes',
    cleaner: 'date',
    cell: text('2024/03/05'),
    expected: { value: '2024-03-05', repairs: [['dateFormat', '2024/03/05', '2024-03-05']] },
  },
  {
    name: 'dots',
    cleaner: 'date',
    cell: text('2024.3.5'),
    expected: { value: '2024-03-05', repairs: [['dateFormat', '2024.3.5', '2024-03-05']] },
  },
  {
    name: 'eight digits as text',
    cleaner: 'date',
    cell: text('20240305'),
    expected: { value: '2024-03-05', repairs: [['dateFormat', '20240305', '2024-03-05']] },
  },
  {
    name: 'date and time from a CSV',
    cleaner: 'date',
    cell: text('2024/3/5 0:00'),
    expected: {
      value: '2024-03-05',
      repairs: [
        ['dateTimeDropped', '2024/3/5 0:00', '2024/3/5'],
        ['dateFormat', '2024/3/5', '2024-03-05'],
      ],
    },
  },
  {
    name: 'date and time with seconds',
    cleaner: 'date',
    cell: text('2024-03-05 10:30:00'),
    expected: { value: '2024-03-05', repairs: [['dateTimeDropped', '2024-03-05 10:30:00', '2024-03-05']] },
  },
  { name: 'leap day', cleaner: 'date', cell: text('2024-02-29'), expected: { value: '2024-02-29' } },
  { name: '29 February 2023', cleaner: 'date', cell: text('2023-02-29'), expected: { reason: 'dateNotExist' } },
  { name: 'month 13', cleaner: 'date', cell: text('2024年13月1日'), expected: { reason: 'dateNotExist' } },
  { name: '31 April', cleaner: 'date', cell: text('2024/4/31'), expected: { reason: 'dateNotExist' } },
  { name: 'day zero', cleaner: 'date', cell: text('20240300'), expected: { reason: 'dateNotExist' } },
  { name: 'mixed separators', cleaner: 'date', cell: text('2024-3/5'), expected: { reason: 'dateNotADate' } },
  { name: 'day-first order', cleaner: 'date', cell: text('5/3/2024'), expected: { reason: 'dateNotADate' } },
  { name: 'two-digit year', cleaner: 'date', cell: text('24-3-5'), expected: { reason: 'dateNotADate' } },
  { name: 'words for a date', cleaner: 'date', cell: text('三月初五'), expected: { reason: 'dateNotADate' } },
  {
    name: 'before 1950',
    cleaner: 'date',
    cell: text('1949-12-31'),
    expected: { reason: 'dateTooEarly', params: { earliest: '1950-01-01' } },
  },
  {
    name: 'spreadsheet placeholder date',
    cleaner: 'date',
    cell: date('1900-01-01'),
    expected: { reason: 'dateTooEarly', params: { earliest: '1950-01-01' } },
  },
  { name: 'end of next year', cleaner: 'date', cell: text('2027-12-31'), expected: { value: '2027-12-31' } },
  {
    name: 'after next year',
    cleaner: 'date',
    cell: text('2028-01-01'),
    expected: { reason: 'dateTooLate', params: { latest: '2027-12-31' } },
  },
  {
    name: 'year typo far ahead',
    cleaner: 'date',
    cell: text('2042-03-05'),
    expected: { reason: 'dateTooLate', params: { latest: '2027-12-31' } },
  },
  { name: 'empty date cell', cleaner: 'date', cell: EMPTY, expected: { reason: 'empty' } },
  { name: 'boolean date cell', cleaner: 'date', cell: TRUE, expected: { reason: 'wrongCellType' } },

  // Periods
  { name: 'standard month', cleaner: 'period', cell: text('2024-03'), expected: { value: '2024-03' } },
  { name: 'standard year', cleaner: 'period', cell: text('2024'), expected: { value: '2024' } },
  {
    name: 'Chinese month',
    cleaner: 'period',
    cell: text('2024年3月'),
    expected: { value: '2024-03', repairs: [['periodFormat', '2024年3月', '2024-03']] },
  },
  {
    name: 'Chinese month with 份',
    cleaner: 'period',
    cell: text('2024年12月份'),
    expected: { value: '2024-12', repairs: [['periodFormat', '2024年12月份', '2024-12']] },
  },
  {
    name: 'Chinese year',
    cleaner: 'period',
    cell: text('2024年度'),
    expected: { value: '2024', repairs: [['periodFormat', '2024年度', '2024']] },
  },
  {
    name: 'slash month',
    cleaner: 'period',
    cell: text('2024/3'),
    expected: { value: '2024-03', repairs: [['periodFormat', '2024/3', '2024-03']] },
  },
  {
    name: 'dot month with two digits',
    cleaner: 'period',
    cell: text('2024.10'),
    expected: { value: '2024-10', repairs: [['periodFormat', '2024.10', '2024-10']] },
  },
  { name: 'dot month 1', cleaner: 'period', cell: text('2024.1'), expected: { reason: 'periodAmbiguous' } },
  { name: 'number cell 2024.1', cleaner: 'period', cell: number(2024.1), expected: { reason: 'periodAmbiguous' } },
  {
    name: 'number cell 2024.03',
    cleaner: 'period',
    cell: number(2024.03),
    expected: { value: '2024-03', repairs: [['periodFormat', '2024.03', '2024-03']] },
  },
  {
    name: 'six digits',
    cleaner: 'period',
    cell: text('202403'),
    expected: { value: '2024-03', repairs: [['periodFormat', '202403', '2024-03']] },
  },
  {
    name: 'six digits in a number cell',
    cleaner: 'period',
    cell: number(202403),
    expected: { value: '2024-03', repairs: [['periodFormat', '202403', '2024-03']] },
  },
  { name: 'year in a number cell', cleaner: 'period', cell: number(2024), expected: { value: '2024' } },
  {
    name: 'month-formatted date cell',
    cleaner: 'period',
    cell: date('2024-03-01'),
    expected: { value: '2024-03', repairs: [['periodFromDate', '2024-03-01', '2024-03']] },
  },
  {
    name: 'serial in a period column',
    cleaner: 'period',
    cell: number(45352),
    expected: {
      value: '2024-03',
      repairs: [
        ['dateFromSerial', '45352', '2024-03-01'],
        ['periodFromDate', '2024-03-01', '2024-03'],
      ],
    },
  },
  {
    name: 'Chinese full date as period',
    cleaner: 'period',
    cell: text('2024年3月5日'),
    expected: {
      value: '2024-03',
      repairs: [
        ['dateFormat', '2024年3月5日', '2024-03-05'],
        ['periodFromDate', '2024-03-05', '2024-03'],
      ],
    },
  },
  {
    name: 'full-width period',
    cleaner: 'period',
    cell: text('２０２４年３月'),
    expected: {
      value: '2024-03',
      repairs: [
        ['fullWidth', '２０２４年３月', '2024年3月'],
        ['periodFormat', '2024年3月', '2024-03'],
      ],
    },
  },
  { name: 'period month 13', cleaner: 'period', cell: text('2024-13'), expected: { reason: 'periodNotExist' } },
  { name: 'period month 0', cleaner: 'period', cell: number(202400), expected: { reason: 'periodNotExist' } },
  { name: 'period from a non-date', cleaner: 'period', cell: text('2023-02-29'), expected: { reason: 'periodNotExist' } },
  { name: 'quarter', cleaner: 'period', cell: text('2024年第一季度'), expected: { reason: 'periodNotAPeriod' } },
  {
    name: 'period before 1950',
    cleaner: 'period',
    cell: text('1949-10'),
    expected: { reason: 'periodTooEarly', params: { earliestYear: 1950 } },
  },
  {
    name: 'period after next year',
    cleaner: 'period',
    cell: text('2028'),
    expected: { reason: 'periodTooLate', params: { latestYear: 2027 } },
  },
  { name: 'empty period cell', cleaner: 'period', cell: EMPTY, expected: { reason: 'empty' } },
];
