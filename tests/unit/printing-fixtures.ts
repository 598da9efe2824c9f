// Requests and context for the printing tests: a generated household with masked names only, a
// filed report whose record label tries to break out of the HTML, and a fixed printing time.
import { makeCaseNumber } from '../../src-shared/case-number.js';
import type { Household } from '../../src-shared/kiosk-api.js';
import type { ReportDraft, ReportReceipt } from '../../src-shared/reports-api.js';
import type { PrintContext } from '../../src-main/core/printing/print-job.js';
import type { FiledReceipt } from '../../src-main/core/printing/receipt.js';

export const PRINTED_AT = new Date(2026, 4, 12, 9, 5, 30);

export const printContext: PrintContext = {
  terminalId: 'T-431226-07',
  terminalName: '城关镇便民服务中心一号机',
  reportUrl: 'https://jb.example.gov.cn/report?county=431226',
  trackUrl: 'https://jb.example.gov.cn/track',
  dataAsOf: '2026-04-30',
  printedAt: PRINTED_AT,
};

export const household: Household = {
  villageCode: '431226101201',
  villageName: '白岩村',
  townshipName: '城关镇',
  countyName: '麻阳苗族自治县',
  members: [
    { maskedName: '张*丰', relation: '户主', isQueried: true },
    { maskedName: '李*', relation: '配偶', isQueried: false },
    { maskedName: '欧**娜', relation: '孙子女', isQueried: false },
  ],
  // Newest first, as the lookup returns them; two years and two items in 2025.
  payments: [
    payment('P2025-003', 'GDDL', '耕地地力保护补贴', '张*丰', 123_450, '2025-03-15', '2025'),
    payment('P2025-002', 'GLJT', '高龄津贴', '李*', 10_000, '2025-02-15', '2025-02'),
    payment('P2025-001', 'GLJT', '高龄津贴', '李*', 10_000, '2025-01-15', '2025-01'),
    payment('P2024-009', 'GLJT', '高龄津贴', '李*', 9_995, '2024-12-16', '2024-12'),
  ],
  totalFen: 153_445,
};

function payment(
  paymentId: string,
  itemCode: string,
  itemName: string,
  recipientMaskedName: string,
  amountFen: number,
  paidOn: string,
  period: string,
): Household['payments'][number] {
  const department = itemCode === 'GDDL' ? '县农业农村局' : '县民政局';
  return { paymentId, itemCode, itemName, department, policyBasis: '湘财农〔2025〕1号', recipientMaskedName, amountFen, paidOn, period };
}

/** A label that would run a script or close an attribute if it were not escaped. */
export const HOSTILE_LABEL = `耕地地力保护补贴 <script>alert("x")</script> & 'quoted'`;

const digits = [3, 1, 4, 1, 5, 9, 2];
export const CASE_NUMBER = makeCaseNumber(PRINTED_AT, () => digits.shift() ?? 0);

export const receipt: ReportReceipt = {
  caseNumber: CASE_NUMBER,
  filedAt: new Date(2026, 4, 12, 9, 4, 0).toISOString(),
  terminalId: printContext.terminalId,
  trackUrl: `https://jb.example.gov.cn/track?case=${CASE_NUMBER}`,
};

export const draft: ReportDraft = {
  category: 'payment-wrong',
  record: { kind: 'payment', id: 'P2025-003', regionCode: '431226101201', label: HOSTILE_LABEL },
  regionCode: '431226101201',
  // The receipt must not print this text: it is sealed for the commission.
  text: '去年的耕地地力保护补贴比邻居家少了一半。'.repeat(26),
  phone: '13812345678',
  consent: true,
  language: 'zh-CN',
};

/** Receipt fields that the terminal keeps of `draft` after filing it. */
export const filedReceipt: FiledReceipt = {
  caseNumber: CASE_NUMBER,
  filedAt: receipt.filedAt,
  terminalId: printContext.terminalId,
  category: draft.category,
  recordLabel: HOSTILE_LABEL,
  regionCode: draft.regionCode,
  maskedPhone: '138****5678',
};
