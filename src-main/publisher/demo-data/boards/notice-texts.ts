// Texts of demo notices (党务公开, 政务公开, 村务公开), written as township and village offices
// write them: a title, Markdown paragraphs, lists and tables, and a dated signature. No text
// names a person or gives a phone number, because free text is published without masking.
import { formatFenAsYuan } from '../../../../src-shared/money.js';
import { EXPENDITURE_CATEGORIES, INCOME_CATEGORIES } from '../../standard-v2/village-finance.js';
import type { Random } from '../prng.js';

export interface NoticeText {
  board: '党务公开' | '政务公开' | '村务公开';
  category: string;
  title: string;
  /** Markdown without the signature, which the generator appends. */
  body: string;
  /** A PDF attachment: title and paragraphs. */
  attachment?: { title: string; paragraphs: string[] };
}

/** Facts a template may use: the year, the places and the projects. */
export interface NoticeSubject {
  year: number;
  /** The township or village that issues the notice. */
  place: string;
  township: string;
  county: string;
  /** Projects of the place in the year, for the project plan notice. */
  projects: readonly { name: string; category: string; budgetFen: number; fundingSource: string }[];
}

const CHINESE_NUMBERS = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];

function numbered(items: readonly string[]): string {
  return items.map((item, index) => `${CHINESE_NUMBERS[index]}、${item}`).join('\n\n');
}

/** Draws a whole-yuan amount and formats it with thousands separators. */
function yuan(random: Random, min: number, max: number): string {
  return formatFenAsYuan(random.int(min, max) * 100);
}

function wan(fen: number): string {
  return (fen / 1_000_000).toFixed(2);
}

export type TownshipTemplate = (random: Random, subject: NoticeSubject) => NoticeText;

export const TOWNSHIP_TEMPLATES: readonly TownshipTemplate[] = [
  (random, { year, place, projects }) => {
    const rows = projects.map((project) => `| ${project.name} | ${project.category} | ${project.fundingSource} | ${wan(project.budgetFen)} |`);
    const total = projects.reduce((sum, project) => sum + project.budgetFen, 0);
    return {
      board: '政务公开',
      category: '项目资金',
      title: `${place}${year}年度衔接推进乡村振兴资金项目计划公示`,
      body: [
        `根据衔接推进乡村振兴补助资金管理和项目公告公示的有关规定，经村级申报、乡镇审核，现将${place}${year}年度项目计划公示如下。`,
        `## 项目计划\n\n| 项目名称 | 类别 | 资金来源 | 预算（万元） |\n| --- | --- | --- | --- |\n${rows.join('\n') || '| 本年度暂无项目 | — | — | — |'}`,
        `合计 ${projects.length} 个项目，预算总额 ${wan(total)} 万元。`,
        `公示期为 ${random.int(7, 10)} 天。公示期间如有异议，请到乡镇纪委或县乡村振兴局实名反映，也可以在本终端上扫码投诉。`,
      ].join('\n\n'),
      attachment: {
        title: `${place}${year}年度项目计划表`,
        paragraphs: projects.length > 0
          ? projects.map((project, index) => `${index + 1}. ${project.name}，${project.category}，${project.fundingSource}，预算${formatFenAsYuan(project.budgetFen)}元。`)
          : ['本年度暂无项目。'],
      },
    };
  },
  (random, { year }) => ({
    board: '政务公开',
    category: '医疗保障',
    title: `关于做好${year + 1}年度城乡居民基本医疗保险集中参保缴费工作的通知`,
    body: [
      `各村（社区）：\n\n${year + 1}年度城乡居民基本医疗保险集中参保缴费工作已经开始，现将有关事项通知如下。`,
      numbered([
        `**缴费时间**：${year}年9月1日至12月31日。`,
        `**缴费标准**：个人缴费标准按省、市统一规定执行，特困人员、低保对象、返贫致贫人口等困难群众的个人缴费按规定给予资助。`,
        '**缴费方式**：可以通过税务部门的手机应用、银行网点或村（社区）代收点缴费。',
        '**工作要求**：各村（社区）要逐户宣传，确保应保尽保，不得强制代缴，不得收取任何额外费用。',
      ]),
      `请各村（社区）于每月${random.int(5, 10)}日前将参保进度报乡镇社会事务办。`,
    ].join('\n\n'),
  }),
  (random, { year, place }) => ({
    board: '政务公开',
    category: '森林防火',
    title: `${place}关于${year}年森林防火期野外用火管理的通告`,
    body: [
      `为预防森林火灾，保护森林资源和人民群众生命财产安全，根据《森林防火条例》，现就森林防火期野外用火管理通告如下。`,
      numbered([
        `${year}年10月1日至次年4月30日为森林防火期。`,
        '防火期内，严禁在林区烧田埂草、烧荒、烧灰积肥、吸烟和燃放孔明灯。',
        '清明、春节等祭祀用火高峰期间，提倡鲜花祭扫，严禁在林区内焚香烧纸、燃放鞭炮。',
        '发现火情，请立即拨打森林火警电话 12119，并报告所在村（社区）。',
        `违反本通告的，由县林业局依法处罚；引发森林火灾构成犯罪的，依法追究刑事责任。`,
      ]),
      `本通告自发布之日起施行。护林员每天巡山不少于 ${random.int(1, 2)} 次。`,
    ].join('\n\n'),
  }),
  (random, { year, place }) => ({
    board: '政务公开',
    category: '防止返贫',
    title: `${place}关于开展${year}年防止返贫动态监测集中排查的公告`,
    body: [
      `为巩固拓展脱贫攻坚成果，${place}将于${year}年${random.int(3, 9)}月开展防止返贫动态监测集中排查，现公告如下。`,
      '## 排查对象\n\n- 脱贫户；\n- 边缘易致贫户；\n- 因病、因灾、因意外事故等导致基本生活出现严重困难的农户。',
      '## 排查内容\n\n重点核查“两不愁三保障”和饮水安全情况，以及家庭收入变化、刚性支出和帮扶措施落实情况。',
      '## 申报方式\n\n农户可以向所在村民委员会提出申请，也可以在本终端“精准扶贫”栏目查看本户的帮扶措施。村级在收到申请后 15 日内完成入户核实。',
    ].join('\n\n'),
  }),
  (random, { year, place }) => ({
    board: '党务公开',
    category: '党费管理',
    title: `中共${place}委员会关于${year}年度党费收缴、使用和管理情况的公示`,
    body: [
      `根据党费收缴、使用和管理的有关规定，现将${place}党委${year}年度党费收缴、使用和管理情况公示如下。`,
      `| 项目 | 金额（元） |\n| --- | --- |\n| 上年结余 | ${yuan(random, 2_000, 30_000)} |\n| 本年收缴 | ${yuan(random, 20_000, 90_000)} |\n| 按规定上缴 | ${yuan(random, 5_000, 20_000)} |\n| 慰问生活困难党员和老党员 | ${yuan(random, 5_000, 25_000)} |\n| 党员教育培训 | ${yuan(random, 3_000, 15_000)} |`,
      '党费专户存储、专款专用，支出经党委会研究决定。公示期间，党员对公示内容有意见的，可以向乡镇纪委反映。',
    ].join('\n\n'),
  }),
  (random, { year, place }) => ({
    board: '党务公开',
    category: '组织建设',
    title: `中共${place}委员会${year}年主题党日活动安排`,
    body: [
      `各党支部：\n\n为推进“两学一做”学习教育常态化制度化，现将${year}年主题党日活动安排如下，请各支部结合实际认真组织。`,
      `| 月份 | 主题 |\n| --- | --- |\n| 1月 | 学习党的基本理论，开展组织生活会 |\n| 3月 | 学雷锋志愿服务 |\n| 5月 | 人居环境整治义务劳动 |\n| 7月 | 庆祝建党${year - 1921}周年，重温入党誓词 |\n| 9月 | 走访慰问困难群众 |\n| 11月 | 森林防火宣传 |`,
      `每次活动后 ${random.int(3, 7)} 日内，支部在党员活动室和本终端上公开活动情况。`,
    ].join('\n\n'),
  }),
];

