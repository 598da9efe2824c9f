// Kinds of livelihood project by category: how projects are named, what they cost, who supplies
// them, how long they take and what a progress report states. Amounts are estimates of typical
// county projects in western Hunan for demo data, not published prices.
import type { PROJECT_CATEGORIES } from '../../standard-v2/projects.js';
import type { SupplierTrade } from './parties.js';

export type ProjectCategory = (typeof PROJECT_CATEGORIES)[number];

export interface ProjectKind {
  category: ProjectCategory;
  /** Name templates: {place} is the village or township and {group} a villagers' group number. */
  names: readonly string[];
  /** Budget range in yuan. */
  budgetYuan: readonly [number, number];
  /** Working days from start to completion. */
  durationDays: readonly [number, number];
  trade: SupplierTrade;
  /** Whether small jobs of this kind may go to a self-employed craftsman (个体). */
  personSupplierPossible: boolean;
  photo: 'road' | 'building';
  /** Work done, written into progress reports. */
  works: readonly string[];
  qualityStandard: string;
  /** Department that reports the project. */
  department: string;
  /** Share of all projects, as a weight. */
  weight: number;
}

export const PROJECT_KINDS: readonly ProjectKind[] = [
  {
    category: '道路交通',
    names: ['{place}{group}组通组公路硬化工程', '{place}产业路建设项目', '{place}村道安全生命防护工程', '{place}危桥改造工程'],
    budgetYuan: [300_000, 3_000_000],
    durationDays: [60, 240],
    trade: 'construction',
    personSupplierPossible: false,
    photo: 'road',
    works: ['路基整修', '涵洞埋设', '路面混凝土浇筑', '路肩培土', '波形护栏安装', '排水沟砌筑'],
    qualityStandard: '路面为C25混凝土，厚度不少于18厘米，符合《公路工程质量检验评定标准》（JTG F80/1）合格标准。',
    department: '县交通运输局',
    weight: 24,
  },
  {
    category: '农村饮水',
    names: ['{place}农村供水保障工程', '{place}集中供水管网延伸工程', '{place}饮水工程水源地防护'],
    budgetYuan: [100_000, 1_500_000],
    durationDays: [45, 150],
    trade: 'water',
    personSupplierPossible: false,
    photo: 'road',
    works: ['蓄水池浇筑', '主管道铺设', '入户管道安装', '净化消毒设备安装', '管道试压'],
    qualityStandard: '出水水质符合《生活饮用水卫生标准》（GB 5749），管道试压合格。',
    department: '县水利局',
    weight: 12,
  },
  {
    category: '农田水利',
    names: ['{place}高标准农田建设项目', '{place}山塘清淤扩容工程', '{place}灌溉渠道硬化工程', '{place}机耕道建设项目'],
    budgetYuan: [200_000, 5_000_000],
    durationDays: [60, 270],
    trade: 'water',
    personSupplierPossible: false,
    photo: 'road',
    works: ['渠道开挖', '渠道衬砌', '山塘清淤', '田间道路修整', '土地平整'],
    qualityStandard: '符合《高标准农田建设 通则》（GB/T 30600）和《灌溉与排水工程设计标准》（GB 50288）的要求。',
    department: '县农业农村局',
    weight: 14,
  },
  {
    category: '住房安全',
    names: ['{place}农村危房改造项目', '{place}农房抗震改造项目'],
    budgetYuan: [50_000, 800_000],
    durationDays: [30, 120],
    trade: 'construction',
    personSupplierPossible: true,
    photo: 'building',
    works: ['旧房拆除', '基础施工', '墙体砌筑', '屋面盖瓦', '门窗安装'],
    qualityStandard: '符合《农村危险房屋鉴定技术导则》和农房抗震设防要求，经鉴定为安全住房。',
    department: '县住房和城乡建设局',
    weight: 8,
  },
  {
    category: '产业发展',
    names: ['{place}黄桃产业基地建设项目', '{place}冰糖橙标准化果园建设', '{place}油茶低产林改造项目', '{place}集体光伏电站', '{place}茶叶加工厂建设项目'],
    budgetYuan: [100_000, 2_000_000],
    durationDays: [45, 180],
    trade: 'farming',
    personSupplierPossible: true,
    photo: 'building',
    works: ['土地整理', '苗木定植', '水肥一体化设施安装', '厂房建设', '设备安装调试'],
    qualityStandard: '苗木成活率不低于90%，设施设备验收合格并移交村集体经营管理。',
    department: '县乡村振兴局',
    weight: 16,
  },
  {
    category: '人居环境',
    names: ['{place}太阳能路灯安装工程', '{place}农村户厕改造项目', '{place}生活污水处理设施建设', '{place}垃圾收集转运设施建设'],
    budgetYuan: [50_000, 1_000_000],
    durationDays: [30, 120],
    trade: 'trade',
    personSupplierPossible: true,
    photo: 'building',
    works: ['基础开挖', '设备安装', '管网铺设', '化粪池建设', '场地硬化'],
    qualityStandard: '设施运行正常，达到《农村生活污水处理设施运行效果评价技术要求》（GB/T 40201）的要求。',
    department: '县农业农村局',
    weight: 12,
  },
  {
    category: '教育',
    names: ['{place}中心小学运动场改造工程', '{place}幼儿园建设项目', '{place}学校食堂提质改造'],
    budgetYuan: [500_000, 4_000_000],
    durationDays: [90, 300],
    trade: 'construction',
    personSupplierPossible: false,
    photo: 'building',
    works: ['基础施工', '主体结构施工', '屋面防水', '室内装修', '室外配套'],
    qualityStandard: '符合《建筑工程施工质量验收统一标准》（GB 50300）合格标准。',
    department: '县教育局',
    weight: 4,
  },
  {
    category: '医疗卫生',
    names: ['{place}卫生室标准化建设', '{place}卫生院门诊楼改造'],
    budgetYuan: [100_000, 600_000],
    durationDays: [45, 150],
    trade: 'construction',
    personSupplierPossible: false,
    photo: 'building',
    works: ['墙体改造', '水电安装', '诊室装修', '医疗设备配置'],
    qualityStandard: '达到村卫生室基本标准，房屋和设备验收合格。',
    department: '县卫生健康局',
    weight: 4,
  },
  {
    category: '养老服务',
    names: ['{place}农村互助养老服务站建设', '{place}敬老院提质改造'],
    budgetYuan: [200_000, 1_500_000],
    durationDays: [60, 200],
    trade: 'construction',
    personSupplierPossible: false,
    photo: 'building',
    works: ['房屋加固', '适老化改造', '消防设施安装', '厨房和餐厅建设'],
    qualityStandard: '符合《养老机构服务安全基本规范》（GB 38600）和消防验收要求。',
    department: '县民政局',
    weight: 3,
  },
  {
    category: '其他',
    names: ['{place}村级综合服务平台改造', '{place}党群服务中心提质改造'],
    budgetYuan: [100_000, 800_000],
    durationDays: [45, 150],
    trade: 'construction',
    personSupplierPossible: false,
    photo: 'building',
    works: ['墙体改造', '水电安装', '室内装修', '便民服务窗口建设'],
    qualityStandard: '符合《建筑工程施工质量验收统一标准》（GB 50300）合格标准。',
    department: '县乡村振兴局',
    weight: 3,
  },
];

/** Funding sources and their weights. */
export const FUNDING_SOURCES: readonly { name: string; weight: number; procured: boolean }[] = [
  { name: '中央财政衔接推进乡村振兴补助资金', weight: 45, procured: true },
  { name: '省级财政衔接推进乡村振兴补助资金', weight: 20, procured: true },
  { name: '县级统筹整合财政涉农资金', weight: 15, procured: true },
  { name: '以工代赈资金', weight: 8, procured: false },
  { name: '一事一议财政奖补资金', weight: 7, procured: false },
  { name: '村集体经济自筹资金', weight: 5, procured: false },
];

export const STALL_REASONS = [
  '征地协调未完成',
  '连续降雨引发边坡塌方',
  '上级资金未及时拨付',
  '施工单位人员和机械不足',
  '设计变更待批复',
];

export const ACCEPTANCE_DEFECTS = [
  '部分路段混凝土厚度不足设计要求',
  '管道试压不合格，存在渗漏',
  '墙体出现裂缝，砂浆强度不达标',
  '排水沟未按设计施工',
  '设备未能正常运行',
];
