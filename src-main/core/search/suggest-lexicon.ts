// Words of livelihood supervision that villagers search for and that are certainly words. The
// statistics of suggest-vocabulary.ts drop a word that the texts only ever use inside one fixed
// phrase (危房改造 in 农村危房改造补助), although it is what a villager types. Each word becomes a
// suggestion seed when some record contains it, counted by those records.

export const DOMAIN_WORDS: readonly string[] = [
  // Social assistance and subsidies.
  '低保', '低保户', '低保对象', '特困', '特困供养', '五保', '临时救助', '医疗救助', '残疾人', '两项补贴',
  '高龄津贴', '养老金', '养老保险', '医疗保险', '医保', '补贴', '补助', '救助', '抚恤', '优抚',
  '耕地地力保护', '种粮', '农机购置', '退耕还林', '生态公益林', '生态补偿', '护林员', '公益岗位',
  // Poverty alleviation and rural revitalisation.
  '扶贫', '脱贫', '精准扶贫', '防返贫', '监测户', '脱贫户', '帮扶', '小额信贷', '易地搬迁', '乡村振兴',
  '产业帮扶', '就业帮扶', '教育帮扶', '雨露计划',
  // Housing, water, roads and other projects.
  '危房', '危房改造', '住房安全', '饮水', '饮水安全', '自来水', '道路', '公路', '硬化', '村道', '桥梁',
  '危桥', '水利', '山塘', '水渠', '灌溉', '人居环境', '垃圾', '厕所', '改厕', '路灯', '产业', '合作社',
  '招标', '中标', '验收', '工程', '项目', '资金', '预算',
  // Village affairs, finances and supervision.
  '村务公开', '党务公开', '政务公开', '财务公开', '集体资产', '集体经济', '承包', '租赁', '合同', '发包',
  '收入', '支出', '债务', '债权', '报销', '村干部', '村委会', '村民代表', '村务监督', '一事一议',
  '举报', '投诉', '信访', '问责', '通报', '处分', '诫勉谈话', '违规', '违纪', '优亲厚友', '虚报冒领',
  '截留', '挪用', '侵占',
];

/**
 * Counts, for each domain word, the records whose texts contain it. Call `add` once per record
 * and `result` at the end; words that no record contains are left out.
 */
export class DomainWordCounter {
  private readonly counts = new Map<string, number>();

  add(texts: readonly string[]): void {
    const text = texts.join('\n');
    for (const word of DOMAIN_WORDS) {
      if (text.includes(word)) this.counts.set(word, (this.counts.get(word) ?? 0) + 1);
    }
  }

  result(): { word: string; count: number }[] {
    return [...this.counts].map(([word, count]) => ({ word, count }));
  }
}