export interface VillageSubject extends NoticeSubject {
  committee: string;
  /** Ledger totals of one quarter, for the finance notice. */
  quarter?: { label: string; incomeFen: number; expenditureFen: number; byCategory: ReadonlyMap<string, number> };
  /** Name of the chart image, when the notice embeds one. */
  chartFile?: string;
}

export type VillageTemplate = (random: Random, subject: VillageSubject) => NoticeText;

export const FINANCE_TEMPLATE: VillageTemplate = (random, { place, quarter, chartFile }) => {
  const byCategory = quarter?.byCategory ?? new Map<string, number>();
  const rows = [...INCOME_CATEGORIES, ...EXPENDITURE_CATEGORIES]
    .filter((category) => byCategory.has(category))
    .map((category) => `| ${INCOME_CATEGORIES.some((name) => name === category) ? '收入' : '支出'} | ${category} | ${formatFenAsYuan(byCategory.get(category)!)} |`);
  const chart = chartFile ? `\n\n![本年各季度收入（绿）与支出（红）](${chartFile})\n\n上图按季度比较本年收入（绿色）和支出（红色）。` : '';
  return {
    board: '村务公开',
    category: '财务公开',
    title: `${place}${quarter?.label ?? ''}村级财务收支情况公示`,
    body: [
      `根据《中华人民共和国村民委员会组织法》和村务公开的有关规定，经村务监督委员会审核，现将${quarter?.label ?? ''}村级财务收支情况公示如下。`,
      `本期收入合计 ${formatFenAsYuan(quarter?.incomeFen ?? 0)} 元，支出合计 ${formatFenAsYuan(quarter?.expenditureFen ?? 0)} 元。${chart}`,
      `## 分科目汇总\n\n| 收支 | 科目 | 金额（元） |\n| --- | --- | --- |\n${rows.join('\n')}`,
      `每笔收支的明细可以在本终端“村级财务”栏目查看。村民对公示内容有疑问的，可以在公示之日起 ${random.int(7, 15)} 日内向村务监督委员会提出，村务监督委员会应当在 10 日内答复。`,
    ].join('\n\n'),
  };
};

