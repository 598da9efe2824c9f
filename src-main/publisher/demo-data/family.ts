// Family structures of demo households: who lives together, their sex, birth dates and names.
// Ages are completed years on 1 January of the reference year (the last year of the period),
// so everyone is born before that date and every birth date is in the past once the period
// has begun.
import { drawGivenName, drawSurname } from './names.js';
import type { Sex } from './names.js';
import type { Random } from './prng.js';

export const RELATIONS = {
  head: '户主',
  spouse: '配偶',
  child: '子女',
  parent: '父母',
  childInLaw: '儿媳',
  grandchild: '孙子女',
} as const;
export type Relation = (typeof RELATIONS)[keyof typeof RELATIONS];

export type Disability = 'none' | 'disabled' | 'severe';

export interface Member {
  relation: Relation;
  sex: Sex;
  birthYear: number;
  birthMonth: number;
  birthDay: number;
  name: string;
  disability: Disability;
}

// Household sizes 1-7, weighted so the mean is about 3.3 members, close to rural Hunan's
// average of about 3.2 (an estimate for demo data, not a census table).
const SIZE_WEIGHTS = [
  { value: 1, weight: 14 },
  { value: 2, weight: 22 },
  { value: 3, weight: 21 },
  { value: 4, weight: 20 },
  { value: 5, weight: 13 },
  { value: 6, weight: 7 },
  { value: 7, weight: 3 },
];

// Parents are 20-36 years older than their children: inside the 18-45 years the generator
// promises, even when the older spouse is 6 years older than the younger.
const MIN_PARENT_GAP = 20;
const MAX_PARENT_GAP = 36;
const MAX_SPOUSE_GAP = 6;

const DISABILITY_RATE = 0.025;
const SEVERE_SHARE_OF_DISABLED = 0.35;

interface Person {
  relation: Relation;
  sex: Sex;
  age: number;
  surname: string;
}

function otherSex(sex: Sex): Sex {
  return sex === 'male' ? 'female' : 'male';
}

/** Draws a surname different from the given one, because few couples share a surname. */
function drawOtherSurname(random: Random, surname: string): string {
  for (let attempt = 0; attempt < 5; attempt += 1) {
    const candidate = drawSurname(random);
    if (candidate !== surname) return candidate;
  }
  return surname;
}

/** Draws a spouse age close to the head's: husbands are usually 0-4 years older. */
function spouseAge(random: Random, head: Person): number {
  const gap = random.int(-2, MAX_SPOUSE_GAP);
  const age = head.sex === 'male' ? head.age - gap : head.age + gap;
  return Math.max(20, Math.min(age, head.age + MAX_SPOUSE_GAP));
}

/** Draws a child's age from the younger parent's, keeping the gap to both parents in range. */
function childAge(random: Random, parentAges: number[]): number {
  const younger = Math.min(...parentAges);
  const maximumGap = Math.min(MAX_PARENT_GAP, younger);
  return younger - random.int(MIN_PARENT_GAP, Math.max(MIN_PARENT_GAP, maximumGap));
}

function addChildren(
  random: Random,
  people: Person[],
  count: number,
  parentAges: number[],
  surname: string,
  relation: Relation,
): void {
  for (let index = 0; index < count; index += 1) {
    const sex: Sex = random.chance(0.52) ? 'male' : 'female';
    people.push({ relation, sex, age: childAge(random, parentAges), surname });
  }
}

/** Draws a head living alone: most such people in rural Hunan are elderly, often widows. */
function singlePerson(random: Random): Person[] {
  if (random.chance(0.6)) {
    const sex: Sex = random.chance(0.55) ? 'female' : 'male';
    return [{ relation: RELATIONS.head, sex, age: random.int(60, 92), surname: drawSurname(random) }];
  }
  const sex: Sex = random.chance(0.7) ? 'male' : 'female';
  return [{ relation: RELATIONS.head, sex, age: random.int(22, 59), surname: drawSurname(random) }];
}

