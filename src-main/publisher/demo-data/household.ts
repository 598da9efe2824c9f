// One demo household: its members with ID numbers, its land and how hard-up it is.
import { drawFamily } from './family.js';
import type { Member } from './family.js';
import type { IdNumberAllocator } from './id-numbers.js';
import type { Random } from './prng.js';

export interface Person extends Member {
  idNumber: string;
}

export interface Household {
  householdId: string;
  villageCode: string;
  members: Person[];
  // Land areas in tenths of a mu (one decimal, as contracts record them); 0 when none.
  farmlandTenths: number;
  forestTenths: number;
  returnedFarmlandTenths: number;
  // 0 = well off, 1 = poorest; drives means-tested items.
  hardship: number;
}

function pad(value: number, width: number): string {
  return String(value).padStart(width, '0');
}

/** Draws an area in tenths of a mu, most of it near the lower end of the range. */
function drawAreaTenths(random: Random, minimumMu: number, maximumMu: number): number {
  const minimum = Math.round(minimumMu * 10);
  const span = Math.round(maximumMu * 10) - minimum;
  return minimum + Math.floor(Math.pow(random.next(), 1.8) * (span + 1));
}

/** Assigns ID numbers, moving a birth date within its year in the rare case a date is full. */
function assignIdNumbers(random: Random, members: Member[], allocator: IdNumberAllocator): Person[] {
  return members.map((member) => {
    let { birthMonth, birthDay } = member;
    for (;;) {
      const birthDate = `${member.birthYear}${pad(birthMonth, 2)}${pad(birthDay, 2)}`;
      const idNumber = allocator.allocate(random, birthDate, member.sex);
      if (idNumber) return { ...member, birthMonth, birthDay, idNumber };

      birthMonth = random.int(1, 12);
      birthDay = random.int(1, 28);
    }
  });
}

export function drawHousehold(
  random: Random,
  options: { householdId: string; villageCode: string; isCommunity: boolean; referenceYear: number },
  allocator: IdNumberAllocator,
): Household {
  const members = assignIdNumbers(random, drawFamily(random, options.referenceYear), allocator);

  // Community (社区) households in the county town farm less often than village households.
  const farms = random.chance(options.isCommunity ? 0.25 : 0.84);
  const farmlandTenths = farms ? drawAreaTenths(random, 1, 12) : 0;
  const forestTenths = !options.isCommunity && random.chance(0.35) ? drawAreaTenths(random, 1, 40) : 0;
  const returnedFarmlandTenths = !options.isCommunity && random.chance(0.12) ? drawAreaTenths(random, 0.5, 8) : 0;

  // Elderly people living alone and households with a disabled member tend to be poorer.
  let hardship = random.next();
  const head = members[0]!;
  const elderlyAlone = members.length === 1 && options.referenceYear - head.birthYear >= 60;
  if (elderlyAlone || members.some((member) => member.disability !== 'none')) {
    hardship = 1 - (1 - hardship) * (1 - hardship);
  }

  return {
    householdId: options.householdId,
    villageCode: options.villageCode,
    members,
    farmlandTenths,
    forestTenths,
    returnedFarmlandTenths,
    hardship,
  };
}
