// Checks one cell of a version 2 file against its ColumnSpec type and returns its snapshot value.
// Messages shared with version 1 (required, too long, identifiers, amounts, ID numbers) keep their
// version 1 codes, so one problem reads the same in both standards.
import { parseCaseNumber } from '../../../src-shared/case-number.js';
import type { CaseNumberProblem } from '../../../src-shared/case-number.js';
import { checkIdNumber, maskIdNumber } from '../../../src-shared/id-number.js';
import type { IdNumberProblem } from '../../../src-shared/id-number.js';
import { parseYuanToFen } from '../../../src-shared/money.js';
import type { YuanProblem } from '../../../src-shared/money.js';
import type { RegionLevel } from '../../../src-shared/region-code.js';
import { CONTROL_CHARACTER, isRealDate } from '../field-checks.js';
import type { IssueCollector, IssueFileName } from '../issues.js';
import { IDENTIFIER_PATTERN } from '../standard.js';
import type { ColumnSpec } from './column-spec.js';
import { findPersonalNumber } from './personal-numbers.js';
import type { CellValue } from './dataset.js';

/** Reason a region code cannot be used in a cell. */
export type RegionProblem =
  | { code: 'notFound' }
  | { code: 'wrongLevel'; level: RegionLevel }
  | { code: 'otherCounty'; county: string; publicationCounty: string };

export interface CellEnvironment {
  issues: IssueCollector;
  now: Date;
  /** Today's date in China (YYYY-MM-DD), the limit for dates that may not lie in the future. */
  today: string;
  /** Returns the reason `code` is not a usable region of one of `levels`, or null when it is. Null when regions.csv was not read whole. */
  checkRegion: ((code: string, levels: readonly RegionLevel[]) => RegionProblem | null) | null;
}

export interface CellPlace {
  file: IssueFileName;
  line: number;
}

const AMOUNT_CODES: Record<YuanProblem, string> = {
  empty: 'amount.empty',
  'not-a-number': 'amount.notANumber',
  negative: 'amount.negative',
  'too-many-decimals': 'amount.tooManyDecimals',
  'too-large': 'amount.tooLarge',
  'currency-sign': 'amount.currencySign',
  'bad-grouping': 'amount.badGrouping',
};

const ID_NUMBER_CODES: Record<IdNumberProblem, string> = {
  empty: 'idNumber.empty',
  'invalid-characters': 'idNumber.invalidCharacters',
  'invalid-length': 'idNumber.invalidLength',
  'invalid-birth-date': 'idNumber.invalidBirthDate',
  'invalid-checksum': 'idNumber.invalidChecksum',
};

// 'empty' cannot occur: an empty cell is reported as missing before the type is checked.
const CASE_NUMBER_CODES: Record<Exclude<CaseNumberProblem, 'empty'>, string> = {
  'invalid-characters': 'validation-v2:caseNumber.invalidCharacters',
  'invalid-length': 'validation-v2:caseNumber.invalidLength',
  'invalid-checksum': 'validation-v2:caseNumber.invalidChecksum',
  'invalid-date': 'validation-v2:caseNumber.invalidDate',
};

const DECIMAL = /^\d+(?:\.\d{1,2})?$/;
const INTEGER = /^-?\d{1,15}$/;
const PERIOD = /^(\d{4})-(\d{2})$/;

/**
 * Checks `raw` (already trimmed) against the column's type, required flag and limits. Returns the
 * snapshot value, null for an empty optional cell, or undefined after reporting an issue.
 * file_name cells are only checked for emptiness here; the documents check does the rest.
 */