/** Draws a couple or a widowed head with children, sometimes with the head's parents. */
function nuclearFamily(random: Random, size: number): Person[] {
  const withSpouse = size === 2 ? random.chance(0.8) : random.chance(0.92);
  // Couples mostly register the husband as head. Widowed heads are more often women.
  const maleHeadShare = withSpouse ? 0.88 : 0.4;
  const headSex: Sex = random.chance(maleHeadShare) ? 'male' : 'female';

  // Couples without children in a two-person household are mostly elderly. Other heads are 24-75.
  const coupleOnly = size === 2 && withSpouse;
  const headAge = coupleOnly
    ? random.chance(0.75) ? random.int(55, 85) : random.int(23, 54)
    : random.int(24, 75);
  const head: Person = { relation: RELATIONS.head, sex: headSex, age: headAge, surname: drawSurname(random) };
  const people: Person[] = [head];
  const parentAges = [head.age];

  // Children take their father's surname, so a widowed mother's children usually carry a
  // surname other than hers.
  let childrenSurname = head.surname;
  if (withSpouse) {
    const spouse: Person = {
      relation: RELATIONS.spouse,
      sex: otherSex(headSex),
      age: spouseAge(random, head),
      surname: drawOtherSurname(random, head.surname),
    };
    people.push(spouse);
    parentAges.push(spouse.age);
    if (spouse.sex === 'male' && random.chance(0.85)) childrenSurname = spouse.surname;
  } else if (headSex === 'female' && random.chance(0.7)) {
    childrenSurname = drawOtherSurname(random, head.surname);
  }

  // In larger households of younger heads, one or two of the places go to the head's parents.
  let parents = 0;
  const slots = size - people.length;
  if (size >= 4 && head.age <= 58 && random.chance(0.3)) parents = Math.min(slots - 1, random.int(1, 2));

  addChildren(random, people, slots - parents, parentAges, childrenSurname, RELATIONS.child);

  if (parents > 0) {
    const fatherAge = head.age + random.int(MIN_PARENT_GAP + 2, MAX_PARENT_GAP);
    // The head's father carries the head's surname whether the head is a son or a daughter.
    const fatherSurname = head.surname;
    const father: Person = { relation: RELATIONS.parent, sex: 'male', age: fatherAge, surname: fatherSurname };
    const motherAge = Math.max(head.age + MIN_PARENT_GAP, fatherAge - random.int(0, 5));
    const mother: Person = {
      relation: RELATIONS.parent,
      sex: 'female',
      age: motherAge,
      surname: drawOtherSurname(random, fatherSurname),
    };
    if (parents === 2) people.push(father, mother);
    else people.push(random.chance(0.6) ? mother : father);
  }
  return people;
}

/** Draws grandparents as head and spouse, a married son, his wife and their children. */
function threeGenerations(random: Random, size: number): Person[] {
  const head: Person = { relation: RELATIONS.head, sex: 'male', age: random.int(50, 78), surname: drawSurname(random) };
  const people: Person[] = [head];
  const parentAges = [head.age];

  if (random.chance(0.9)) {
    const spouse: Person = {
      relation: RELATIONS.spouse,
      sex: 'female',
      age: spouseAge(random, head),
      surname: drawOtherSurname(random, head.surname),
    };
    people.push(spouse);
    parentAges.push(spouse.age);
  }

  // The son must be at least 22 to have children of his own.
  const younger = Math.min(...parentAges);
  const sonAge = younger - random.int(MIN_PARENT_GAP + 2, Math.max(MIN_PARENT_GAP + 2, Math.min(MAX_PARENT_GAP, younger - 22)));
  const son: Person = { relation: RELATIONS.child, sex: 'male', age: Math.max(22, sonAge), surname: head.surname };
  const daughterInLaw: Person = {
    relation: RELATIONS.childInLaw,
    sex: 'female',
    age: Math.max(MIN_PARENT_GAP + 1, son.age - random.int(-2, 5)),
    surname: drawOtherSurname(random, head.surname),
  };
  people.push(son, daughterInLaw);

  addChildren(random, people, size - people.length, [son.age, daughterInLaw.age], son.surname, RELATIONS.grandchild);
  return people;
}

function drawDisability(random: Random): Disability {
  if (!random.chance(DISABILITY_RATE)) return 'none';
  return random.chance(SEVERE_SHARE_OF_DISABLED) ? 'severe' : 'disabled';
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** Draws the members of one household, the head first. */
export function drawFamily(random: Random, referenceYear: number): Member[] {
  const size = random.weighted(SIZE_WEIGHTS);

  let people: Person[];
  if (size === 1) people = singlePerson(random);
  else if (size >= 5 && random.chance(0.4)) people = threeGenerations(random, size);
  else people = nuclearFamily(random, size);

  return people.map((person) => {
    const birthYear = referenceYear - 1 - person.age;
    const birthMonth = random.int(1, 12);
    const birthDay = random.int(1, daysInMonth(birthYear, birthMonth));
    return {
      relation: person.relation,
      sex: person.sex,
      birthYear,
      birthMonth,
      birthDay,
      name: person.surname + drawGivenName(random, person.sex, birthYear),
      disability: drawDisability(random),
    };
  });
}
