// The id_number column of persons.csv and payments.csv.
import { checkIdNumber, maskIdNumber } from '../../src-shared/id-number.js';
import type { IdNumberProblem } from '../../src-shared/id-number.js';
import type { RowContext } from './field-checks.js';

const PROBLEM_CODES: Record<IdNumberProblem, string> = {
  empty: 'idNumber.empty',
  'invalid-characters': 'idNumber.invalidCharacters',
  'invalid-length': 'idNumber.invalidLength',
  'invalid-birth-date': 'idNumber.invalidBirthDate',
  'invalid-checksum': 'idNumber.invalidChecksum',
};

/**
 * Returns the 18-digit form of the row's ID number, or null after reporting why it is invalid.
 * A legacy 15-digit number is converted, with a warning, because GB 11643 defines the conversion.
 */
export function readIdNumber(row: RowContext, today: Date): string | null {
  const raw = row.values.id_number ?? '';
  const result = checkIdNumber(raw, today);
  if (!result.ok) {
    row.issues.error(row.file, row.line, 'id_number', raw, PROBLEM_CODES[result.problem]);
    return null;
  }

  if (result.convertedFrom15) {
    row.issues.warning(row.file, row.line, 'id_number', raw, 'idNumber.converted', {
      converted: maskIdNumber(result.idNumber),
    });
  }
  return result.idNumber;
}
