// persons.csv: every member of every household, with the household's village.
import { readCsvRows } from './csv-source.js';
import { requireIdentifier, requireText } from './field-checks.js';
import type { RowContext } from './field-checks.js';
import { readIdNumber } from './id-number-column.js';
import type { IssueCollector } from './issues.js';
import { HEAD_OF_HOUSEHOLD, FILE_SPECS, RELATIONS } from './standard.js';
import { countyOf } from './validate-regions.js';
import type { RegionRow } from './validate-regions.js';

export interface PersonRow {
  /** The 18-digit form; it stays in memory only until the person key is derived. */
  idNumber: string;
  name: string;
  householdId: string;
  relation: string;
  villageCode: string;
  line: number;
}

export interface PersonsResult {
  persons: PersonRow[];
  byIdNumber: Map<string, PersonRow>;
  /** Every valid ID number in the file, also of rows with other errors, so payments do not repeat them. */
  knownIdNumbers: Set<string>;
  /**
   * The county of the publication: the one most persons' villages belong to (on a tie, the
   * smallest code); null when none could be determined. Persons of other counties are errors.
   */
  county: RegionRow | null;
}

interface HouseholdState {
  firstLine: number;
  villageCode: string | null;
  headLine: number | null;
}

const FILE = 'persons.csv';
const RELATION_SET = new Set<string>(RELATIONS);

/** The county with the most persons; on a tie the smallest code, so the choice is repeatable. */
function majorityCounty(counts: Map<string, number>, regions: Map<string, RegionRow>): RegionRow | null {
  let best: string | null = null;
  for (const [code, count] of counts) {
    const bestCount = best === null ? -1 : counts.get(best)!;
    if (count > bestCount || (count === bestCount && best !== null && code < best)) best = code;
  }
  return best === null ? null : (regions.get(best) ?? null);
}

/** Reads and checks persons.csv against the regions already read. */
export async function readPersons(
  dataDir: string,
  regions: Map<string, RegionRow>,
  today: Date,
  issues: IssueCollector,
): Promise<PersonsResult> {
  let persons: PersonRow[] = [];
  const byIdNumber = new Map<string, PersonRow>();
  const knownIdNumbers = new Set<string>();
  const firstLineOfId = new Map<string, number>();
  const households = new Map<string, HouseholdState>();
  // Which county each row's village is in, decided after the whole file has been read.
  const countyOfVillage = new Map<string, RegionRow | null>();
  const countyCounts = new Map<string, number>();
  const placedRows: Array<{ line: number; villageCode: string }> = [];
  const villageCounty = (code: string): RegionRow | null => {
    let found = countyOfVillage.get(code);
    if (found === undefined) {
      found = countyOf(code, regions);
      countyOfVillage.set(code, found);
    }
    return found;
  };

  // Against a partly read regions.csv most villages would look unknown; its own error gives the reason.
  const checkVillages = regions.size > 0 && !issues.incompleteFiles.has('regions.csv');
  if (issues.incompleteFiles.has('regions.csv')) {
    issues.error(FILE, null, 'village_code', null, 'file.crossCheckSkipped', { other: 'regions.csv' });
  }

  for await (const { line, values } of readCsvRows(dataDir, FILE_SPECS[FILE], issues)) {
    const row: RowContext = { file: FILE, line, values, issues };
    let valid = true;

    const idNumber = readIdNumber(row, today);
    if (idNumber !== null) {
      const firstLine = firstLineOfId.get(idNumber);
      if (firstLine !== undefined) {
        issues.error(FILE, line, 'id_number', values.id_number ?? '', 'persons.duplicateIdNumber', { firstLine });
        valid = false;
      } else {
        firstLineOfId.set(idNumber, line);
        knownIdNumbers.add(idNumber);
      }
    }

    const name = requireText(row, 'name');
    const householdId = requireIdentifier(row, 'household_id');
    const relation = values.relation ?? '';
    if (!RELATION_SET.has(relation)) {
      issues.error(FILE, line, 'relation', relation, 'persons.invalidRelation', { allowed: RELATIONS.join('、') });
      valid = false;
    }

    const villageCode = values.village_code ?? '';
    const village = regions.get(villageCode);
    // Without any usable region every village would fail; regions.csv already carries that error.
    if (checkVillages) {
      if (village === undefined) {
        issues.error(FILE, line, 'village_code', villageCode, 'persons.villageNotFound');
        valid = false;
      } else if (village.level !== 'village') {
        issues.error(FILE, line, 'village_code', villageCode, 'persons.notAVillage', { level: village.level });
        valid = false;
      } else {
        const rowCounty = villageCounty(villageCode);
        if (rowCounty !== null) {
          countyCounts.set(rowCounty.code, (countyCounts.get(rowCounty.code) ?? 0) + 1);
          placedRows.push({ line, villageCode });
        }
      }
    }

    if (householdId !== null) {
      const household = households.get(householdId);
      if (household === undefined) {
        households.set(householdId, {
          firstLine: line,
          villageCode: village !== undefined ? villageCode : null,
          headLine: relation === HEAD_OF_HOUSEHOLD ? line : null,
        });
      } else {
        if (relation === HEAD_OF_HOUSEHOLD) {
          if (household.headLine !== null) {
            issues.error(FILE, line, 'relation', relation, 'persons.secondHead', {
              householdId,
              firstLine: household.headLine,
            });
            valid = false;
          } else {
            household.headLine = line;
          }
        }
        if (village !== undefined) {
          if (household.villageCode === null) {
            household.villageCode = villageCode;
          } else if (household.villageCode !== villageCode) {
            issues.error(FILE, line, 'village_code', villageCode, 'persons.householdVillageMismatch', {
              householdId,
              expected: household.villageCode,
              firstLine: household.firstLine,
            });
            valid = false;
          }
        }
      }
    }

    if (!valid || idNumber === null || name === null || householdId === null || village === undefined) continue;
    const person: PersonRow = { idNumber, name, householdId, relation, villageCode, line };
    persons.push(person);
    byIdNumber.set(idNumber, person);
  }

  const county = majorityCounty(countyCounts, regions);
  if (county !== null && countyCounts.size > 1) {
    const majorityCount = countyCounts.get(county.code) ?? 0;
    for (const { line, villageCode } of placedRows) {
      const rowCounty = villageCounty(villageCode)!;
      if (rowCounty.code === county.code) continue;
      issues.error(FILE, line, 'village_code', villageCode, 'persons.otherCounty', {
        county: `${rowCounty.code} ${rowCounty.name}`,
        majorityCounty: `${county.code} ${county.name}`,
        majorityCount,
      });
    }
    persons = persons.filter((person) => villageCounty(person.villageCode)?.code === county.code);
    for (const [idNumber, person] of byIdNumber) {
      if (villageCounty(person.villageCode)?.code !== county.code) byIdNumber.delete(idNumber);
    }
  }

  for (const [householdId, household] of households) {
    if (household.headLine === null) {
      issues.error(FILE, household.firstLine, 'household_id', householdId, 'persons.noHead', { head: HEAD_OF_HOUSEHOLD });
    }
  }

  return { persons, byIdNumber, knownIdNumbers, county };
}
