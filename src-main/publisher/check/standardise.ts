// Builds the rows of persons.csv and payments.csv from the cleaned records of every department
// table. Person rosters are read before payment exports, so a roster's household placement wins.
//
// A person's household is the household of the head whose ID number the row gives
// (户主身份证号). When the row gives none, the person is 户主 of a household of their own, until a
// row that names a head places them. The first row that names the head decides the person's
// household, and the first row of all decides the name. A later row that names another head still
// gives its payment, and is recorded as an IdNumberConflict for the comparison rules.
// A household is accepted when its head is placed as its own head and the head's village is found
// in regions.csv. Members of a household without an accepted head are rejected, and so are the
// payments of a rejected person.
import { maskIdNumber } from '../../../src-shared/id-number.js';
import type { Translate } from '../../../src-shared/messages/translator.js';
import { chinaDate, requireText } from '../field-checks.js';
import type { RowContext } from '../field-checks.js';
import { IssueCollector } from '../issues.js';
import { HEAD_OF_HOUSEHOLD } from '../standard.js';
import type { DataFileName } from '../standard.js';
import { checkPaymentDates } from '../validate-payments.js';
import type { ImportRecord } from '../import/clean-rows.js';
import type { IdNumberConflict, Message, RowRef, StandardPayment, StandardPerson } from './check-types.js';
import type { ImportedTable } from './import-table.js';
import { paymentPeriod } from './item-catalogue.js';
import type { ItemCatalogue } from './item-catalogue.js';
import type { RegionNames } from './region-names.js';
import { RELATION_WORDS, standardRelation } from './relations.js';
import { householdId, paymentId } from './standard-ids.js';

export interface StandardRows {
  persons: StandardPerson[];
  payments: StandardPayment[];
  conflicts: IdNumberConflict[];
}

interface Placement {
  name: string;
  /** ID number of the household's head; the person's own for a head. */
  head: string;
  relation: string;
  /** True when the row named the head (户主身份证号); false for a household of one's own by default. */
  explicit: boolean;
  township: string | null;
  village: string | null;
  table: number;
  ref: RowRef;
  household: Household | null;
}

interface Household {
  id: string;
  villageCode: string;
}

interface PendingPayment {
  table: number;
  ref: RowRef;
  idNumber: string;
  itemCode: string;
  amountFen: number;
  paidOn: string;
  period: string;
  department: string;
}

type Claim = { head: string; relation: string; name: string; township: string | null; village: string | null; ref: RowRef };

function problem(name: string, params: Record<string, string | number>): Message {
  return { key: `check:standardise.${name}`, params };
}

class Standardiser {
  private readonly placements = new Map<string, Placement>();
  private readonly households = new Map<string, Household>();
  /** Later claims of another household, by ID number; the first placement is not repeated here. */
  private readonly claims = new Map<string, Claim[]>();
  private readonly pending: PendingPayment[] = [];
  /** Rows already rejected, per table, so that no row is rejected twice. */
  private readonly rejectedRows: Set<number>[];
  // Few distinct dates, periods and departments recur across many rows; sharing one string each
  // keeps a million payments small.
  private readonly shared = new Map<string, string>();
  /** Takes the data standard's verdict on one row at a time; emptied after each row. */
  private readonly issues = new IssueCollector(1);
  private readonly today: string;

  constructor(
    private readonly tables: ImportedTable[],
    private readonly regions: RegionNames,
    private readonly items: ItemCatalogue,
    private readonly idKey: Uint8Array,
    private readonly limits: StandardLimits,
  ) {
    this.rejectedRows = tables.map(() => new Set<number>());
    this.today = chinaDate(limits.now);
  }

  /**
   * Applies the data standard's checks of persons.csv and payments.csv (validate-persons.ts,
   * validate-payments.ts) to the values a row gives, so that a folder check accepts is one
   * publish accepts. Returns the first problem, with the standard column named as the worker's
   * field, or null.
   */
  private standardProblem(file: DataFileName, values: Record<string, string>): Message | null {
    const row: RowContext = { file, line: 0, values, issues: this.issues };
    if (file === 'persons.csv') requireText(row, 'name');
    else checkPaymentDates(row, this.today);
    const issue = this.issues.errors[0];
    this.issues.errors.length = 0;
    this.issues.errorCount = 0;
    if (issue === undefined) return null;
    const column = issue.column ?? '';
    // The standard's checks run on the payment date, the period and the name only.
    let field = 'name';
    if (column === 'paid_on' || column === 'period') field = column;
    const params = { column: this.limits.t(`import:field.${field}`), value: issue.value ?? '' };
    const problemText = this.limits.t(`validation:${issue.code}`, { ...issue.params, ...params });
    return problem('notStandard', { ...params, problem: problemText });
  }

