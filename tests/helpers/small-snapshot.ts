// A small, real snapshot file built straight from SNAPSHOT_DDL, for tests of the hosts that
// should not depend on the publisher. All people and numbers are made up.
import { computeCheckCharacter } from '../../src-shared/id-number.js';
import { derivePersonKey } from '../../src-main/core/lookup-key.js';
import type { LookupKeyParams } from '../../src-main/core/lookup-key.js';
import { META_KEYS, SNAPSHOT_FORMAT } from '../../src-main/core/snapshot/schema.js';
import { createSnapshotWriter } from './snapshot-writer.js';

export interface SmallSnapshotPerson {
  idNumber: string;
  maskedName: string;
  relation: string;
}

export interface SmallSnapshot {
  /** Person 0 of each household is the head. */
  households: { householdId: string; persons: SmallSnapshotPerson[]; totalFen: number; paymentCount: number }[];
}

/** Makes a valid 18-digit ID number in the test region 430124, born on the given date. */
export function makeIdNumber(birthDate: string, sequence: number): string {
  const first17 = `430124${birthDate}${String(sequence).padStart(3, '0')}`;
  return first17 + computeCheckCharacter(first17);
}

const ITEMS = [
  ['A01', '耕地地力保护补贴', '县农业农村局', '《关于做好耕地地力保护补贴工作的通知》'],
  ['B02', '城乡居民基本养老保险', '县人力资源和社会保障局', '《城乡居民基本养老保险条例》'],
  ['C03', '农村低保', '县民政局', '《社会救助暂行办法》'],
] as const;

/**
 * Writes a snapshot with `householdCount` households, where household 0 has `paymentsOfFirst`
 * payments. The snapshot version is `version`, 3 by default.
 */
export function writeSmallSnapshot(
  file: string,
  options: { householdCount?: number; paymentsOfFirst?: number; version?: number } = {},
): SmallSnapshot {
  const householdCount = options.householdCount ?? 3;
  const paymentsOfFirst = options.paymentsOfFirst ?? 12;
  const params: LookupKeyParams = { algorithm: 'scrypt', N: 1024, r: 8, p: 1, keyLength: 32, saltHex: '0f'.repeat(16) };

  const { db, meta, region, item, household, person, payment } = createSnapshotWriter(file);

  const result: SmallSnapshot = { households: [] };
  db.transaction(() => {
    // 1. Meta and regions: county 430124, one township, one village.
    const metaValues: Record<string, string> = {
      [META_KEYS.format]: String(SNAPSHOT_FORMAT),
      [META_KEYS.version]: String(options.version ?? 3),
      [META_KEYS.regionCode]: '430124',
      [META_KEYS.regionName]: '湖南省长沙市宁乡市',
      [META_KEYS.createdAt]: '2025-07-01T08:00:00Z',
      [META_KEYS.dataAsOf]: '2025-06-30',
      [META_KEYS.householdCount]: String(householdCount),
      [META_KEYS.lookupKey]: JSON.stringify(params),
    };
    for (const [key, value] of Object.entries(metaValues)) meta.run(key, value);
    region.run('430124', '宁乡市', null, 'county');
    region.run('430124101', '示例镇', '430124', 'township');
    region.run('430124101201', '示例村', '430124101', 'village');
    for (const row of ITEMS) item.run(...row);

    // 2. Households: two members each, payments spread over years and items.
    for (let index = 0; index < householdCount; index += 1) {
      const householdId = `H${String(index).padStart(4, '0')}`;
      household.run(householdId, '430124101201');
      const persons: SmallSnapshotPerson[] = [
        { idNumber: makeIdNumber('19580312', 10 + index * 2), maskedName: `王*${index}`, relation: '户主' },
        { idNumber: makeIdNumber('19620725', 11 + index * 2), maskedName: '李*', relation: '配偶' },
      ];
      const keys = persons.map((entry) => derivePersonKey(entry.idNumber, params));
      persons.forEach((entry, index) => person.run(keys[index], householdId, entry.maskedName, entry.relation, index + 1));

      const count = index === 0 ? paymentsOfFirst : 2;
      let totalFen = 0;
      for (let number = 0; number < count; number += 1) {
        const [itemCode, , department] = ITEMS[number % ITEMS.length]!;
        const year = 2025 - (number % 4);
        const month = String((number % 12) + 1).padStart(2, '0');
        const amountFen = 10_000 + number * 1_234;
        totalFen += amountFen;
        payment.run(`${householdId}-P${number}`, householdId, (number % 2) + 1, itemCode, amountFen, `${year}-${month}-15`, `${year}-${month}`, department);
      }
      result.households.push({ householdId, persons, totalFen, paymentCount: count });
    }
  })();
  db.close();
  return result;
}