export const VILLAGE_TEMPLATES: readonly VillageTemplate[] = [
  (random, { year, place }) => ({
    board: '村务公开',
    category: '社会救助',
    title: `${place}${year}年农村低保对象民主评议结果公示`,
    body: [
      `根据《社会救助暂行办法》和县民政局关于农村低保审核确认的规定，${place}于${year}年${random.int(3, 10)}月召开村民代表会议，对申请农村最低生活保障的家庭进行了民主评议。`,
      `本次共评议申请 ${random.int(3, 15)} 户，经评议同意上报 ${random.int(1, 8)} 户，不同意 ${random.int(0, 3)} 户。`,
      '按照个人信息保护的要求，本公示只公开户数；申请家庭可以到村民委员会查询本户的评议结果。',
      '对评议结果有异议的，请在公示期内向乡镇人民政府社会救助办公室或县民政局反映。',
    ].join('\n\n'),
  }),
  (random, { year, place, committee }) => ({
    board: '村务公开',
    category: '民主决策',
    title: `${place}关于召开村民代表会议的通知`,
    body: [
      `各位村民代表：\n\n经村党支部提议、村“两委”会商议，定于${year}年${random.int(1, 12)}月${random.int(1, 28)}日上午9时在村部会议室召开村民代表会议。`,
      `## 会议议题\n\n${numbered(['审议本村一事一议筹资筹劳方案；', '审议集体机动地发包方案；', '通报上半年村级财务收支情况；', '其他需要村民代表会议决定的事项。'])}`,
      `请各位代表准时参会，因故不能参加的请提前向${committee}请假。`,
    ].join('\n\n'),
  }),
  (random, { year, place }) => ({
    board: '村务公开',
    category: '村规民约',
    title: `${place}村规民约（${year}年修订）`,
    body: [
      `为推进移风易俗、建设文明乡风，经村民会议讨论通过，对本村村规民约修订如下。`,
      numbered([
        '爱党爱国，遵纪守法，积极参加村里的公益活动。',
        '红白喜事简办，婚事彩礼不超过当地倡导标准，丧事不大操大办。',
        '门前三包，垃圾分类投放，不乱倒垃圾，不在河道倾倒废弃物。',
        '孝敬老人，关爱儿童，邻里和睦，遇事协商解决。',
        '爱护公共设施，不破坏村道、路灯、水管和健身器材。',
        '森林防火期内不在野外用火，发现火情及时报告。',
      ]),
      `本村规民约自村民会议通过之日起施行，由村民委员会负责解释。违反者，由村民委员会批评教育，情节严重的移交有关部门处理。`,
    ].join('\n\n'),
  }),
  (random, { year, place }) => {
    const perPerson = random.int(10, 15);
    const labourDays = random.int(2, 4);
    return {
      board: '村务公开',
      category: '一事一议',
      title: `${place}${year}年一事一议筹资筹劳方案公示`,
      body: [
        `经村民代表会议讨论通过，${place}${year}年拟实施村内道路修缮一事一议项目，现将筹资筹劳方案公示如下。`,
        `- 筹资标准：每人 ${perPerson} 元，五保户、低保户免交；\n- 筹劳标准：每个劳动力 ${labourDays} 个工日，可以以资代劳；\n- 资金管理：筹集的资金存入村级账户，专款专用，接受村务监督委员会监督。`,
        '方案详细内容见附件。',
      ].join('\n\n'),
      attachment: {
        title: `${place}${year}年一事一议筹资筹劳方案`,
        paragraphs: [
          `一、项目名称：${place}村内道路修缮。`,
          `二、筹资标准：每人${perPerson}元，五保户、低保户免交。`,
          `三、筹劳标准：每个劳动力${labourDays}个工日，可以以资代劳，每个工日折合${random.int(80, 120)}元。`,
          '四、资金使用：全部用于项目建设，不得挪作他用，项目完工后向全体村民公布收支明细。',
          '五、监督：村务监督委员会全程监督，村民可以随时查阅有关账目。',
        ],
      },
    };
  },
];

export const VILLAGE_PARTY_TEMPLATE: VillageTemplate = (random, { year, place }) => ({
  board: '党务公开',
  category: '组织生活',
  title: `中共${place}支部委员会${year}年第${CHINESE_NUMBERS[random.int(0, 3)]}季度党员大会情况公开`,
  body: [
    `${year}年本季度，${place}党支部召开党员大会 ${random.int(1, 3)} 次，应到党员 ${random.int(20, 60)} 名，实到党员按会议记录公开。`,
    `## 会议内容\n\n${numbered(['传达学习上级会议精神；', '讨论村级重大事项“四议两公开”事项；', '通报党费收缴情况；', '开展批评与自我批评。'])}`,
    '党员对支部工作有意见和建议的，可以向支部书记或乡镇党委反映。',
  ].join('\n\n'),
});