  run(): StandardRows {
    // 1. Records to placements and pending payments, rosters first. Each table's records are
    //    released once read, so they and the standard payments are not all held at once.
    const order = this.tables.map((_, index) => index);
    order.sort((first, second) => rank(this.tables[first]!) - rank(this.tables[second]!) || first - second);
    for (const index of order) {
      const table = this.tables[index]!;
      for (const record of table.records) this.readRecord(index, table, record);
      table.records = [];
    }

    // 2. Households of the heads, then members into them.
    for (const [idNumber, placement] of this.placements) {
      if (placement.head === idNumber) this.acceptHead(idNumber, placement);
    }
    const persons: StandardPerson[] = [];
    for (const [idNumber, placement] of this.placements) {
      if (placement.head !== idNumber) {
        placement.household = this.households.get(placement.head) ?? null;
        if (placement.household === null) {
          this.reject(placement.table, placement.ref, problem('headNotFound', { head: maskIdNumber(placement.head) }));
        }
      }
      const household = placement.household;
      if (household === null) continue;
      persons.push({
        id_number: idNumber,
        name: placement.name,
        household_id: household.id,
        relation: placement.relation,
        village_code: household.villageCode,
        source: placement.ref,
      });
    }

    // 3. Payments of accepted persons, then the counts of each table.
    const payments = this.acceptPayments();
    this.countRows();
    return { persons, payments, conflicts: this.conflicts() };
  }

  private share(text: string): string {
    const existing = this.shared.get(text);
    if (existing !== undefined) return existing;
    this.shared.set(text, text);
    return text;
  }

  private reject(table: number, ref: RowRef, message: Message): void {
    const rejected = this.rejectedRows[table]!;
    if (rejected.has(ref.row)) return;
    rejected.add(ref.row);
    this.tables[table]!.summary.rowProblems.push({ ref, message });
  }

  private readRecord(index: number, table: ImportedTable, record: ImportRecord): void {
    const ref: RowRef = { file: table.summary.file, sheet: table.summary.sheet, row: record.row };
    const idNumber = record.id_number!;

    // 1. The item and period of a payment; an unknown item rejects the whole row.
    let payment: PendingPayment | null = null;
    if (table.kind === 'payments') {
      const match = this.items.resolve(record.item_name!);
      if (!match.ok) {
        this.reject(index, ref, match.message);
        return;
      }
      const paidOn = record.paid_on!;
      const period = paymentPeriod(record.period, paidOn, match.item);
      const outOfRange = this.standardProblem('payments.csv', { paid_on: paidOn, period });
      if (outOfRange !== null) {
        this.reject(index, ref, outOfRange);
        return;
      }
      payment = {
        table: index,
        ref,
        idNumber,
        itemCode: match.item.itemCode,
        amountFen: record.amount!,
        paidOn: this.share(paidOn),
        period: this.share(period),
        department: this.share(match.item.department),
      };
    }

    // 2. The household the row places the person in.
    const headText = record.household_head_id ?? null;
    const head = headText ?? idNumber;
    let relation: string = HEAD_OF_HOUSEHOLD;
    const relationText = record.relation ?? null;
    if (headText !== null) {
      const found = relationText === null ? null : standardRelation(relationText);
      if (relationText !== null && found === null) {
        this.reject(index, ref, problem('unknownRelation', { relation: relationText, allowed: RELATION_WORDS }));
        return;
      }
      if (head === idNumber && found !== null && found !== HEAD_OF_HOUSEHOLD) {
        this.reject(index, ref, problem('headOwnRelation', { relation: relationText! }));
        return;
      }
      if (head !== idNumber) {
        if (found === HEAD_OF_HOUSEHOLD) {
          this.reject(index, ref, problem('headOfOther', { head: maskIdNumber(head) }));
          return;
        }
        relation = found ?? '其他';
      }
    }
    const badName = this.standardProblem('persons.csv', { name: record.name! });
    if (badName !== null) {
      this.reject(index, ref, badName);
      return;
    }
    this.place(idNumber, { name: record.name!, head, relation, explicit: headText !== null, township: record.township ?? null, village: record.village ?? null, table: index, ref, household: null });

    if (payment !== null) this.pending.push(payment);
  }

