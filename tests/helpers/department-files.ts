// Turns a demo-data folder (persons.csv, payments.csv of the data standard) into the messy exports
// that departments hand the county. Each department's payments go into a file of its own format,
// with Chinese headers, title rows, sum footers and village names written as 村委会 or 村民委员会.
// A civil-affairs person roster lists everyone. ID numbers come from the demo generator, so none is real.
//
// Files written:
// - 农业农村局发放明细.xlsx: a workbook with a merged title, numeric amounts, date cells, a bank
//   account column (never read) and a sum footer; villages as "XX村委会".
// - 民政局发放表.csv: GBK, with a period column written as "2024年3月"; villages as "XX村民委员会".
// - <department>.csv for every other department: UTF-8 with a BOM, plain village names.
// - 户籍人员花名册.csv: UTF-8 without a BOM, every person with the head's ID number and relation.
import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';

export interface DemoRows {
  persons: Record<string, string>[];
  payments: Record<string, string>[];
  regions: Record<string, string>[];
}

export interface DepartmentFolder {
  /** Files written, by name. */
  files: string[];
  /** Payment rows per file. */
  paymentRows: Map<string, number>;
}

const AGRICULTURE = '县农业农村局';
const CIVIL_AFFAIRS = '县民政局';

function readCsv(file: string): Record<string, string>[] {
  return parse(readFileSync(file, 'utf-8'), { bom: true, columns: true, skip_empty_lines: true }) as Record<string, string>[];
}

export function readDemoRows(demoDir: string): DemoRows {
  return {
    persons: readCsv(path.join(demoDir, 'persons.csv')),
    payments: readCsv(path.join(demoDir, 'payments.csv')),
    regions: readCsv(path.join(demoDir, 'regions.csv')),
  };
}

export function csvText(rows: readonly (readonly string[])[]): string {
  const quote = (value: string): string => (/[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value);
  return rows.map((row) => row.map(quote).join(',')).join('\r\n') + '\r\n';
}

/** Writes the department exports of `demoDir` into `outDir`, with its regions.csv and subsidy_items.csv. */
export async function writeDepartmentFolder(demoDir: string, outDir: string): Promise<DepartmentFolder> {
  const { persons, payments, regions } = readDemoRows(demoDir);
  copyFileSync(path.join(demoDir, 'regions.csv'), path.join(outDir, 'regions.csv'));
  copyFileSync(path.join(demoDir, 'subsidy_items.csv'), path.join(outDir, 'subsidy_items.csv'));

  const regionByCode = new Map(regions.map((region) => [region.code!, region]));
  const itemNames = new Map(readCsv(path.join(demoDir, 'subsidy_items.csv')).map((item) => [item.item_code!, item.name!]));
  const personById = new Map(persons.map((person) => [person.id_number!, person]));
  const headOfHousehold = new Map(persons.filter((person) => person.relation === '户主').map((person) => [person.household_id!, person.id_number!]));
  const placeOf = (idNumber: string): { township: string; village: string } => {
    const village = regionByCode.get(personById.get(idNumber)!.village_code!)!;
    return { township: regionByCode.get(village.parent_code!)!.name!, village: village.name! };
  };
  const headOf = (idNumber: string): string => headOfHousehold.get(personById.get(idNumber)!.household_id!)!;
  const result: DepartmentFolder = { files: [], paymentRows: new Map() };

  // 1. Payments by department.
  const byDepartment = new Map<string, Record<string, string>[]>();
  for (const payment of payments) {
    const list = byDepartment.get(payment.department!) ?? [];
    list.push(payment);
    byDepartment.set(payment.department!, list);
  }

  for (const [department, rows] of byDepartment) {
    if (department === AGRICULTURE) {
      const file = '农业农村局发放明细.xlsx';
      const workbook = new ExcelJS.Workbook();
      const sheet = workbook.addWorksheet('发放明细');
      sheet.addRow(['2021-2024年农业补贴发放明细表']);
      sheet.mergeCells(1, 1, 1, 10);
      sheet.addRow(['序号', '姓名', '身份证号码', '补贴项目', '发放金额（元）', '发放日期', '所属乡镇', '村', '户主身份证号', '银行卡号']);
      let total = 0;
      rows.forEach((payment, index) => {
        const place = placeOf(payment.id_number!);
        const amount = Number(payment.amount);
        total += Math.round(amount * 100);
        sheet.addRow([
          index + 1,
          personById.get(payment.id_number!)!.name,
          payment.id_number,
          itemNames.get(payment.item_code!),
          amount,
          new Date(`${payment.paid_on}T00:00:00Z`),
          place.township,
          place.village.replace(/村$/, '村委会'),
          headOf(payment.id_number!),
          `62170012345${String(index).padStart(8, '0')}`,
        ]);
      });
      sheet.addRow(['合计', '', '', '', total / 100]);
      await workbook.xlsx.writeFile(path.join(outDir, file));
      result.files.push(file);
      result.paymentRows.set(file, rows.length);
      continue;
    }

    const civil = department === CIVIL_AFFAIRS;
    const file = civil ? '民政局发放表.csv' : `${department}.csv`;
    const header = civil
      ? ['姓名', '公民身份号码', '项目名称', '金额', '发放时间', '发放月份', '乡镇', '村(社区)', '户主身份证号']
      : ['序号', '姓名', '身份证号', '补贴项目', '发放金额', '发放日期', '所属乡镇', '所属村', '户主身份证号', '联系电话'];
    const lines: string[][] = [[`${department}补贴发放表`], header];
    rows.forEach((payment, index) => {
      const place = placeOf(payment.id_number!);
      const name = personById.get(payment.id_number!)!.name!;
      const item = itemNames.get(payment.item_code!)!;
      if (civil) {
        const [year, month] = payment.period!.split('-');
        const period = month === undefined ? `${year}年` : `${year}年${Number(month)}月`;
        const village = place.village.replace(/村$/, '村民委员会');
        lines.push([name, payment.id_number!, item, payment.amount!, payment.paid_on!, period, place.township, village, headOf(payment.id_number!)]);
      } else {
        lines.push([String(index + 1), name, payment.id_number!, item, payment.amount!, payment.paid_on!, place.township, place.village, headOf(payment.id_number!), `1380013${String(index % 10000).padStart(4, '0')}`]);
      }
    });
    lines.push(['制表人：张某', '审核人：李某']);
    const text = csvText(lines);
    writeFileSync(path.join(outDir, file), civil ? iconv.encode(text, 'gbk') : Buffer.from(`\uFEFF${text}`, 'utf-8'));
    result.files.push(file);
    result.paymentRows.set(file, rows.length);
  }

  // 2. The civil-affairs roster of every person; the head's relation written as 本人.
  const roster = [['姓名', '身份证号', '户主身份证号', '与户主关系', '乡镇', '村']];
  for (const person of persons) {
    const place = placeOf(person.id_number!);
    const relation = person.relation === '户主' ? '本人' : person.relation!;
    roster.push([person.name!, person.id_number!, headOf(person.id_number!), relation, place.township, place.village]);
  }
  writeFileSync(path.join(outDir, '户籍人员花名册.csv'), csvText(roster));
  result.files.push('户籍人员花名册.csv');
  return result;
}
