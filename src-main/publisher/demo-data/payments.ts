// Payments of one household: which items it receives, in which periods, to whom and how much.
// Amounts are integer fen. A per-mu amount is the area in tenths of a mu times the rate per mu,
// rounded half up to the fen with integer arithmetic.
import { RELATIONS } from './family.js';
import type { Household, Person } from './household.js';
import { PaymentDates, drawWorkingDay, monthlyPeriods, yearlyPeriods } from './payment-calendar.js';
import type { Period } from './payment-calendar.js';
import { ruleFor, targetingWeight } from './payment-rules.js';
import type { ItemRule } from './payment-rules.js';
import type { PaymentRow as ValidatedPaymentRow } from '../validate-payments.js';
import type { Random } from './prng.js';
import type { SubsidyItem } from './reference-data.js';

/** A payments.csv row as the generator writes it: the validated row without a line number. */
export type PaymentRow = Omit<ValidatedPaymentRow, 'line'>;

interface PreparedItem {
  item: SubsidyItem;
  rule: ItemRule;
  periods: Period[];
}

const MONTHS_PER_YEAR = 12;

/** Returns the amount for an area in tenths of a mu at a rate in fen per mu, rounded half up. */
export function perMuAmountFen(areaTenths: number, rateFenPerMu: number): number {
  return Math.floor((areaTenths * rateFenPerMu + 5) / 10);
}

function monthIndex(year: number, month: number): number {
  return year * MONTHS_PER_YEAR + (month - 1);
}

/** Last month of a period, as a month index: December for a whole year. */
function lastMonthOf(period: Period): number {
  return monthIndex(period.year, period.month ?? MONTHS_PER_YEAR);
}

/** Returns whether the person has reached the age by the end of the period. */
function hasReachedAge(person: Person, age: number, period: Period): boolean {
  return lastMonthOf(period) - monthIndex(person.birthYear, person.birthMonth) >= age * MONTHS_PER_YEAR;
}

function isBornBy(person: Person, period: Period): boolean {
  return monthIndex(person.birthYear, person.birthMonth) <= lastMonthOf(period);
}

function isChildOfSchoolAge(person: Person, year: number): boolean {
  const age = year - person.birthYear;
  const isChild = person.relation === RELATIONS.child || person.relation === RELATIONS.grandchild;
  return isChild && age >= 6 && age <= 15;
}

function landTenths(household: Household, rule: ItemRule): number {
  if (rule.land === 'farmland') return household.farmlandTenths;
  if (rule.land === 'forest') return household.forestTenths;
  if (rule.land === 'returnedFarmland') return household.returnedFarmlandTenths;
  return 0;
}

function countChildren(household: Household): number {
  return household.members.filter((member) => member.relation === RELATIONS.child).length;
}

export class PaymentGenerator {
  private readonly prepared: PreparedItem[];
  private readonly dates: PaymentDates;
  private readonly serials = new Map<string, number>();
  private readonly finalYear: Period;

  constructor(
    items: SubsidyItem[],
    private readonly options: { seed: number; yearFrom: number; yearTo: number },
  ) {
    const { yearFrom, yearTo } = options;
    this.prepared = items.map((item) => ({
      item,
      rule: ruleFor(item),
      periods: item.cadence === 'monthly' ? monthlyPeriods(yearFrom, yearTo) : yearlyPeriods(yearFrom, yearTo),
    }));
    this.dates = new PaymentDates(options.seed);
    this.finalYear = { label: String(yearTo), year: yearTo, month: null };
  }

  /** Draws the household's payments and passes each row to emit, in a stable order. */
  generate(random: Random, household: Household, emit: (row: PaymentRow) => void): void {
    const selected = this.selectItems(random, household);

    for (const prepared of selected) {
      if (prepared.item.cadence === 'once') this.payOnce(random, household, prepared, emit);
      else this.payRecurring(random, household, prepared, emit);
    }
  }

  /** Picks the items the household receives, then drops those replaced by another item. */
  private selectItems(random: Random, household: Household): PreparedItem[] {
    const selected = this.prepared.filter(({ item, rule }) => {
      const draw = random.next();
      if (!this.isEligible(household, rule)) return false;
      if (rule.targeting === 'universal') return true;

      const weight = targetingWeight(rule.targeting, household.hardship);
      return draw < Math.min(1, (item.shareOfHouseholds * weight) / rule.eligibleShare);
    });

    const replaced = new Set(selected.flatMap(({ rule }) => rule.replaces ?? []));
    return selected.filter(({ item }) => !replaced.has(item.itemCode));
  }

