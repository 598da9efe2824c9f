// ID numbers (居民身份证号码) from department files. Repairs: separators typed inside, a lower-case
// x, legacy 15-digit numbers upgraded to 18 digits. Rejections: numbers that Excel has already
// damaged, which no program can restore, and numbers that fail GB 11643 (length, birth date,
// check character).
import { checkIdNumber, computeCheckCharacter, isRealBirthDate } from '../../../src-shared/id-number.js';
import type { IdNumberProblem } from '../../../src-shared/id-number.js';
import { reject, rejectNonNumeric } from './clean-result.js';
import type { CleanContext, Cleaned, Repair, RejectReason } from './clean-result.js';
import { recordRepair, repairText } from './clean-text.js';
import { cellText } from './source-table.js';
import type { CellValue } from './source-table.js';

const PROBLEM_REASONS: Record<IdNumberProblem, RejectReason> = {
  empty: 'empty',
  'invalid-characters': 'idInvalidCharacters',
  'invalid-length': 'idInvalidLength',
  'invalid-birth-date': 'idInvalidBirthDate',
  'invalid-checksum': 'idInvalidChecksum',
};

// Excel's General display of a long number, which a CSV saved by Excel keeps: 4.30123E+17.
const SCIENTIFIC = /^\d(?:\.\d+)?E\+?\d+$/i;
// Spaces and dashes typed to group the digits: 430123 19900101 1234, 430123-19900101-1234.
const SEPARATORS = /[ \-\u2010\u2011\u2013\u2014]/g;
// Excel keeps 15 significant digits, so an 18-digit number it stored as a number reads back with
// its last three digits as 000.
const ROUNDED_18 = /^\d{15}000$/;
const LOWER_X = /x$/;
// Most cells hold a well-formed number: they skip the repairs and the general checks.
const WELL_FORMED = /^\d{17}[\dX]$/;

// The smallest number of 16 digits. Excel keeps 15 significant digits, so a number cell from here
// up can no longer hold an ID number exactly, while a legacy 15-digit number fits below it.
const FIFTEEN_DIGITS = 1e15;

/**
 * Cleans a cell of an ID number column into the 18-digit form.
 *
 * A number cell of 16 or more digits is rejected whatever its checksum, because Excel has already
 * replaced the digits after the 15th with zeros: idScientificNotation when the file shows it as
 * 4.30123E+17, idRoundedDigits when it shows all digits. The same rule covers text: "4.30123E+17"
 * is rejected as idScientificNotation, and 18 digits ending in 000 whose check character fails are
 * rejected as idRoundedDigits rather than idInvalidChecksum, because that is the trace of a
 * rounded number copied back as text. One ending in 000 whose check character is right is
 * accepted, because about one real number in 1,100 ends that way.
 */
export function cleanIdNumber(cell: CellValue, context: CleanContext): Cleaned<string> {
  const repairs: Repair[] = [];
  if (cell.kind === 'text' && WELL_FORMED.test(cell.text)) {
    const { text } = cell;
    const valid = isRealBirthDate(text.slice(6, 14), context.now) && computeCheckCharacter(text.slice(0, 17)) === text[17];
    if (valid) return { ok: true, value: text, repairs };
  }

  if (cell.kind !== 'text' && cell.kind !== 'number') return rejectNonNumeric(cell);
  if (cell.kind === 'number' && Math.abs(cell.value) >= FIFTEEN_DIGITS) {
    return reject(/e/i.test(cell.shown) ? 'idScientificNotation' : 'idRoundedDigits', cell.shown);
  }
  if (cell.kind === 'number' && (!Number.isInteger(cell.value) || cell.value < 0)) {
    return reject('idInvalidCharacters', cell.shown);
  }

  let text = cell.kind === 'number' ? String(cell.value) : repairText(cell.text, repairs, true);

  if (text === '') return reject('empty', cellText(cell));
  if (SCIENTIFIC.test(text)) return reject('idScientificNotation', cellText(cell));

  text = recordRepair(text, 'idSeparators', text.replace(SEPARATORS, ''), repairs);
  text = recordRepair(text, 'idLowerCaseX', text.replace(LOWER_X, 'X'), repairs);

  const result = checkIdNumber(text, context.now);
  if (!result.ok) {
    if (result.problem === 'invalid-checksum' && ROUNDED_18.test(text)) {
      return reject('idRoundedDigits', cellText(cell));
    }
    return reject(PROBLEM_REASONS[result.problem], cellText(cell));
  }

  if (result.convertedFrom15) repairs.push({ kind: 'idUpgradedTo18', before: text, after: result.idNumber });
  return { ok: true, value: result.idNumber, repairs };
}
