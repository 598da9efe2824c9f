// The files written by generateDemoData hold plausible people and payments: valid unique ID
// numbers, consistent families, and payments that follow the catalogue's rules.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkIdNumber } from '../../src-shared/id-number.js';
import { parseYuanToFen } from '../../src-shared/money.js';
import { generateDemoData } from '../../src-main/publisher/demo-data/generate.js';
import type { DemoDataSummary } from '../../src-main/publisher/demo-data/generate.js';
import { perMuAmountFen } from '../../src-main/publisher/demo-data/payments.js';
import { REPO_ROOT } from '../helpers/cli.js';
import { makeTempDir } from '../helpers/temp.js';

type Row = Record<string, string>;

const COUNTY = '431226';
const YEAR_FROM = 2021;
const YEAR_TO = 2024;

const temp = makeTempDir('minsheng-demo-unit-');
let summary: DemoDataSummary;
let regions: Row[];
let items: Row[];
let persons: Row[];
let payments: Row[];

function readRows(name: string): Row[] {
  return parse(readFileSync(path.join(temp.dir, name), 'utf8'), { columns: true }) as Row[];
}

function birthYear(person: Row): number {
  return Number(person.id_number!.slice(6, 10));
}

function isMale(person: Row): boolean {
  return Number(person.id_number![16]) % 2 === 1;
}

/** Age in completed years at the end of a period (YYYY or YYYY-MM), by month. */
function ageAtEndOf(person: Row, period: string): number {
  const year = Number(period.slice(0, 4));
  const month = period.length === 7 ? Number(period.slice(5, 7)) : 12;
  const months = year * 12 + month - (birthYear(person) * 12 + Number(person.id_number!.slice(10, 12)));
  return Math.floor(months / 12);
}

function groupBy<T>(rows: T[], key: (row: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const row of rows) {
    const name = key(row);
    groups.set(name, [...(groups.get(name) ?? []), row]);
  }
  return groups;
}

beforeAll(async () => {
  summary = await generateDemoData(
    { countyCode: COUNTY, households: 1500, seed: 7, outDir: temp.dir, yearFrom: YEAR_FROM, yearTo: YEAR_TO },
    new Date('2026-06-01T00:00:00Z'),
  );
  regions = readRows('regions.csv');
  items = readRows('subsidy_items.csv');
  persons = readRows('persons.csv');
  payments = readRows('payments.csv');
});

afterAll(() => temp.remove());

describe('demo-data regions and items', () => {
  it('copies the county subtree and ancestors exactly', () => {
    const source = parse(readFileSync(path.join(REPO_ROOT, 'resources/reference/mayang-luxi-2023.csv'), 'utf8'), {
      columns: true,
    }) as Row[];
    const expected = source.filter((row) => ['43', '4312'].includes(row.code!) || row.code!.startsWith(COUNTY));

    expect(regions).toEqual(expected);
    expect(regions.some((row) => row.code!.startsWith('433122'))).toBe(false);
  });

  it('copies the item catalogue with its extra columns', () => {
    const source = parse(readFileSync(path.join(REPO_ROOT, 'resources/reference/subsidy-items.csv'), 'utf8'), {
      columns: true,
      relax_quotes: true,
    }) as Row[];
    expect(items).toEqual(source);
    expect(Object.keys(items[0]!)).toContain('policy_basis');
  });

  it('reports the counts it wrote', () => {
    expect(summary.households).toBe(1500);
    expect(summary.persons).toBe(persons.length);
    expect(summary.payments).toBe(payments.length);
    expect(summary.countyName).toBe('麻阳苗族自治县');
  });
});

