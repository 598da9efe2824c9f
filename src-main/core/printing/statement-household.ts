// The household a statement prints, read from the installed snapshot by the IDs of its payments.
// The client only names the payments it shows. Names, amounts and places come from the snapshot,
// so a statement prints only what the snapshot publishes, with names masked as stored.
import type { Household, Member, Payment } from '../../../src-shared/kiosk-api.js';
import { LOOKUP_SQL } from '../lookup.js';
import type { SqliteDatabase } from '../store.js';

const HOUSEHOLD_OF_PAYMENT_SQL = 'SELECT household_id AS householdId FROM payments WHERE payment_id = ?';

export type StatementHousehold = { ok: true; household: Household } | { ok: false; reason: string };

/**
 * Reads the household that all `paymentIds` belong to, with all of its members and those payments.
 * Fails when no ID is given, when an ID is not in the snapshot, or when the IDs belong to more
 * than one household.
 */
export function readStatementHousehold(db: SqliteDatabase, paymentIds: readonly string[]): StatementHousehold {
  if (paymentIds.length === 0) {
    return { ok: false, reason: 'the statement request names no payment; send the payments of one looked-up household' };
  }

  const householdOf = db.prepare(HOUSEHOLD_OF_PAYMENT_SQL);
  const households = new Set<string>();
  for (const paymentId of new Set(paymentIds)) {
    const row = householdOf.get(paymentId) as { householdId: string } | undefined;
    if (!row) {
      return { ok: false, reason: `payment ${JSON.stringify(paymentId.slice(0, 64))} is not in the installed snapshot; look the household up again` };
    }
    households.add(row.householdId);
  }
  if (households.size > 1) {
    return { ok: false, reason: `the statement's payments belong to ${households.size} households; a statement prints one household` };
  }

  const householdId = [...households][0]!;
  const place = db.prepare(LOOKUP_SQL.household).get(householdId) as
    | { villageCode: string; villageName: string; townshipName: string; countyName: string }
    | undefined;
  if (!place) throw new Error(`snapshot has no household or village row for household ${householdId}`);

  // The statement marks no member as the one looked up, so isQueried is false for all.
  const memberRows = db.prepare(LOOKUP_SQL.members).all(householdId) as { maskedName: string; relation: string }[];
  const members: Member[] = memberRows.map((row) => ({ maskedName: row.maskedName, relation: row.relation, isQueried: false }));

  // The requested payments only, so a statement prints what the screen showed.
  const requested = new Set(paymentIds);
  const payments = (db.prepare(LOOKUP_SQL.payments).all(householdId) as Payment[]).filter((payment) => requested.has(payment.paymentId));
  const totalFen = payments.reduce((sum, payment) => sum + payment.amountFen, 0);
  return { ok: true, household: { ...place, members, payments, totalFen } };
}
