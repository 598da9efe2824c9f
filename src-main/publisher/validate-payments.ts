// payments.csv: one row per payment to a person, in yuan as the departments export them.
import { parseYuanToFen } from '../../src-shared/money.js';
import { readCsvRows } from './csv-source.js';
import { chinaDate, isRealDate, isRealPeriod, requireIdentifier, requireText } from './field-checks.js';
import type { RowContext } from './field-checks.js';
import { readIdNumber } from './id-number-column.js';
import type { IssueCollector } from './issues.js';
import { FILE_SPECS } from './standard.js';
import type { SubsidyItemRow } from './validate-subsidy-items.js';
import type { PersonsResult } from './validate-persons.js';

export interface PaymentRow {
  paymentId: string;
  /** The recipient's 18-digit ID number, the same string as in the person's row. */
  idNumber: string;
  itemCode: string;
  amountFen: number;
  paidOn: string;
  period: string;
  department: string;
  line: number;
}

export interface PaymentsResult {
  payments: PaymentRow[];
  /** The newest paid_on of all valid payments, or null when there is none. */
  newestPaidOn: string | null;
}

const FILE = 'payments.csv';

// Livelihood subsidies of the People's Republic start after 1949; an earlier paid_on or period is
// a typo (1900-01-01 is a common placeholder of spreadsheet exports).
export const EARLIEST_PAID_ON = '1950-01-01';
const EARLIEST_PERIOD_YEAR = 1950;

const AMOUNT_CODES = {
  empty: 'amount.empty',
  'not-a-number': 'amount.notANumber',
  negative: 'amount.negative',
  'too-many-decimals': 'amount.tooManyDecimals',
  'too-large': 'amount.tooLarge',
  'currency-sign': 'amount.currencySign',
  'bad-grouping': 'amount.badGrouping',
} as const;

/**
 * Checks paid_on and period of a payment row against the standard's range, with `today` the date
 * in China (chinaDate). Reports each bad value and returns false when either is bad. The
 * department import applies the same check to the rows it builds (check/standardise.ts).
 */
export function checkPaymentDates(row: RowContext, today: string): boolean {
  const { file, line, values, issues } = row;
  let valid = true;
  const paidOn = values.paid_on ?? '';
  if (!isRealDate(paidOn)) {
    issues.error(file, line, 'paid_on', paidOn, 'payments.invalidDate');
    valid = false;
  } else if (paidOn < EARLIEST_PAID_ON) {
    issues.error(file, line, 'paid_on', paidOn, 'payments.dateTooEarly', { earliest: EARLIEST_PAID_ON });
    valid = false;
  } else if (paidOn > today) {
    issues.error(file, line, 'paid_on', paidOn, 'payments.dateInFuture', { today });
    valid = false;
  }

  const latestPeriodYear = Number(today.slice(0, 4)) + 1;
  const period = values.period ?? '';
  if (!isRealPeriod(period)) {
    issues.error(file, line, 'period', period, 'payments.invalidPeriod');
    valid = false;
  } else if (Number(period.slice(0, 4)) < EARLIEST_PERIOD_YEAR) {
    issues.error(file, line, 'period', period, 'payments.periodTooEarly', { earliestYear: EARLIEST_PERIOD_YEAR });
    valid = false;
  } else if (Number(period.slice(0, 4)) > latestPeriodYear) {
    issues.error(file, line, 'period', period, 'payments.periodTooLate', { latestYear: latestPeriodYear });
    valid = false;
  }
  return valid;
}

/** Reads and checks payments.csv against the persons and subsidy items already read. */
export async function readPayments(
  dataDir: string,
  persons: PersonsResult,
  items: Map<string, SubsidyItemRow>,
  now: Date,
  issues: IssueCollector,
): Promise<PaymentsResult> {
  const payments: PaymentRow[] = [];
  const firstLineOfPayment = new Map<string, number>();
  // Few distinct dates, periods and departments recur across many rows; sharing one string
  // each keeps several hundred thousand rows small.
  const shared = new Map<string, string>();
  const share = (text: string) => {
    const existing = shared.get(text);
    if (existing !== undefined) return existing;
    shared.set(text, text);
    return text;
  };
  const today = chinaDate(now);
  let newestPaidOn: string | null = null;

  // A partly read file would make most references to it look unknown: skip those checks and report that once.
  const checkPersons = persons.knownIdNumbers.size > 0 && !issues.incompleteFiles.has('persons.csv');
  const checkItems = items.size > 0 && !issues.incompleteFiles.has('subsidy_items.csv');
  if (issues.incompleteFiles.has('persons.csv')) {
    issues.error(FILE, null, 'id_number', null, 'file.crossCheckSkipped', { other: 'persons.csv' });
  }
  if (issues.incompleteFiles.has('subsidy_items.csv')) {
    issues.error(FILE, null, 'item_code', null, 'file.crossCheckSkipped', { other: 'subsidy_items.csv' });
  }

  for await (const { line, values } of readCsvRows(dataDir, FILE_SPECS[FILE], issues)) {
    const row: RowContext = { file: FILE, line, values, issues };
    let valid = true;

    const paymentId = requireIdentifier(row, 'payment_id');
    if (paymentId !== null) {
      const firstLine = firstLineOfPayment.get(paymentId);
      if (firstLine !== undefined) {
        issues.error(FILE, line, 'payment_id', paymentId, 'payments.duplicateId', { firstLine });
        valid = false;
      } else {
        firstLineOfPayment.set(paymentId, line);
      }
    }

    const idNumber = readIdNumber(row, now);
    const person = idNumber === null ? undefined : persons.byIdNumber.get(idNumber);
    if (idNumber !== null && checkPersons && !persons.knownIdNumbers.has(idNumber)) {
      issues.error(FILE, line, 'id_number', values.id_number ?? '', 'payments.personNotFound');
    }

    const itemCode = values.item_code ?? '';
    const item = items.get(itemCode);
    if (item === undefined && checkItems) {
      issues.error(FILE, line, 'item_code', itemCode, 'payments.itemNotFound');
    }

    const amountText = values.amount ?? '';
    const amount = parseYuanToFen(amountText);
    if (!amount.ok) {
      issues.error(FILE, line, 'amount', amountText, AMOUNT_CODES[amount.problem]);
      valid = false;
    }

    const paidOn = values.paid_on ?? '';
    if (!checkPaymentDates(row, today)) valid = false;

    const department = requireText(row, 'department');

    if (!valid || paymentId === null || person === undefined || item === undefined || !amount.ok || department === null) {
      continue;
    }
    payments.push({
      paymentId,
      idNumber: person.idNumber,
      itemCode: item.itemCode,
      amountFen: amount.fen,
      paidOn: share(paidOn),
      period: share(values.period ?? ''),
      department: share(department),
      line,
    });
    if (newestPaidOn === null || paidOn > newestPaidOn) newestPaidOn = paidOn;
  }

  return { payments, newestPaidOn };
}
