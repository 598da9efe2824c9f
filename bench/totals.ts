// Cross-check for the benchmark run: the kiosk's total for a person equals the sum, in fen, of
// their household's rows in payments.csv.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { openSnapshot } from '../src-main/core/store.js';
import { lookupHousehold } from '../src-main/core/lookup.js';
import { parseYuanToFen } from '../src-shared/money.js';

interface PersonRow {
  id_number: string;
  household_id: string;
}

interface PaymentRow {
  id_number: string;
  amount: string;
}

/** Returns how many persons were checked; throws on the first mismatch. */
export function checkTotals(dataDir: string, dbFile: string, idNumbers: string[]): number {
  const persons = parse(readFileSync(path.join(dataDir, 'persons.csv')), { columns: true }) as PersonRow[];
  const payments = parse(readFileSync(path.join(dataDir, 'payments.csv')), { columns: true }) as PaymentRow[];

  const householdOf = new Map(persons.map((person) => [person.id_number, person.household_id]));
  const totalByHousehold = new Map<string, number>();
  for (const payment of payments) {
    const household = householdOf.get(payment.id_number)!;
    const parsed = parseYuanToFen(payment.amount);
    if (!parsed.ok) throw new Error(`invalid amount ${payment.amount} in payments.csv`);
    totalByHousehold.set(household, (totalByHousehold.get(household) ?? 0) + parsed.fen);
  }

  const db = openSnapshot(dbFile);
  try {
    for (const idNumber of idNumbers) {
      const result = lookupHousehold(db, idNumber);
      const expected = totalByHousehold.get(householdOf.get(idNumber)!) ?? 0;
      if (result.status !== 'found' || result.household.totalFen !== expected) {
        throw new Error(`total mismatch for a person of household ${householdOf.get(idNumber)}: expected ${expected} fen`);
      }
    }
  } finally {
    db.close();
  }
  return idNumbers.length;
}