describe('demo-data persons', () => {
  it('have valid, unique ID numbers with the county prefix', () => {
    const seen = new Set<string>();
    for (const person of persons) {
      const check = checkIdNumber(person.id_number!, new Date('2026-06-01T00:00:00Z'));
      expect(check.ok, person.id_number).toBe(true);
      expect(person.id_number!.slice(0, 6)).toBe(COUNTY);
      expect(seen.has(person.id_number!), person.id_number).toBe(false);
      seen.add(person.id_number!);
    }
  });

  it('are all born before the last payment year', () => {
    for (const person of persons) expect(birthYear(person)).toBeLessThan(YEAR_TO);
  });

  it('have names of a surname and one or two characters', () => {
    for (const person of persons) expect(person.name).toMatch(/^[\u4e00-\u9fff]{2,4}$/);
  });

  it('form households of 1-7 with one head in one real village', () => {
    const villages = new Map(regions.filter((row) => row.level === 'village').map((row) => [row.code!, row]));
    const households = groupBy(persons, (person) => person.household_id!);
    expect(households.size).toBe(1500);

    for (const [householdId, members] of households) {
      expect(members.length).toBeGreaterThanOrEqual(1);
      expect(members.length).toBeLessThanOrEqual(7);
      expect(members.filter((member) => member.relation === '户主')).toHaveLength(1);
      expect(members[0]!.relation).toBe('户主');

      const villageCodes = new Set(members.map((member) => member.village_code));
      expect(villageCodes.size).toBe(1);
      const villageCode = members[0]!.village_code!;
      expect(householdId).toMatch(new RegExp(`^${villageCode}\\d{4}$`));
      expect(villages.has(villageCode), villageCode).toBe(true);
      expect(Number(villageCode.slice(9))).toBeLessThan(400);
    }
  });

  it('average about 3.2 members per household', () => {
    const average = persons.length / 1500;
    expect(average).toBeGreaterThan(2.9);
    expect(average).toBeLessThan(3.6);
  });

  it('have ages and sexes consistent with their relations', () => {
    for (const members of groupBy(persons, (person) => person.household_id!).values()) {
      const head = members[0]!;
      const spouse = members.find((member) => member.relation === '配偶');
      const children = members.filter((member) => member.relation === '子女');
      const gap = (older: Row, younger: Row) => birthYear(younger) - birthYear(older);

      if (spouse) {
        expect(isMale(spouse)).not.toBe(isMale(head));
        expect(Math.abs(gap(head, spouse))).toBeLessThanOrEqual(8);
      }
      for (const child of children) {
        for (const parent of spouse ? [head, spouse] : [head]) {
          expect(gap(parent, child), `${child.household_id} child`).toBeGreaterThanOrEqual(18);
          expect(gap(parent, child), `${child.household_id} child`).toBeLessThanOrEqual(45);
        }
      }
      for (const parent of members.filter((member) => member.relation === '父母')) {
        expect(gap(parent, head)).toBeGreaterThanOrEqual(18);
        expect(gap(parent, head)).toBeLessThanOrEqual(45);
      }
      for (const daughterInLaw of members.filter((member) => member.relation === '儿媳')) {
        expect(isMale(daughterInLaw)).toBe(false);
      }
      for (const grandchild of members.filter((member) => member.relation === '孙子女')) {
        const hasParent = children.some((child) => gap(child, grandchild) >= 18 && gap(child, grandchild) <= 45);
        expect(hasParent, `${grandchild.household_id} grandchild`).toBe(true);
      }
    }
  });

  it('give children the surname of a parent', () => {
    for (const members of groupBy(persons, (person) => person.household_id!).values()) {
      const parents = members.filter((member) => member.relation === '户主' || member.relation === '配偶');
      for (const child of members.filter((member) => member.relation === '子女')) {
        const shares = parents.some((parent) => child.name!.startsWith(parent.name!.slice(0, 1)));
        // A widowed mother's children may carry their late father's surname.
        if (parents.length === 2) expect(shares, `${child.household_id} ${child.name}`).toBe(true);
      }
    }
  });

  it('include the surnames common in western Hunan', () => {
    const surnames = new Set(persons.map((person) => person.name!.slice(0, 1)));
    for (const surname of ['李', '王', '张', '刘', '陈', '杨', '黄', '向', '滕', '龙', '田', '舒']) {
      expect(surnames.has(surname), surname).toBe(true);
    }
  });
});

