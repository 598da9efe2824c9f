// Screen texts in Chinese, the default language. Both catalogs must have exactly the same keys;
// tests/unit/renderer-i18n.test.ts checks that and every t('...') key used in src-renderer.
import zhQuery from '../../src-shared/messages/zh-CN/query.js';
import admin from './admin/zh-CN.js';
import boards from './boards/zh-CN.js';
import keyboard from './keyboard/zh-CN.js';
import navigation from './navigation/zh-CN.js';
import notices from './notices/zh-CN.js';
import printing from './printing/zh-CN.js';
import reporting from './reporting/zh-CN.js';

export default {
  app: {
    title: '民生监督自助查询',
    loading: '正在准备，请稍候……',
  },
  language: {
    label: '语言 Language',
    zh: '中文',
    en: 'English',
  },
  home: {
    instruction: '请用右边的数字键输入本人的身份证号码，再点“查询”。',
    idLabel: '身份证号码',
    idPlaceholder: '请输入 18 位号码',
    typedCount: '已输入 {{typed}} 位，共 18 位',
    dataAsOf: '数据截至 {{date}}',
    region: '查询范围：{{region}}',
    householdCount: '共 {{households}} 户',
    noData: '本机还没有安装数据，暂时不能查询。请联系工作人员。',
    searching: '正在查询，请稍候……查询期间按键暂停使用。',
    terminal: '本机：{{name}}',
  },
  feedback: {
    valid: '号码格式正确，可以查询',
    validLegacy: '15 位旧号码格式正确，可以查询',
    invalidChecksum: '校验位不正确，请核对最后一位',
    invalidBirthDate: '出生日期不正确，请核对第 7 到 14 位',
    invalidCharacters: 'X 只能是最后一位',
    invalidLength: '号码应为 18 位，旧号码为 15 位',
  },
  keypad: {
    backspace: '删除',
    clear: '清空',
    search: '查询',
    searching: '查询中',
    backspaceLabel: '删除最后一位',
    clearLabel: '清空全部号码',
  },
  result: {
    heading: '您家的民生资金发放记录',
    address: '{{county}} {{township}} {{village}}',
    members: '家庭成员（共 {{members}} 人）',
    moreMembers: '下面还有 {{members}} 人，请向上滑动名单查看',
    queried: '本人',
    payments: '发放明细',
    grandTotal: '合计发放',
    yearHeading: '{{year}} 年',
    yearSubtotal: '本年合计 {{amount}} 元',
    itemSubtotal: '小计 {{amount}} 元',
    itemPayments: '{{payments}} 笔',
    amount: '{{amount}} 元',
    paidOn: '发放日期',
    period: '所属期间',
    department: '发放部门',
    policyBasis: '政策依据',
    recipient: '领取人',
    dataAsOf: '数据截至 {{date}}，此后的发放还没有收录。',
    noPayments: '暂无发放记录。如有疑问，请向村委会咨询。',
    back: '返回',
    done: '完成',
  },
  message: {
    notFoundTitle: '没有找到这个号码的记录',
    notFoundHint: '请核对号码是否输入正确。如果号码无误，请向村委会或乡镇工作人员咨询。',
    otherRegionHint:
      '这个号码的前 6 位不是{{region}}的代码。本机只有{{region}}的数据；户籍在其他县的群众，请到户籍所在县的政务服务中心查询。',
    invalidTitle: '号码有误，无法查询',
    invalidHint: '请返回核对号码，每一位都要与身份证上的一致。',
    noDataTitle: '本机还没有安装数据',
    noDataHint: '暂时不能查询，请联系工作人员。',
    unavailableTitle: '服务暂时不可用',
    unavailableHint: '请稍后再试，或请工作人员帮忙。',
    retry: '重试',
  },
  relation: zhQuery.relation,
  dataAge: {
    daysOld: '数据已 {{days}} 天未更新，可能不是最新。',
    oneDayOld: '数据已 1 天未更新，可能不是最新。',
    expired: '数据已过有效期，可能不是最新。',
    asOf: '数据截至 {{date}}。',
  },
  idle: {
    title: '您还在使用吗？',
    countdown: '{{seconds}} 秒后将回到首页，并清除刚才输入的号码。',
    countdownBrowsing: '{{seconds}} 秒后将回到首页，并清除刚才查看的内容。',
    countdownHousehold: '{{seconds}} 秒后将回到首页，并清除刚才查到的您家信息。',
    countdownReport: '{{seconds}} 秒后将回到首页，您还没提交的举报会被清除。',
    more: '继续使用',
  },
  attract: {
    latest: '最新公告',
    position: '第 {{current}} 条，共 {{total}} 条',
    prompt: '轻触屏幕开始',
    welcomeTitle: '欢迎使用民生监督自助查询',
    welcomeText: '在这里可以查询您家的补贴发放，查看村务、财务和项目公开，也可以反映问题。',
  },
  boards,
  navigation,
  keyboard,
  printing,
  reporting,
  admin,
  notices,
} as const;
