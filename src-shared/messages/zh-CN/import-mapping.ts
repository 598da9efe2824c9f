// Messages of the header mapping of the department-file import, spread into the `import`
// namespace: field names (field.*), the fate of each column and the header problems (map.*), and
// the problems of a county's header mapping file (mapping*). {{table}} is the file name, with the
// sheet name for a workbook.
export default {
  field: {
    serial: '序号',
    name: '姓名',
    id_number: '身份证号',
    item_name: '补贴项目',
    amount: '发放金额',
    paid_on: '发放日期',
    period: '发放期间',
    township: '所属乡镇',
    village: '所属村',
    group: '村组',
    household_head: '户主姓名',
    household_head_id: '户主身份证号',
    relation: '与户主关系',
    bank_account: '银行账号',
    phone: '联系电话',
    remarks: '备注',
    left_on: '死亡或迁出日期',
    departure: '类型（死亡或迁出）',
    post: '职务',
    official_relation: '与干部关系',
    official_name: '干部姓名',
  },
  fileKind: {
    payments: '发放明细',
    persons: '人员名册',
    departedList: '死亡迁出名单',
    officialsList: '村干部及亲属名单',
  },
  listSeparator: '、',
  table: '{{file}}',
  tableSheet: '{{file}} 的工作表"{{sheet}}"',
  map: {
    missingField:
      '{{table}}缺少必需的"{{field}}"列（{{kind}}必须有此列）。请把该列的表头改为 {{headers}} 之一，或在表头对照文件中写明该部门用的表头。',
    ambiguousField:
      '{{table}}有多列都对应"{{field}}"：{{columns}}，无法确定用哪一列。请在表头对照文件中把不用的列设为 "ignore"。',
    droppedColumn: '{{table}}的 {{column}} 列"{{header}}"是{{field}}，属于个人敏感信息，已按规定丢弃，不导入也不发布。',
    unmappedColumn: '{{table}}的 {{column}} 列"{{header}}"未能识别，未导入。如需导入，请在表头对照文件中写明它对应的字段。',
    ignoredColumn: '{{table}}的 {{column}} 列"{{header}}"按表头对照文件的设置未导入。',
  },
  mappingNotFound: '找不到表头对照文件 {{file}}。请核对路径，或不使用对照文件。',
  mappingReadFailed: '无法读取表头对照文件 {{file}}（{{reason}}）。请确认有读取权限。',
  mappingNotJson: '表头对照文件 {{file}} 不是有效的 JSON（{{reason}}）。请检查引号、逗号和括号。',
  mappingUnknownKey: '表头对照文件 {{file}} 中的键 {{key}} 无法识别。只允许 "description" 和 "headers"，请删除或改正该键。',
  mappingWrongType: '表头对照文件 {{file}} 中 {{key}} 的类型不对（应为 {{expected}}）。"headers" 应是 {"部门表头": "字段名"} 形式的对象。',
  mappingUnknownField: '表头对照文件 {{file}} 中 {{key}} 的值 {{value}} 不是字段名。请改为以下之一：{{fields}}。',
  mappingEmptyHeader: '表头对照文件 {{file}} 中的键 {{key}} 去掉空格后为空。请写出部门文件中的表头文字。',
  mappingDuplicateHeader:
    '表头对照文件 {{file}} 中的 {{key}} 与 {{other}} 是同一个表头（忽略空格、全角和"(元)"后相同），却指向不同字段。请删除其中一个。',
};
