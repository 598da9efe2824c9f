// Targeted poverty alleviation (精准扶贫): a few percent of the generated households, chosen by
// hardship, are registered as poverty-alleviated households (建档立卡, registered 2014-2016 and
// out of poverty by 2020) or as monitored households (监测户, registered from 2021). Each year
// of the range brings one to three assistance measures. The head's ID number and name are the
// ones in persons.csv, so a villager finds the household with their own ID card.
import { fenToYuanText } from '../../../../src-shared/money.js';
import { RELATIONS } from '../family.js';
import type { Household } from '../household.js';
import type { Random } from '../prng.js';
import { rangeYears, streamFor } from './context.js';
import type { BoardContext } from './context.js';
import { clampToPast, drawDateInYear, isoDate, isPast } from './dates.js';
import type { BoardRow } from './rows.js';
import type { BoardFileWriter } from './rows.js';

// The chance of registration is this factor times hardship cubed: about 4% of households with
// uniform hardship, more in villages with many elderly or disabled people.
const REGISTRATION_FACTOR = 0.16;
const FIRST_MONITORING_YEAR = 2021;
const DEPARTMENT = '县乡村振兴局';

interface Measure {
  type: string;
  description: string;
  amountYuan?: readonly [number, number];
  /** Only for households with a child of school age, or a disabled member. */
  needs?: 'children' | 'disability';
}

const MEASURES: readonly Measure[] = [
  { type: '产业帮扶', description: '发放到户产业发展奖补资金，用于发展{crop}', amountYuan: [1000, 3000] },
  { type: '就业帮扶', description: '推荐到{workplace}务工，发放一次性交通补助', amountYuan: [200, 500] },
  { type: '就业帮扶', description: '安排{post}公益性岗位，按月发放岗位补贴', amountYuan: [6000, 9600] },
  { type: '教育帮扶', description: '子女就读职业院校，落实雨露计划补助', amountYuan: [1500, 3000], needs: 'children' },
  { type: '健康帮扶', description: '落实家庭医生签约服务，住院费用按规定兜底报销' },
  { type: '健康帮扶', description: '残疾人辅助器具适配和康复服务', needs: 'disability' },
  { type: '住房安全保障', description: '房屋经鉴定为安全住房，落实住房安全动态监测' },
  { type: '饮水安全保障', description: '接通集中供水管网，饮水水质和水量达标' },
  { type: '兜底保障', description: '按规定纳入农村最低生活保障，实行按月发放' },
  { type: '小额信贷', description: '发放脱贫人口小额信贷，用于发展产业，财政全额贴息', amountYuan: [30000, 50000] },
];

const CROPS = ['黄桃种植', '冰糖橙种植', '油茶种植', '生猪养殖', '肉牛养殖', '中药材种植', '茶叶种植'];
const WORKPLACES = ['县工业集中区企业', '广东省东莞市', '浙江省宁波市', '乡镇帮扶车间'];
const POSTS = ['护林员', '村道保洁员', '河道巡查员', '农村公路养护员'];
const CAUSES = ['因病', '因学', '缺技术', '缺资金', '缺劳力', '缺土地', '交通条件落后', '自身发展动力不足', '因灾'];

interface Registered {
  row: BoardRow;
  measures: BoardRow[];
}

function drawCause(random: Random, household: Household, referenceYear: number): string {
  if (household.members.some((member) => member.disability !== 'none')) return '因残';
  if (household.members.every((member) => referenceYear - member.birthYear >= 60)) return '缺劳力';
  return random.pick(CAUSES);
}

function hasChildOfSchoolAge(household: Household, year: number): boolean {
  return household.members.some(
    (member) => (member.relation === RELATIONS.child || member.relation === RELATIONS.grandchild) && year - member.birthYear >= 6 && year - member.birthYear <= 22,
  );
}

function fillTemplate(random: Random, template: string): string {
  return template.replace('{crop}', random.pick(CROPS)).replace('{workplace}', random.pick(WORKPLACES)).replace('{post}', random.pick(POSTS));
}

