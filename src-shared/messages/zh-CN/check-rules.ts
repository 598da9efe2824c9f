// Messages of `minsheng check`: the comparison rules (rules.*: warnings and why a rule was skipped),
// the county's rules file (rulesFile.*) and the lists the rules read (lists.*). See check.ts.
// {{id}} is always a masked ID number; amounts are yuan with two decimals.
const whoItem = '{{name}}（身份证号 {{id}}）的"{{item}}"';
const paidAfter = '该日期之后仍发放 {{payments}} 笔，共 {{total}} 元（{{firstPaidOn}} 至 {{lastPaidOn}}）';
const paidTotal = '共发放 {{payments}} 笔、{{total}} 元（{{firstPaidOn}} 至 {{lastPaidOn}}）';
const rulesFileFix = '改正后重新检查。';

export default {
  rules: {
    duplicatePayment: {
      found: `${whoItem}在 {{period}} 期发放了 {{payments}} 次，金额 {{amounts}} 元，发放日期 {{dates}}。请核实是否重复发放。`,
    },
    aboveStandard: {
      rulesFile: `${whoItem} {{period}} 期（{{paidOn}} 发放）金额 {{amount}} 元，高于比对规则文件规定的标准 {{standard}} 元，多出 {{excess}} 元。请核实发放标准。`,
      catalogue: `${whoItem} {{period}} 期（{{paidOn}} 发放）金额 {{amount}} 元，高于补贴项目目录中的标准 {{standard}} 元，多出 {{excess}} 元。请核实发放标准。`,
      invalidCatalogueStandard:
        '{{file}} 第 {{row}} 行项目 {{item}} 的 standard_amount 值"{{value}}"不是以元为单位的金额，该项目未做超标准比对。请写成 125.80 这样的数字（最多两位小数）。',
    },
    afterDeathOrMove: {
      death: `${whoItem}：名单记载此人已于 {{leftOn}} 死亡，${paidAfter}。请核实并追回。`,
      moveAway: `${whoItem}：名单记载此人已于 {{leftOn}} 迁出，${paidAfter}。请核实是否仍应发放。`,
      deregistered: `${whoItem}：名单记载此人户籍已于 {{leftOn}} 注销，${paidAfter}。请核实是否仍应发放。`,
      other: `${whoItem}：名单记载此人已于 {{leftOn}} {{type}}，${paidAfter}。请核实是否仍应发放。`,
    },
    sharedIdNumber: {
      severalHeads: '身份证号 {{id}} 在 {{heads}} 个家庭中都登记为户主（姓名：{{names}}）。请核实是否重复立户或身份证号录错。',
      severalHouseholds: '身份证号 {{id}} 出现在 {{households}} 个家庭中（姓名：{{names}}）。一个人只能属于一个家庭，请核实并改正。',
      differentRows: '身份证号 {{id}} 在几行中的姓名或村不一致（姓名：{{names}}；村：{{villages}}），已按第一行的“{{name}}”接收。请核实这些行是否是同一个人、身份证号是否录错。',
      differentRowsRejected: '身份证号 {{id}} 在几行中的姓名或村不一致（姓名：{{names}}；村：{{villages}}）。此人没有被接收，原因见报告中被拒收的行。请核实这些行是否是同一个人、身份证号是否录错。',
    },
    officialRecipient: {
      self: `${whoItem}：领取人是村干部本人（{{post}}），${paidTotal}。请核实是否经过民主评议和公示。`,
      relative: `${whoItem}：领取人是村干部（{{post}}）的{{relation}}，${paidTotal}。请核实是否经过民主评议和公示。`,
      relativeOfNamed: `${whoItem}：领取人是村干部{{official}}（{{post}}）的{{relation}}，${paidTotal}。请核实是否经过民主评议和公示。`,
    },
    stoppedRecurring: {
      found: `${whoItem}从 {{from}} 到 {{to}} 连续 {{periods}} 期都有发放，最新一期 {{newest}} 却没有。请核实是否被误停（如被误登记为死亡）。`,
      listed: `${whoItem}从 {{from}} 到 {{to}} 连续 {{periods}} 期都有发放，最新一期 {{newest}} 没有；名单记载此人已于 {{leftOn}} {{type}}。请核实名单记载是否属实。`,
    },
    skipped: {
      disabled: '比对规则文件 {{file}} 已关闭此规则。',
      noList: '比对规则文件中没有提供名单（{{key}}），此规则未运行。如需比对，请在规则文件中写明名单文件。',
      listUnusable: '名单 {{file}} 无法使用（原因见"无法读取的文件"），此规则未运行。',
      noStandards: '没有任何补贴项目的发放标准，此规则未运行。请在比对规则文件的 aboveStandard.standards 中，或在 subsidy_items.csv 的 standard_amount 列中填写标准。',
    },
  },
  rulesFile: {
    notFound: '找不到比对规则文件 {{file}}。请核对路径。',
    readFailed: '无法读取比对规则文件 {{file}}（{{reason}}）。请确认有读取权限。',
    notJson: '比对规则文件 {{file}} 不是有效的 JSON（{{reason}}）。请检查引号、逗号和括号。',
    unknownKey: `比对规则文件 {{file}} 中的键 {{key}} 无法识别。此处只允许：{{allowed}}。请删除或改正该键，${rulesFileFix}`,
    wrongTypeBoolean: `比对规则文件 {{file}} 中 {{key}} 的值 {{value}} 不对，应为 true（开启）或 false（关闭），不加引号。${rulesFileFix}`,
    wrongTypeAmount: `比对规则文件 {{file}} 中 {{key}} 的值 {{value}} 不对，发放标准应写成带引号的金额（元），如 "125.80"。${rulesFileFix}`,
    wrongTypeText: `比对规则文件 {{file}} 中 {{key}} 的值 {{value}} 不对，应为带引号的文字，如 "名单/死亡迁出名单.xlsx"。${rulesFileFix}`,
    wrongTypeObject: `比对规则文件 {{file}} 中 {{key}} 的值 {{value}} 不对，应为 { } 括起来的对象，如 {"enabled": true}。${rulesFileFix}`,
    minPeriodsOutOfRange: `比对规则文件 {{file}} 中 {{key}} 的值 {{value}} 不对，应为 {{lowest}} 到 {{highest}} 之间的整数。${rulesFileFix}`,
    unknownItem: `比对规则文件 {{file}} 中 {{key}} 的项目代码 {{value}} 不在 subsidy_items.csv 中。已有的代码：{{items}}。${rulesFileFix}`,
    invalidStandard: `比对规则文件 {{file}} 中 {{key}} 的值 {{value}} 不是以元为单位的金额。请写成 "125.80" 这样的数字（最多两位小数，不带"元"）。${rulesFileFix}`,
    emptyListPath: `比对规则文件 {{file}} 中 {{key}} 是空的。请写出名单文件的路径（相对于规则文件所在文件夹），或删除该键。`,
    listNotFound: `比对规则文件 {{file}} 中 {{key}} 指定的名单 {{value}} 不存在。请核对路径（相对于规则文件所在文件夹）。`,
    listNotAFile: `比对规则文件 {{file}} 中 {{key}} 指定的 {{value}} 不是文件。请写出名单文件本身的路径。`,
    listReadFailed: `比对规则文件 {{file}} 中 {{key}} 指定的名单 {{value}} 无法读取（{{reason}}）。请确认有读取权限。`,
  },
  lists: {
    notMapped: '名单 {{file}} 无法使用：{{problems}}',
  },
};
