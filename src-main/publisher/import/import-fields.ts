// The fields an import reads out of a department file, with the Chinese column headers that name
// them in the exports of the subsidy payment system (惠民惠农财政补贴资金"一卡通"), civil affairs,
// agriculture and village accounting software. Field names follow the column names of the data
// standard's persons.csv and payments.csv where one exists. The table finder recognises a header
// row by these headers, and the header mapper maps columns by them. The row cleaner picks a
// cleaner by each field's kind.

/** Cleaner that a field's cells go through. */
export type FieldKind = 'text' | 'idNumber' | 'amount' | 'date' | 'period';

/**
 * Treatment of a recognised column. `keep` carries its cleaned cells into the records. `drop`
 * leaves them unread because they are personal data the kiosk must never hold (bank accounts,
 * phone numbers). `ignore` leaves them unread because they carry nothing (row numbers).
 */
export type FieldUse = 'keep' | 'drop' | 'ignore';

export interface FieldSpec {
  kind: FieldKind;
  use: FieldUse;
  /** Headers as departments write them; matching ignores white space, width and a "(元)" unit. */
  headers: readonly string[];
}

export const IMPORT_FIELDS = {
  serial: { kind: 'text', use: 'ignore', headers: ['序号', '编号'] },
  name: { kind: 'text', use: 'keep', headers: ['姓名', '领取人', '领取人姓名', '收款人', '收款人姓名', '补贴对象', '补贴对象姓名', '享受人', '户名'] },
  id_number: {
    kind: 'idNumber',
    use: 'keep',
    headers: ['身份证号', '身份证号码', '公民身份号码', '身份证件号码', '证件号码', '领取人身份证号', '补贴对象身份证号'],
  },
  item_name: { kind: 'text', use: 'keep', headers: ['补贴项目', '项目名称', '补贴项目名称', '补贴类别', '补贴名称', '资金名称'] },
  amount: { kind: 'amount', use: 'keep', headers: ['发放金额', '金额', '补贴金额', '实发金额', '应发金额'] },
  paid_on: { kind: 'date', use: 'keep', headers: ['发放日期', '发放时间'] },
  period: { kind: 'period', use: 'keep', headers: ['发放期间', '所属期', '所属期间', '发放年月', '发放月份', '所属年月'] },
  township: { kind: 'text', use: 'keep', headers: ['所属乡镇', '乡镇', '乡镇街道', '乡(镇)', '乡镇(街道)'] },
  village: { kind: 'text', use: 'keep', headers: ['村', '所属村', '村名', '行政村', '村(社区)', '所属村(社区)'] },
  group: { kind: 'text', use: 'keep', headers: ['组', '村组', '村民小组', '所属组'] },
  household_head: { kind: 'text', use: 'keep', headers: ['户主姓名', '户主'] },
  household_head_id: { kind: 'idNumber', use: 'keep', headers: ['户主身份证号', '户主身份证号码', '户主公民身份号码'] },
  relation: { kind: 'text', use: 'keep', headers: ['与户主关系'] },
  bank_account: {
    kind: 'text',
    use: 'drop',
    headers: ['银行账号', '银行卡号', '卡号', '账号', '银行账户', '一卡通账号', '一卡通卡号', '社保卡号', '存折号'],
  },
  phone: { kind: 'text', use: 'drop', headers: ['联系电话', '电话', '手机号码', '手机号', '联系方式'] },
  remarks: { kind: 'text', use: 'keep', headers: ['备注'] },
  // The county's lists for the comparison rules: people who died or moved away, and village
  // officials with their relatives.
  left_on: { kind: 'date', use: 'keep', headers: ['死亡日期', '迁出日期', '注销日期', '死亡时间', '迁出时间', '注销时间', '户籍注销日期'] },
  departure: { kind: 'text', use: 'keep', headers: ['类型', '注销类型', '注销原因', '变动类型', '减员类型', '减员原因'] },
  post: { kind: 'text', use: 'keep', headers: ['职务', '担任职务', '干部职务', '现任职务'] },
  official_relation: { kind: 'text', use: 'keep', headers: ['与干部关系', '关系', '与村干部关系', '亲属关系'] },
  official_name: { kind: 'text', use: 'keep', headers: ['干部姓名', '村干部姓名', '关联干部姓名'] },
} as const satisfies Record<string, FieldSpec>;

export type ImportField = keyof typeof IMPORT_FIELDS;

/** Fields whose cells reach the records. */
export type KeptField = {
  [F in ImportField]: (typeof IMPORT_FIELDS)[F]['use'] extends 'keep' ? F : never;
}[ImportField];

export const FIELD_NAMES = Object.keys(IMPORT_FIELDS) as ImportField[];

/**
 * Kinds of department file and the fields each must have. A payment export must state who was paid
 * what, for which item and when. A person roster (civil affairs, household registers) must place
 * each person in a household and a village, because the kiosk looks people up by household.
 * A departed list names who died or moved away and when; an officials list names each official or
 * relative with the post and the relation to the official.
 */
export const FILE_KINDS = {
  payments: ['name', 'id_number', 'item_name', 'amount', 'paid_on'],
  persons: ['name', 'id_number', 'household_head_id', 'relation', 'village'],
  // The lists of the comparison rules. The rules file names their files, so the import of a
  // folder tries only DEPARTMENT_FILE_KINDS on the other files.
  departedList: ['name', 'id_number', 'left_on'],
  officialsList: ['name', 'id_number', 'post', 'official_relation'],
} as const satisfies Record<string, readonly KeptField[]>;

export type FileKind = keyof typeof FILE_KINDS;

/** Kinds the import of a folder tries on each department file. */
export const DEPARTMENT_FILE_KINDS = ['payments', 'persons'] as const satisfies readonly FileKind[];

/** Kinds of the lists that the comparison rules read from the files the rules file names. */
export const LIST_FILE_KINDS = ['departedList', 'officialsList'] as const satisfies readonly FileKind[];