export class PovertyCollector {
  private readonly registered: Registered[] = [];

  constructor(private readonly context: BoardContext) {}

  get householdCount(): number {
    return this.registered.length;
  }

  /** Decides whether the household is registered and draws its measures. */
  addHousehold(household: Household): void {
    const context = this.context;
    const random = streamFor(context, 'poverty', household.householdId);
    if (!random.chance(REGISTRATION_FACTOR * household.hardship ** 3)) return;

    const { yearTo } = context.calendar;
    const monitored = yearTo >= FIRST_MONITORING_YEAR && random.chance(0.3);
    let registeredYear: number;
    let exitYear: number | undefined;
    let status: string;
    if (monitored) {
      registeredYear = random.int(FIRST_MONITORING_YEAR, yearTo);
      status = random.weighted([
        { value: '边缘易致贫户', weight: 45 },
        { value: '突发严重困难户', weight: 20 },
        { value: '脱贫不稳定户', weight: 10 },
        { value: '风险已消除', weight: 25 },
      ]);
    } else {
      registeredYear = Math.min(yearTo, random.int(2014, 2016));
      exitYear = Math.min(yearTo, random.int(Math.max(registeredYear, 2016), 2020));
      status = random.weighted([
        { value: '未纳入监测', weight: 80 },
        { value: '脱贫不稳定户', weight: 10 },
        { value: '风险已消除', weight: 10 },
      ]);
    }

    const head = household.members[0]!;
    const row: BoardRow = {
      household_id: household.householdId,
      head_id_number: head.idNumber,
      head_name: head.name,
      village_code: household.villageCode,
      household_size: String(household.members.length),
      registered_year: String(registeredYear),
      poverty_cause: drawCause(random, household, registeredYear),
      exit_year: exitYear === undefined ? undefined : String(exitYear),
      monitoring_status: status,
      department: DEPARTMENT,
      published_on: clampToPast(context.calendar, drawDateInYear(random, yearTo, 1, 3)),
    };
    this.registered.push({ row, measures: this.drawMeasures(random, household, registeredYear) });
  }

  private drawMeasures(random: Random, household: Household, registeredYear: number): BoardRow[] {
    const rows: BoardRow[] = [];
    const disabled = household.members.some((member) => member.disability !== 'none');

    for (const year of rangeYears(this.context)) {
      if (year < registeredYear || !isPast(this.context.calendar, isoDate(year, 1, 1))) continue;

      const count = random.int(1, 3);
      const used = new Set<string>();
      for (let attempt = 0; attempt < 6 && used.size < count; attempt += 1) {
        const measure = random.pick(MEASURES);
        if (measure.needs === 'children' && !hasChildOfSchoolAge(household, year)) continue;
        if (measure.needs === 'disability' && !disabled) continue;
        if (used.has(measure.description)) continue;
        used.add(measure.description);

        const amount = measure.amountYuan ? random.int(measure.amountYuan[0] / 100, measure.amountYuan[1] / 100) * 100 * 100 : undefined;
        const implemented = drawDateInYear(random, year, 2, 11);
        rows.push({
          measure_id: `${household.householdId}-${year}-${used.size}`,
          household_id: household.householdId,
          year: String(year),
          measure_type: measure.type,
          description: fillTemplate(random, measure.description),
          amount: amount === undefined ? undefined : fenToYuanText(amount),
          implemented_on: isPast(this.context.calendar, implemented) ? implemented : undefined,
          department: DEPARTMENT,
          published_on: clampToPast(this.context.calendar, drawDateInYear(random, year, 11, 12)),
        });
      }
    }
    return rows;
  }

  async write(households: BoardFileWriter, measures: BoardFileWriter): Promise<void> {
    for (const entry of this.registered) await households.write(entry.row);
    for (const entry of this.registered) {
      for (const measure of entry.measures) await measures.write(measure);
    }
  }
}
