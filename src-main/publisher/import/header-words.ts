// Column headers that department exports use for the fields of the data standard, as written in
// the exports of the subsidy payment system (惠民惠农财政补贴资金"一卡通"), civil affairs,
// agriculture and village accounting software. The table finder recognises the header row by
// them; the header mapper maps them to standard fields.

/** Header words, grouped by the field of the data standard that they name. */
export const HEADER_WORDS = {
  serial: ['序号', '编号'],
  name: ['姓名', '户主姓名', '领取人', '收款人', '补贴对象', '享受人', '户名'],
  idNumber: ['身份证号', '身份证号码', '公民身份号码', '身份证件号码', '证件号码'],
  householdHead: ['户主'],
  relation: ['与户主关系'],
  subsidyItem: ['补贴项目', '项目名称', '补贴类别', '资金名称', '补贴名称'],
  amount: ['发放金额', '金额', '补贴金额', '实发金额', '应发金额'],
  paidOn: ['发放日期', '发放时间', '发放年月'],
  township: ['所属乡镇', '乡镇', '乡镇街道', '乡（镇）', '乡(镇)'],
  village: ['村组', '村', '组', '所属村', '村（社区）', '村(社区)', '村民小组'],
  bankAccount: ['银行账号', '银行卡号', '一卡通账号', '账号', '开户银行'],
  phone: ['联系电话', '电话', '手机号码'],
  note: ['备注'],
} as const satisfies Record<string, readonly string[]>;

export type HeaderField = keyof typeof HEADER_WORDS;

/** Every header word, for finding the header row. */
export const ALL_HEADER_WORDS: ReadonlySet<string> = new Set(Object.values(HEADER_WORDS).flat());

/**
 * Normalises header text for comparison: removes all white space (exports space out short
 * headers such as "姓  名" and break long ones over lines), turns full-width brackets into ASCII
 * ones and drops a trailing unit such as "(元)".
 */
export function normaliseHeaderWord(text: string): string {
  return text
    .replace(/[\s\u3000]+/g, '')
    .replace(/（/g, '(')
    .replace(/）/g, ')')
    .replace(/\((元|人民币元|万元|yuan)\)$/i, '');
}

const NORMALISED_WORDS = new Set([...ALL_HEADER_WORDS].map(normaliseHeaderWord));
const LONG_WORDS = [...NORMALISED_WORDS].filter((word) => word.length >= 2);

/**
 * Tells whether a cell's text looks like a known header. Words of two or more characters also
 * match inside longer headers ("身份证号码（18位）"); one-character words (村, 组) match only alone.
 */
export function isHeaderWord(text: string): boolean {
  const normalised = normaliseHeaderWord(text);
  if (normalised.length === 0 || normalised.length > 20) return false;
  if (NORMALISED_WORDS.has(normalised)) return true;
  return LONG_WORDS.some((word) => normalised.includes(word));
}
