// Labels for the fixed values of data standard v2: the values of its enum columns, plus the
// notice boards. A value from one of these lists is shown through fixedValueLabel, so English
// screens translate it. Free text from the data has no entry and is shown as delivered.
// The lists copy the standard's value lists in src-main/publisher/standard-v2, because the
// renderer may not import publisher code. A unit test compares the two, so they cannot drift.
import type { TFunction } from 'i18next';

type LabelOf = (t: TFunction) => string;

/** Labels of each fixed list, keyed by the value exactly as the standard writes it. */
export const FIXED_VALUE_LABELS = {
  projectCategory: {
    道路交通: (t) => t('boards.value.roads'),
    农村饮水: (t) => t('boards.value.drinkingWater'),
    农田水利: (t) => t('boards.value.irrigation'),
    住房安全: (t) => t('boards.value.housingSafety'),
    产业发展: (t) => t('boards.value.industry'),
    人居环境: (t) => t('boards.value.livingEnvironment'),
    教育: (t) => t('boards.value.education'),
    医疗卫生: (t) => t('boards.value.health'),
    养老服务: (t) => t('boards.value.elderlyCare'),
    其他: (t) => t('boards.value.other'),
  },
  projectStage: {
    未开工: (t) => t('boards.value.notStarted'),
    在建: (t) => t('boards.value.underConstruction'),
    停工: (t) => t('boards.value.suspended'),
    完工: (t) => t('boards.value.completed'),
    已验收: (t) => t('boards.value.accepted'),
  },
  acceptanceResult: {
    合格: (t) => t('boards.value.passed'),
    不合格: (t) => t('boards.value.failed'),
  },
  procurementMethod: {
    公开招标: (t) => t('boards.value.openTender'),
    邀请招标: (t) => t('boards.value.invitedTender'),
    竞争性谈判: (t) => t('boards.value.competitiveNegotiation'),
    竞争性磋商: (t) => t('boards.value.competitiveConsultation'),
    询价: (t) => t('boards.value.requestForQuotation'),
    单一来源: (t) => t('boards.value.singleSource'),
  },
  povertyCause: {
    因病: (t) => t('boards.value.illness'),
    因残: (t) => t('boards.value.disability'),
    因学: (t) => t('boards.value.schooling'),
    因灾: (t) => t('boards.value.disaster'),
    缺土地: (t) => t('boards.value.lackOfLand'),
    缺水: (t) => t('boards.value.lackOfWater'),
    缺技术: (t) => t('boards.value.lackOfSkills'),
    缺劳力: (t) => t('boards.value.lackOfLabour'),
    缺资金: (t) => t('boards.value.lackOfCapital'),
    交通条件落后: (t) => t('boards.value.poorTransport'),
    自身发展动力不足: (t) => t('boards.value.lowMotivation'),
    其他: (t) => t('boards.value.other'),
  },
  monitoringStatus: {
    未纳入监测: (t) => t('boards.value.notMonitored'),
    脱贫不稳定户: (t) => t('boards.value.unstableExited'),
    边缘易致贫户: (t) => t('boards.value.marginal'),
    突发严重困难户: (t) => t('boards.value.suddenHardship'),
    风险已消除: (t) => t('boards.value.riskRemoved'),
  },
  measureType: {
    产业帮扶: (t) => t('boards.value.industrySupport'),
    就业帮扶: (t) => t('boards.value.employmentSupport'),
    教育帮扶: (t) => t('boards.value.educationSupport'),
    健康帮扶: (t) => t('boards.value.healthSupport'),
    住房安全保障: (t) => t('boards.value.housingSecurity'),
    饮水安全保障: (t) => t('boards.value.waterSecurity'),
    兜底保障: (t) => t('boards.value.basicSafetyNet'),
    小额信贷: (t) => t('boards.value.microcredit'),
    其他: (t) => t('boards.value.other'),
  },
  complaintOutcome: {
    属实: (t) => t('boards.value.substantiated'),
    部分属实: (t) => t('boards.value.partlySubstantiated'),
    不属实: (t) => t('boards.value.unsubstantiated'),
    其他: (t) => t('boards.value.other'),
  },
  direction: {
    收入: (t) => t('boards.field.directionIncome'),
    支出: (t) => t('boards.field.directionExpenditure'),
  },
  financeCategory: {
    经营收入: (t) => t('boards.value.operatingIncome'),
    发包及上交收入: (t) => t('boards.value.contractingIncome'),
    投资收益: (t) => t('boards.value.investmentIncome'),
    补助收入: (t) => t('boards.value.subsidyIncome'),
    其他收入: (t) => t('boards.value.otherIncome'),
    经营支出: (t) => t('boards.value.operatingExpenditure'),
    管理费用: (t) => t('boards.value.administrativeExpenses'),
    公益支出: (t) => t('boards.value.publicWelfareExpenditure'),
    其他支出: (t) => t('boards.value.otherExpenditure'),
  },
  balanceType: {
    债权: (t) => t('boards.value.credit'),
    债务: (t) => t('boards.value.debt'),
  },
  assetClass: {
    经营性资产: (t) => t('boards.value.operatingAssets'),
    非经营性资产: (t) => t('boards.value.nonOperatingAssets'),
    资源性资产: (t) => t('boards.value.resourceAssets'),
  },
  assetStatus: {
    自营: (t) => t('boards.value.selfOperated'),
    出租: (t) => t('boards.value.leasedOut'),
    发包: (t) => t('boards.value.contractedOut'),
    闲置: (t) => t('boards.value.idle'),
    其他: (t) => t('boards.value.other'),
  },
  contractType: {
    承包: (t) => t('boards.value.contracting'),
    租赁: (t) => t('boards.value.lease'),
    出让: (t) => t('boards.value.transfer'),
    其他: (t) => t('boards.value.other'),
  },
  noticeBoard: {
    党务公开: (t) => t('boards.noticeBoard.party'),
    政务公开: (t) => t('boards.noticeBoard.government'),
    村务公开: (t) => t('boards.noticeBoard.village'),
  },
  recipientUnit: {
    人: (t) => t('boards.value.people'),
    户: (t) => t('boards.value.households'),
  },
} as const satisfies Record<string, Record<string, LabelOf>>;

export type FixedList = keyof typeof FIXED_VALUE_LABELS;

// The same value means the same thing in every list that has it (其他 is "Other" everywhere), so
// one lookup by value serves list rows, whose status and subtitle may come from several lists.
const LABEL_BY_VALUE: ReadonlyMap<string, LabelOf> = new Map(
  Object.values(FIXED_VALUE_LABELS).flatMap((labels) => Object.entries(labels)),
);

/** Returns the label of a fixed value in the screen language, or free text unchanged. */
export function fixedValueLabel(t: TFunction, value: string): string {
  const label = LABEL_BY_VALUE.get(value);
  return label === undefined ? value : label(t);
}

/** Labels each part of a list row's subtitle, whose parts the host joins with " · ". */
export function subtitleLabel(t: TFunction, subtitle: string): string {
  return subtitle
    .split(' · ')
    .map((part) => fixedValueLabel(t, part))
    .join(' · ');
}