  /** Returns whether anyone in the household can receive the item at some time in the range. */
  private isEligible(household: Household, rule: ItemRule): boolean {
    if (rule.land && landTenths(household, rule) === 0) return false;

    const members = household.members;
    const head = members[0]!;
    const finalYear = this.finalYear;
    switch (rule.recipients) {
      case 'head':
      case 'members':
        return true;
      case 'aged60':
        return members.some((member) => hasReachedAge(member, 60, finalYear));
      case 'aged80':
        return members.some((member) => hasReachedAge(member, 80, finalYear));
      case 'parents60':
        return countChildren(household) <= 2 && this.parentsAged60(household, finalYear).length > 0;
      case 'school':
        return members.some((member) => isChildOfSchoolAge(member, this.options.yearFrom) || isChildOfSchoolAge(member, this.options.yearTo));
      case 'disabled':
        return members.some((member) => member.disability !== 'none');
      case 'severelyDisabled':
        return members.some((member) => member.disability === 'severe');
      case 'aloneWithoutSupport':
        return members.length === 1 && (hasReachedAge(head, 60, finalYear) || head.disability !== 'none');
    }
  }

  private parentsAged60(household: Household, period: Period): Person[] {
    return household.members.filter(
      (member) =>
        (member.relation === RELATIONS.head || member.relation === RELATIONS.spouse) && hasReachedAge(member, 60, period),
    );
  }

  /** Returns the people paid for one period; per-household and per-mu items pay the head. */
  private recipientsIn(household: Household, rule: ItemRule, period: Period): Person[] {
    const members = household.members.filter((member) => isBornBy(member, period));
    switch (rule.recipients) {
      case 'head':
        return [household.members[0]!];
      case 'members':
        return members;
      case 'aged60':
        return members.filter((member) => hasReachedAge(member, 60, period));
      case 'aged80':
        return members.filter((member) => hasReachedAge(member, 80, period));
      case 'parents60':
        return this.parentsAged60(household, period);
      case 'school':
        return members.filter((member) => isChildOfSchoolAge(member, period.year));
      case 'disabled':
        return members.filter((member) => member.disability !== 'none');
      case 'severelyDisabled':
        return members.filter((member) => member.disability === 'severe');
      case 'aloneWithoutSupport':
        return [household.members[0]!];
    }
  }

  private amountFen(household: Household, prepared: PreparedItem): number {
    if (prepared.item.unit === 'per_mu') return perMuAmountFen(landTenths(household, prepared.rule), prepared.item.amountFen);
    return prepared.item.amountFen;
  }

  private payRecurring(random: Random, household: Household, prepared: PreparedItem, emit: (row: PaymentRow) => void): void {
    const { periods, rule, item } = prepared;

    // Means-tested support starts and ends for some households inside the range.
    let first = 0;
    let last = periods.length - 1;
    if (rule.enrolment === 'varies') {
      if (!random.chance(0.55)) first = random.int(0, last);
      if (!random.chance(0.75)) last = random.int(first, last);
    }

    const amountFen = this.amountFen(household, prepared);
    for (let index = first; index <= last; index += 1) {
      const period = periods[index]!;
      const paidOn = this.dates.batchDate(item.itemCode, period, rule.yearlyMonths);
      for (const person of this.recipientsIn(household, rule, period)) {
        emit(this.row(item, person, amountFen, paidOn, period.label));
      }
    }
  }

  private payOnce(random: Random, household: Household, prepared: PreparedItem, emit: (row: PaymentRow) => void): void {
    const { periods, rule, item } = prepared;
    const period = periods[random.int(0, periods.length - 1)]!;
    const paidOn = drawWorkingDay(random, period.year, random.int(rule.yearlyMonths[0], rule.yearlyMonths[1]));

    const amountFen = this.amountFen(household, prepared);
    for (const person of this.recipientsIn(household, rule, period)) {
      emit(this.row(item, person, amountFen, paidOn, period.label));
    }
  }

  /** Builds a row whose payment ID is <item_code>-<period>-<serial within item and period>. */
  private row(item: SubsidyItem, person: Person, amountFen: number, paidOn: string, period: string): PaymentRow {
    const key = `${item.itemCode}-${period}`;
    const serial = (this.serials.get(key) ?? 0) + 1;
    this.serials.set(key, serial);

    return {
      paymentId: `${key}-${String(serial).padStart(6, '0')}`,
      idNumber: person.idNumber,
      itemCode: item.itemCode,
      amountFen,
      paidOn,
      period,
      department: item.department,
    };
  }
}
