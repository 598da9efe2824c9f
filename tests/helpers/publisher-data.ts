// Small, valid county deliveries for publisher tests: CSV text for the four files of data
// standard version 1, with generated ID numbers whose check characters are correct.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { computeCheckCharacter } from '../../src-shared/id-number.js';

/** Builds a valid 18-digit ID number from a 6-digit region prefix, a YYYYMMDD birth date and a sequence. */
export function makeIdNumber(prefix: string, birthDate: string, sequence: number): string {
  const first17 = `${prefix}${birthDate}${String(sequence).padStart(3, '0')}`;
  return first17 + computeCheckCharacter(first17);
}

export const REGIONS_CSV = [
  'code,name,parent_code,level',
  '43,湖南省,,province',
  '4312,怀化市,43,city',
  '431226,麻阳苗族自治县,4312,county',
  '431226101,锦和镇,431226,township',
  '431226101201,岩门村,431226101,village',
  '431226101202,楠木村村,431226101,village',
].join('\n');

export const SUBSIDY_ITEMS_CSV = [
  'item_code,name,department,policy_basis,cadence,unit,demo_amount_yuan',
  'GDDL,耕地地力保护补贴,县农业农村局,"财政部 农业部《关于全面推开农业""三项补贴""改革工作的通知》",yearly,per_mu,105.00',
  'NCDB,农村最低生活保障金,县民政局,《社会救助暂行办法》,monthly,per_person,360.00',
].join('\n');

export interface SamplePerson {
  idNumber: string;
  name: string;
  householdId: string;
  relation: string;
  villageCode: string;
}

export const SAMPLE_PERSONS: SamplePerson[] = [
  { idNumber: makeIdNumber('431226', '19650312', 11), name: '张三丰', householdId: 'H001', relation: '户主', villageCode: '431226101201' },
  { idNumber: makeIdNumber('431226', '19680704', 22), name: '李四', householdId: 'H001', relation: '配偶', villageCode: '431226101201' },
  { idNumber: makeIdNumber('431226', '19921120', 31), name: '张小明', householdId: 'H001', relation: '子女', villageCode: '431226101201' },
  { idNumber: makeIdNumber('431226', '19500101', 45), name: '欧阳娜娜', householdId: 'H002', relation: '户主', villageCode: '431226101202' },
];

export function personsCsv(persons: SamplePerson[] = SAMPLE_PERSONS): string {
  const rows = persons.map((person) =>
    [person.idNumber, person.name, person.householdId, person.relation, person.villageCode].join(','),
  );
  return ['id_number,name,household_id,relation,village_code', ...rows].join('\n');
}

export interface SamplePayment {
  paymentId: string;
  idNumber: string;
  itemCode: string;
  amount: string;
  paidOn: string;
  period: string;
  department: string;
}

export const SAMPLE_PAYMENTS: SamplePayment[] = [
  { paymentId: 'P0001', idNumber: SAMPLE_PERSONS[0]!.idNumber, itemCode: 'GDDL', amount: '105.5', paidOn: '2024-03-15', period: '2024', department: '县农业农村局' },
  { paymentId: 'P0002', idNumber: SAMPLE_PERSONS[1]!.idNumber, itemCode: 'NCDB', amount: '360.00', paidOn: '2024-04-10', period: '2024-04', department: '县民政局' },
  { paymentId: 'P0003', idNumber: SAMPLE_PERSONS[3]!.idNumber, itemCode: 'NCDB', amount: '1,234.56', paidOn: '2024-05-20', period: '2024-05', department: '县民政局' },
  { paymentId: 'P0004', idNumber: SAMPLE_PERSONS[3]!.idNumber, itemCode: 'GDDL', amount: '0.07', paidOn: '2024-01-02', period: '2023', department: '县农业农村局' },
];

export function paymentsCsv(payments: SamplePayment[] = SAMPLE_PAYMENTS): string {
  const rows = payments.map((payment) =>
    [payment.paymentId, payment.idNumber, payment.itemCode, `"${payment.amount}"`, payment.paidOn, payment.period, payment.department].join(','),
  );
  return ['payment_id,id_number,item_code,amount,paid_on,period,department', ...rows].join('\n');
}

/** Writes a complete valid delivery into `dir`; `overrides` replaces the text of single files. */
export function writeSampleDataset(dir: string, overrides: Partial<Record<string, string>> = {}): void {
  const files: Record<string, string> = {
    'regions.csv': REGIONS_CSV,
    'subsidy_items.csv': SUBSIDY_ITEMS_CSV,
    'persons.csv': personsCsv(),
    'payments.csv': paymentsCsv(),
    ...overrides,
  };
  mkdirSync(dir, { recursive: true });
  for (const [name, text] of Object.entries(files)) {
    if (text !== undefined) writeFileSync(path.join(dir, name), `${text}\n`);
  }
}
