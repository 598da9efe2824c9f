// sharedIdNumber: one ID number in several households. Either several households give it as their
// head's (one household registered twice, or a number typed for the wrong person), or one person is
// a member of several households. The import keeps one person row per ID number and records the
// other rows as conflicts. A folder of the data standard can also repeat a person in persons.csv.
// Rows of one household that give the person another name or village are conflicts too, and are
// reported apart: the import kept the first row, or rejected the person.
import { maskIdNumber } from '../../../../src-shared/id-number.js';
import { HEAD_OF_HOUSEHOLD } from '../../standard.js';
import type { CheckWarning, IdNumberConflict, RowRef, StandardPerson } from '../check-types.js';
import { warning } from './rule-support.js';

type Claim = IdNumberConflict['rows'][number];

function refKey(ref: RowRef): string {
  return `${ref.file}|${ref.sheet ?? ''}|${ref.row}`;
}

function claimOf(person: StandardPerson): Claim {
  return { ref: person.source, name: person.name, household_id: person.household_id, relation: person.relation };
}

/**
 * Collects the rows of each ID number that has several, from repeated persons and the conflicts.
 * `accepted` maps each accepted person's ID number to its first index in `persons`.
 */
function collectClaims(persons: readonly StandardPerson[], conflicts: readonly IdNumberConflict[]): { claims: Map<string, Claim[]>; accepted: Map<string, number> } {
  const first = new Map<string, number>();
  const claims = new Map<string, Claim[]>();
  for (let index = 0; index < persons.length; index++) {
    const person = persons[index]!;
    const earlier = first.get(person.id_number);
    if (earlier === undefined) {
      first.set(person.id_number, index);
      continue;
    }
    const rows = claims.get(person.id_number);
    if (rows === undefined) claims.set(person.id_number, [claimOf(persons[earlier]!), claimOf(person)]);
    else rows.push(claimOf(person));
  }

  for (const conflict of conflicts) {
    const rows = claims.get(conflict.id_number) ?? [];
    const seen = new Set(rows.map((claim) => refKey(claim.ref)));
    for (const claim of conflict.rows) if (!seen.has(refKey(claim.ref))) rows.push(claim);
    claims.set(conflict.id_number, rows);
  }
  return { claims, accepted: first };
}

export function findSharedIdNumbers(persons: readonly StandardPerson[], conflicts: readonly IdNumberConflict[]): CheckWarning[] {
  const warnings: CheckWarning[] = [];
  const { claims: claimsById, accepted } = collectClaims(persons, conflicts);
  for (const [idNumber, claims] of claimsById) {
    const households = new Set(claims.map((claim) => claim.household_id));
    if (households.size < 2) {
      // One household, but the rows disagree on the person's name or village. The first row was
      // kept, unless the person was rejected (for example, the household's village is unknown).
      const villages = [...new Set(claims.map((claim) => claim.village ?? '').filter((village) => village !== ''))];
      const names = [...new Set(claims.map((claim) => claim.name))];
      if (names.length < 2 && villages.length < 2) continue;
      const params = { id: maskIdNumber(idNumber), name: claims[0]!.name, names: names.join('、'), villages: villages.join('、') };
      const variant = accepted.has(idNumber) ? 'differentRows' : 'differentRowsRejected';
      warnings.push(warning('sharedIdNumber', variant, params, claims.map((claim) => claim.ref)));
      continue;
    }

    const headed = new Set(claims.filter((claim) => claim.relation === HEAD_OF_HOUSEHOLD).map((claim) => claim.household_id));
    const params = {
      id: maskIdNumber(idNumber),
      name: claims[0]!.name,
      names: [...new Set(claims.map((claim) => claim.name))].join('、'),
      households: households.size,
      heads: headed.size,
    };
    const variant = headed.size >= 2 ? 'severalHeads' : 'severalHouseholds';
    warnings.push(warning('sharedIdNumber', variant, params, claims.map((claim) => claim.ref)));
  }
  return warnings;
}