  private place(idNumber: string, placement: Placement): void {
    const first = this.placements.get(idNumber);
    if (first === undefined) {
      this.placements.set(idNumber, placement);
      return;
    }
    const sameHead = !placement.explicit || first.head === placement.head;
    // A later row in the same household keeps the first row's name and village; when it gives
    // another, the sharedIdNumber rule warns with both rows, so the worker sees what was kept.
    if (sameHead && !this.differs(first, placement)) return;
    if (!sameHead && !first.explicit) {
      // A household of one's own by default gives way to the first row that names the head.
      this.placements.set(idNumber, { ...placement, name: first.name });
      if (placement.name === first.name) return;
    }
    const claim: Claim = { head: placement.head, relation: placement.relation, name: placement.name, township: placement.township, village: placement.village, ref: placement.ref };
    const claims = this.claims.get(idNumber);
    if (claims === undefined) this.claims.set(idNumber, [claim]);
    else claims.push(claim);
  }

  /** True when a later row gives the person another name, or a village that is not the first row's. */
  private differs(first: Placement, later: Placement): boolean {
    if (later.name !== first.name) return true;
    if (later.village === null || first.village === null) return false;
    if (later.village === first.village && later.township === first.township) return false;
    const was = this.regions.resolve(first.township, first.village);
    const now = this.regions.resolve(later.township, later.village);
    return !was.ok || !now.ok || was.villageCode !== now.villageCode;
  }

  private acceptHead(idNumber: string, placement: Placement): void {
    if (placement.village === null) {
      this.reject(placement.table, placement.ref, problem('missingVillage', {}));
      return;
    }
    const match = this.regions.resolve(placement.township, placement.village);
    if (!match.ok) {
      this.reject(placement.table, placement.ref, match.message);
      return;
    }
    const household = { id: householdId(this.idKey, match.villageCode, idNumber), villageCode: match.villageCode };
    this.households.set(idNumber, household);
    placement.household = household;
  }

  private acceptPayments(): StandardPayment[] {
    const payments: StandardPayment[] = [];
    const issued = new Set<string>();
    for (const pending of this.pending) {
      const placement = this.placements.get(pending.idNumber)!;
      if (placement.household === null) {
        const params = { idNumber: maskIdNumber(pending.idNumber), file: placement.ref.file, row: placement.ref.row };
        this.reject(pending.table, pending.ref, problem('personNotAccepted', params));
        continue;
      }
      if (this.rejectedRows[pending.table]!.has(pending.ref.row)) continue;

      let occurrence = 0;
      let id = paymentId(this.idKey, pending, occurrence);
      while (issued.has(id)) {
        occurrence += 1;
        id = paymentId(this.idKey, pending, occurrence);
      }
      issued.add(id);
      payments.push({
        payment_id: id,
        id_number: pending.idNumber,
        item_code: pending.itemCode,
        amount_fen: pending.amountFen,
        paid_on: pending.paidOn,
        period: pending.period,
        department: pending.department,
        source: pending.ref,
      });
    }
    return payments;
  }

  private countRows(): void {
    this.tables.forEach((table, index) => {
      const summary = table.summary;
      const rejected = this.rejectedRows[index]!;
      summary.rejected = summary.cellRejections.length + summary.rowProblems.length;
      summary.accepted = summary.rowsRead - summary.rejected;
      const repaired = new Set<number>();
      for (const repair of summary.repairs) if (!rejected.has(repair.row)) repaired.add(repair.row);
      summary.repairedRows = repaired.size;
    });
  }

  private conflicts(): IdNumberConflict[] {
    const householdOf = (head: string): string => this.households.get(head)?.id ?? '';
    const villageOf = (row: { township: string | null; village: string | null }): string | null =>
      row.village === null ? null : this.regions.villageLabel(row.township, row.village);
    const conflicts: IdNumberConflict[] = [];
    for (const [idNumber, claims] of this.claims) {
      const first = this.placements.get(idNumber)!;
      const rows = [{ ref: first.ref, name: first.name, household_id: householdOf(first.head), relation: first.relation, village: villageOf(first) }];
      for (const claim of claims) rows.push({ ref: claim.ref, name: claim.name, household_id: householdOf(claim.head), relation: claim.relation, village: villageOf(claim) });
      conflicts.push({ id_number: idNumber, rows });
    }
    return conflicts;
  }
}

/** What the standard's range checks need: today's date, and the worker's names of the fields. */
export interface StandardLimits {
  now: Date;
  t: Translate;
}

/** Rosters before payment exports. */
function rank(table: ImportedTable): number {
  return table.kind === 'persons' ? 0 : 1;
}

/**
 * Builds the standard rows and fills in each table's accepted, rejected and repaired counts. It
 * empties each table's `records` once it has read them.
 */
export function standardise(tables: ImportedTable[], regions: RegionNames, items: ItemCatalogue, idKey: Uint8Array, limits: StandardLimits): StandardRows {
  return new Standardiser(tables, regions, items, idKey, limits).run();
}
