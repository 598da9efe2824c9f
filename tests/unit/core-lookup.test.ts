import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { maskIdNumber } from '../../src-shared/id-number.js';
import { LookupResultSchema } from '../../src-shared/kiosk-api.js';
import { lookupHousehold, LOOKUP_SQL } from '../../src-main/core/lookup.js';
import { openSnapshot, readSnapshotInfo } from '../../src-main/core/store.js';
import type { SqliteDatabase } from '../../src-main/core/store.js';
import { buildSnapshotFile, makeIdNumber } from '../helpers/make-bundle.js';
import type { BuiltSnapshot } from '../helpers/make-bundle.js';
import { makeTempDir } from '../helpers/temp.js';

const temp = makeTempDir();
let snapshot: BuiltSnapshot;
let db: SqliteDatabase;

beforeAll(() => {
  snapshot = buildSnapshotFile(path.join(temp.dir, 'snapshot.sqlite'), { version: 4, households: 4, fillerHouseholds: 50 });
  db = openSnapshot(snapshot.file);
});

afterAll(() => {
  db.close();
  temp.remove();
});

describe('lookupHousehold', () => {
  it('finds the household of a member', () => {
    const person = snapshot.people[0]!;
    const result = lookupHousehold(db, person.idNumber);

    expect(result.status).toBe('found');
    if (result.status !== 'found') return;
    expect(result.household.villageCode).toBe(person.villageCode);
    expect(result.household.villageName).toMatch(/村$/);
    expect(result.household.townshipName).toBe('黄兴镇');
    expect(result.household.countyName).toBe('长沙县');
    expect(result.household.members).toHaveLength(person.householdMemberCount);
    expect(result.household.payments).toHaveLength(person.householdPaymentCount);
    expect(LookupResultSchema.safeParse(result).success).toBe(true);
  });

  it('marks the queried member only', () => {
    for (const person of snapshot.people) {
      const result = lookupHousehold(db, person.idNumber);
      if (result.status !== 'found') throw new Error(`expected found for ${maskIdNumber(person.idNumber)}`);

      const queried = result.household.members.filter((member) => member.isQueried);
      expect(queried).toHaveLength(1);
      expect(queried[0]!.maskedName).toBe(person.maskedName);
    }
  });

  it('totals the household payments in integer fen', () => {
    for (const person of snapshot.people) {
      const result = lookupHousehold(db, person.idNumber);
      if (result.status !== 'found') throw new Error('expected found');

      const sum = result.household.payments.reduce((total, payment) => total + payment.amountFen, 0);
      expect(result.household.totalFen).toBe(person.householdTotalFen);
      expect(result.household.totalFen).toBe(sum);
      expect(Number.isInteger(result.household.totalFen)).toBe(true);
    }
  });

  it('lists payments newest first with item names', () => {
    const result = lookupHousehold(db, snapshot.people[0]!.idNumber);
    if (result.status !== 'found') throw new Error('expected found');

    const dates = result.household.payments.map((payment) => payment.paidOn);
    expect(dates).toEqual([...dates].sort().reverse());
    for (const payment of result.household.payments) {
      expect(payment.itemName.length).toBeGreaterThan(0);
      expect(payment.policyBasis.length).toBeGreaterThan(0);
      expect(payment.recipientMaskedName).toContain('*');
    }
  });

  it('accepts lower-case x and spaces', () => {
    const person = snapshot.people.find((candidate) => candidate.idNumber.endsWith('X'));
    const idNumber = person?.idNumber ?? snapshot.people[0]!.idNumber;
    const typed = `${idNumber.slice(0, 6)} ${idNumber.slice(6, 14)} ${idNumber.slice(14).toLowerCase()}`;

    expect(lookupHousehold(db, typed).status).toBe('found');
  });

  it('finds the same household from a 15-digit number', () => {
    // A 15-digit number drops the century "19" and the check character.
    const person = snapshot.people[0]!;
    const legacy = person.idNumber.slice(0, 6) + person.idNumber.slice(8, 17);
    const fromLegacy = lookupHousehold(db, legacy);
    const fromFull = lookupHousehold(db, person.idNumber);

    expect(fromLegacy.status).toBe('found');
    expect(fromLegacy).toEqual(fromFull);
  });

  it('returns not-found for an unknown valid number', () => {
    const unknown = makeIdNumber('430121', '19991231', 999);
    expect(lookupHousehold(db, unknown)).toEqual({ status: 'not-found' });
  });

  it.each([
    ['', 'empty'],
    ['43012119800101123A', 'invalid-characters'],
    ['4301211980010112', 'invalid-length'],
    ['430121198002301234', 'invalid-birth-date'],
  ] as const)('rejects %j as %s', (input, problem) => {
    expect(lookupHousehold(db, input)).toEqual({ status: 'invalid', problem });
  });

  it('rejects a wrong check character', () => {
    const valid = snapshot.people[0]!.idNumber;
    const wrongCheck = valid.slice(0, 17) + (valid[17] === '0' ? '1' : '0');
    expect(lookupHousehold(db, wrongCheck)).toEqual({ status: 'invalid', problem: 'invalid-checksum' });
  });
});

describe('readSnapshotInfo', () => {
  it('reads version, region and counts from meta', () => {
    const info = readSnapshotInfo(db);

    expect(info.version).toBe(4);
    expect(info.regionCode).toBe('430121');
    expect(info.regionName).toBe('长沙县');
    expect(info.dataAsOf).toBe('2024-12-31');
    expect(info.householdCount).toBe(54);
  });
});

describe('lookup query plans', () => {
  function planOf(sql: string): string {
    const rows = db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all('x') as { detail: string }[];
    return rows.map((row) => row.detail).join('\n');
  }

  it('finds a person by primary key', () => {
    const plan = planOf(LOOKUP_SQL.person);
    expect(plan).toMatch(/SEARCH persons USING PRIMARY KEY \(person_key=\?\)/);
  });

  it('lists members through persons_by_household', () => {
    const plan = planOf(LOOKUP_SQL.members);
    expect(plan).toMatch(/SEARCH persons USING (COVERING )?INDEX persons_by_household \(household_id=\?\)/);
    expect(plan).not.toMatch(/TEMP B-TREE/);
  });

  it('lists payments through payments_by_household', () => {
    const plan = planOf(LOOKUP_SQL.payments);
    expect(plan).toMatch(/SEARCH p USING (COVERING )?INDEX payments_by_household \(household_id=\?\)/);
    expect(plan).toMatch(/SEARCH recipient USING (COVERING )?INDEX persons_by_household \(household_id=\? AND member_order=\?\)/);
    expect(plan).toMatch(/SEARCH item USING PRIMARY KEY \(item_code=\?\)/);
    expect(plan).not.toMatch(/SCAN/);
    expect(plan).not.toMatch(/TEMP B-TREE/);
  });

  it('reads the household and regions by primary key', () => {
    const plan = planOf(LOOKUP_SQL.household);
    expect(plan).not.toMatch(/SCAN/);
    expect(plan).toMatch(/SEARCH h USING PRIMARY KEY \(household_id=\?\)/);
  });
});
