// Household lookup by ID number. The ID number is validated, turned into the person key with
// the snapshot's own scrypt parameters, and only that key reaches SQL. Each query goes through
// a primary key or an index (a unit test checks the plans), so a lookup costs one scrypt hash
// plus a few index probes whatever the size of the county.
import { checkIdNumber } from '../../src-shared/id-number.js';
import { LookupResultSchema } from '../../src-shared/kiosk-api.js';
import type { LookupResult, Member, Payment } from '../../src-shared/kiosk-api.js';
import { derivePersonKey } from './lookup-key.js';
import type { LookupKeyParams } from './lookup-key.js';
import { readLookupKeyParams } from './store.js';
import type { SqliteDatabase } from './store.js';

export const LOOKUP_SQL = {
  person: 'SELECT household_id AS householdId FROM persons WHERE person_key = ?',
  // Township and county follow the parent chain of the village, so codes need no padding rules.
  household: `
    SELECT h.village_code AS villageCode,
           village.name AS villageName,
           COALESCE(township.name, '') AS townshipName,
           COALESCE(county.name, '') AS countyName
    FROM households h
    JOIN regions village ON village.code = h.village_code
    LEFT JOIN regions township ON township.code = village.parent_code
    LEFT JOIN regions county ON county.code = township.parent_code
    WHERE h.household_id = ?`,
  members: `
    SELECT person_key AS personKey, masked_name AS maskedName, relation
    FROM persons
    WHERE household_id = ?
    ORDER BY member_order, person_key`,
  payments: `
    SELECT p.payment_id AS paymentId,
           p.item_code AS itemCode,
           item.name AS itemName,
           p.department AS department,
           item.policy_basis AS policyBasis,
           recipient.masked_name AS recipientMaskedName,
           p.amount_fen AS amountFen,
           p.paid_on AS paidOn,
           p.period AS period
    FROM payments p
    JOIN subsidy_items item ON item.item_code = p.item_code
    JOIN persons recipient ON recipient.household_id = p.household_id AND recipient.member_order = p.member_order
    WHERE p.household_id = ?
    ORDER BY p.paid_on DESC, p.payment_id DESC`,
} as const;

interface LookupStatements {
  params: LookupKeyParams;
  person: { get(key: string): unknown };
  household: { get(householdId: string): unknown };
  members: { all(householdId: string): unknown[] };
  payments: { all(householdId: string): unknown[] };
}

// Statements and key parameters of each open database, prepared on its first lookup.
const prepared = new WeakMap<SqliteDatabase, LookupStatements>();

function statementsFor(db: SqliteDatabase): LookupStatements {
  const cached = prepared.get(db);
  if (cached) return cached;

  const statements: LookupStatements = {
    params: readLookupKeyParams(db),
    person: db.prepare(LOOKUP_SQL.person),
    household: db.prepare(LOOKUP_SQL.household),
    members: db.prepare(LOOKUP_SQL.members),
    payments: db.prepare(LOOKUP_SQL.payments),
  };
  prepared.set(db, statements);
  return statements;
}

/** Finds the household of the person with this ID number (18 digits, or 15-digit legacy form). */
export function lookupHousehold(db: SqliteDatabase, idNumberInput: string): LookupResult {
  const check = checkIdNumber(idNumberInput);
  if (!check.ok) return { status: 'invalid', problem: check.problem };

  const statements = statementsFor(db);
  const personKey = derivePersonKey(check.idNumber, statements.params);
  const person = statements.person.get(personKey) as { householdId: string } | undefined;
  if (!person) return { status: 'not-found' };

  const household = statements.household.get(person.householdId) as
    | { villageCode: string; villageName: string; townshipName: string; countyName: string }
    | undefined;
  // A person whose household or village row is missing is a broken snapshot, not a miss.
  if (!household) {
    throw new Error(`snapshot has no household or village row for household ${person.householdId}`);
  }

  const memberRows = statements.members.all(person.householdId) as (Omit<Member, 'isQueried'> & {
    personKey: string;
  })[];
  const members: Member[] = memberRows.map((row) => ({
    maskedName: row.maskedName,
    relation: row.relation,
    isQueried: row.personKey === personKey,
  }));

  const payments = statements.payments.all(person.householdId) as Payment[];
  const totalFen = payments.reduce((sum, payment) => sum + payment.amountFen, 0);

  return LookupResultSchema.parse({
    status: 'found',
    household: { ...household, members, payments, totalFen },
  });
}