export function checkCell(column: ColumnSpec, raw: string, place: CellPlace, env: CellEnvironment): CellValue | undefined {
  const report = (code: string, params: Record<string, string | number> = {}) => {
    env.issues.error(place.file, place.line, column.name, raw, code, params);
    return undefined;
  };

  if (raw === '') return column.required ? report('row.required') : null;
  if (CONTROL_CHARACTER.test(raw)) return report('row.controlCharacter');

  switch (column.type) {
    case 'text':
    case 'identifier': {
      const max = column.maxLength ?? Number.POSITIVE_INFINITY;
      // UTF-16 length is never below the character count, so only long strings need counting.
      if (raw.length > max && Array.from(raw).length > max) return report('row.tooLong', { max });
      if (column.type === 'identifier' && !IDENTIFIER_PATTERN.test(raw)) return report('row.invalidIdentifier');
      const personal = column.type === 'text' ? findPersonalNumber(raw) : null;
      if (personal !== null) {
        // The masked number is the value shown, so the issue itself leaks nothing.
        env.issues.error(place.file, place.line, column.name, personal.masked, `validation-v2:personal.${personal.kind}`);
        return undefined;
      }
      return raw;
    }

    case 'id_number': {
      const result = checkIdNumber(raw, env.now);
      if (!result.ok) return report(ID_NUMBER_CODES[result.problem]);
      if (result.convertedFrom15) {
        env.issues.warning(place.file, place.line, column.name, raw, 'idNumber.converted', {
          converted: maskIdNumber(result.idNumber),
        });
      }
      return result.idNumber;
    }

    case 'region_code':
      return checkRegionCell(column, raw, report, env);

    case 'date':
      if (!isRealDate(raw)) return report('validation-v2:cell.invalidDate');
      if (!column.mayBeFuture && raw > env.today) return report('validation-v2:cell.dateInFuture', { today: env.today });
      return raw;

    case 'period': {
      const match = PERIOD.exec(raw);
      const month = match === null ? 0 : Number(match[2]);
      if (match === null || month < 1 || month > 12 || Number(match[1]) < 1900) {
        return report('validation-v2:cell.invalidPeriod');
      }
      return raw;
    }

    case 'year':
    case 'integer': {
      const min = column.min ?? Number.MIN_SAFE_INTEGER;
      const max = column.max ?? Number.MAX_SAFE_INTEGER;
      const shaped = column.type === 'year' ? /^\d{4}$/.test(raw) : INTEGER.test(raw);
      const value = Number(raw);
      if (!shaped || value < min || value > max) {
        return report(column.type === 'year' ? 'validation-v2:cell.invalidYear' : 'validation-v2:cell.invalidInteger', {
          min,
          max,
        });
      }
      return value;
    }

    case 'money': {
      const amount = parseYuanToFen(raw);
      return amount.ok ? amount.fen : report(AMOUNT_CODES[amount.problem]);
    }

    case 'decimal':
      // Kept as written: a quantity such as 12.50 亩 is shown, never summed.
      return DECIMAL.test(raw) ? raw : report('validation-v2:cell.invalidDecimal');

    case 'enum':
      return (column.values ?? []).includes(raw)
        ? raw
        : report('validation-v2:cell.invalidEnum', { allowed: (column.values ?? []).join(', ') });

    case 'file_name':
      return raw;

    case 'case_number': {
      const parsed = parseCaseNumber(raw);
      if (parsed.ok) return parsed.caseNumber;
      return report(parsed.problem === 'empty' ? 'row.required' : CASE_NUMBER_CODES[parsed.problem]);
    }
  }
}

function checkRegionCell(
  column: ColumnSpec,
  raw: string,
  report: (code: string, params?: Record<string, string | number>) => undefined,
  env: CellEnvironment,
): CellValue | undefined {
  const levels = column.regionLevels ?? [];
  if (!/^\d{6}(?:\d{3}|\d{6})?$/.test(raw)) {
    return report('validation-v2:region.invalidCode', { allowed: levels.join(', ') });
  }
  if (env.checkRegion === null) return raw;

  const problem = env.checkRegion(raw, levels);
  if (problem === null) return raw;
  if (problem.code === 'notFound') return report('validation-v2:region.notFound');
  if (problem.code === 'wrongLevel') {
    return report('validation-v2:region.wrongLevel', { level: problem.level, allowed: levels.join(', ') });
  }
  return report('validation-v2:region.otherCounty', {
    county: problem.county,
    publicationCounty: problem.publicationCounty,
  });
}