describe('demo-data payments', () => {
  const personsById = () => new Map(persons.map((person) => [person.id_number!, person]));
  const itemsByCode = () => new Map(items.map((item) => [item.item_code!, item]));

  it('pay known persons under known items with the catalogue department', () => {
    const people = personsById();
    const catalogue = itemsByCode();
    for (const payment of payments) {
      expect(people.has(payment.id_number!), payment.payment_id).toBe(true);
      expect(catalogue.get(payment.item_code!)?.department).toBe(payment.department);
    }
  });

  it('have unique IDs built from item, period and serial', () => {
    const ids = new Set(payments.map((payment) => payment.payment_id));
    expect(ids.size).toBe(payments.length);
    for (const payment of payments) {
      expect(payment.payment_id).toMatch(new RegExp(`^${payment.item_code}-${payment.period}-\\d{6}$`));
    }
  });

  it('use YYYY-MM periods for monthly items and YYYY otherwise', () => {
    const catalogue = itemsByCode();
    for (const payment of payments) {
      const cadence = catalogue.get(payment.item_code!)!.cadence;
      if (cadence === 'monthly') expect(payment.period).toMatch(/^20\d{2}-(0[1-9]|1[0-2])$/);
      else expect(payment.period).toMatch(/^20\d{2}$/);

      const year = Number(payment.period!.slice(0, 4));
      expect(year).toBeGreaterThanOrEqual(YEAR_FROM);
      expect(year).toBeLessThanOrEqual(YEAR_TO);
    }
  });

  it('are paid on a weekday inside the period', () => {
    for (const payment of payments) {
      expect(payment.paid_on!.startsWith(payment.period!), payment.payment_id).toBe(true);
      const weekday = new Date(`${payment.paid_on}T00:00:00Z`).getUTCDay();
      expect(weekday, payment.payment_id).not.toBe(0);
      expect(weekday, payment.payment_id).not.toBe(6);
    }
  });

  it('write amounts in yuan with exactly two decimals', () => {
    for (const payment of payments) {
      expect(payment.amount).toMatch(/^\d+\.\d{2}$/);
      const fen = parseYuanToFen(payment.amount!);
      expect(fen.ok, payment.payment_id).toBe(true);
      expect(fen.ok ? fen.fen : 0, payment.payment_id).toBeGreaterThan(0);
    }
  });

  it('pay the catalogue amount for per-person and per-household items', () => {
    const catalogue = itemsByCode();
    for (const payment of payments) {
      const item = catalogue.get(payment.item_code!)!;
      if (item.unit === 'per_mu') continue;
      expect(payment.amount, payment.payment_id).toBe(item.demo_amount_yuan);
    }
  });

  it('pay per-mu items as a one-decimal area times the rate', () => {
    const catalogue = itemsByCode();
    const perMu = payments.filter((payment) => catalogue.get(payment.item_code!)!.unit === 'per_mu');
    expect(perMu.length).toBeGreaterThan(0);

    for (const payment of perMu) {
      const rate = parseYuanToFen(catalogue.get(payment.item_code!)!.demo_amount_yuan!);
      const amount = parseYuanToFen(payment.amount!);
      if (!rate.ok || !amount.ok) throw new Error(`unparsable amount in ${payment.payment_id}`);

      // Areas run from 0.5 to 40 mu; one of them must give exactly this amount.
      const areas = Array.from({ length: 400 }, (_, index) => index + 1);
      const matches = areas.filter((tenths) => perMuAmountFen(tenths, rate.fen) === amount.fen);
      expect(matches.length, payment.payment_id).toBeGreaterThan(0);
    }

    // The same household's land does not change between years.
    for (const rows of groupBy(perMu, (payment) => `${payment.item_code}:${payment.id_number}`).values()) {
      expect(new Set(rows.map((row) => row.amount)).size).toBe(1);
    }
  });

  it('pay farmland subsidy to household heads with 1-12 mu', () => {
    const people = personsById();
    const rate = parseYuanToFen(itemsByCode().get('GDDL')!.demo_amount_yuan!);
    if (!rate.ok) throw new Error('unparsable GDDL rate');

    for (const payment of payments.filter((row) => row.item_code === 'GDDL')) {
      expect(people.get(payment.id_number!)!.relation).toBe('户主');
      const fen = parseYuanToFen(payment.amount!);
      if (!fen.ok) throw new Error(`unparsable amount in ${payment.payment_id}`);
      expect(fen.fen, payment.payment_id).toBeGreaterThanOrEqual(perMuAmountFen(10, rate.fen));
      expect(fen.fen, payment.payment_id).toBeLessThanOrEqual(perMuAmountFen(120, rate.fen));
    }
  });

  it('pay age-based items only at the right age', () => {
    const people = personsById();
    for (const payment of payments) {
      const person = people.get(payment.id_number!)!;
      const age = ageAtEndOf(person, payment.period!);
      if (payment.item_code === 'CXYL') expect(age, payment.payment_id).toBeGreaterThanOrEqual(60);
      if (payment.item_code === 'GLJT') expect(age, payment.payment_id).toBeGreaterThanOrEqual(80);
      if (payment.item_code === 'YWJY') {
        const ageInYear = Number(payment.period) - birthYear(person);
        expect(ageInYear, payment.payment_id).toBeGreaterThanOrEqual(6);
        expect(ageInYear, payment.payment_id).toBeLessThanOrEqual(15);
      }
    }
  });

  it('pay once-items at most once per household', () => {
    const catalogue = itemsByCode();
    const once = payments.filter((payment) => catalogue.get(payment.item_code!)!.cadence === 'once');
    const keys = once.map((payment) => `${payment.item_code}:${payment.id_number}`);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('pay each item to roughly its catalogue share of households', () => {
    const people = personsById();
    const households = new Map<string, Set<string>>();
    for (const payment of payments) {
      const set = households.get(payment.item_code!) ?? new Set<string>();
      set.add(people.get(payment.id_number!)!.household_id!);
      households.set(payment.item_code!, set);
    }

    // Means-tested and land items aim at the catalogue share; age-based ones follow ages.
    for (const code of ['GDDL', 'NCDB', 'STGY', 'TGHL', 'CYJB']) {
      const share = (households.get(code)?.size ?? 0) / 1500;
      const target = Number(itemsByCode().get(code)!.demo_share_of_households);
      expect(share, code).toBeGreaterThan(target * 0.6);
      expect(share, code).toBeLessThan(target * 1.5);
    }
  });

  it('add up to the reported total', () => {
    let totalFen = 0;
    for (const payment of payments) {
      const fen = parseYuanToFen(payment.amount!);
      if (fen.ok) totalFen += fen.fen;
    }
    expect(totalFen).toBe(summary.totalFen);
  });
});
