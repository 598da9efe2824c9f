// report.html of `minsheng check` opened in Chromium from a file: it loads nothing else, a row
// link of a warning lands on that row's entry, and the page makes the county-staff screenshot.
import { pathToFileURL } from 'node:url';
import { expect, test } from '@playwright/test';
import { translatorFor } from '../../src-shared/messages/translator.js';
import type { CheckResult, RowRef } from '../../src-main/publisher/check/check-types.js';
import { rowAnchorId } from '../../src-main/publisher/check/report-text.js';
import { writeCheckReport } from '../../src-main/publisher/check/write-check-report.js';
import { checkResult, MASKED_ID, rejectionAt, repairAt, tableSummary } from '../helpers/check-results.js';
import { makeTempDir } from '../helpers/temp.js';
import { saveScreenshot, waitForFonts } from './screen-checks.js';

const PAYMENTS = '2024年耕地地力保护补贴.xlsx';
const PERSONS = '民政人员名册.csv';
const DEPARTED = '名单/死亡迁出名单.xlsx';

const at = (file: string, sheet: string | null, row: number): RowRef => ({ file, sheet, row });

/** Builds a check as a county might see it: two department files, a list, a failure and warnings. */
function countyCheck(): CheckResult {
  const payments = tableSummary({
    file: PAYMENTS,
    sheet: '发放明细',
    titleRows: ['某某县2024年耕地地力保护补贴发放明细表'],
    headerRow: 3,
    headerNotices: [{ severity: 'info', text: `${PAYMENTS} 的工作表"发放明细" 的 G 列"银行卡号"是银行账号，不读取。` }],
    footerRows: [{ row: 1206, kind: 'sum', text: '合计 186,420.50' }],
    rowsRead: 1203,
    accepted: 1201,
    repairedRows: 3,
    rejected: 2,
    repairCounts: { idLowerCaseX: 2, amountUnit: 1 },
    repairs: [
      repairAt(PAYMENTS, '发放明细', 17, 'idLowerCaseX', '430*************1x', MASKED_ID),
      repairAt(PAYMENTS, '发放明细', 230, 'idLowerCaseX', '430*************2x', '430*************2X'),
      { ...repairAt(PAYMENTS, '发放明细', 41, 'amountUnit', '1,234.50元', '1,234.50'), column: 'E', header: '发放金额', field: 'amount' },
    ],
    cellRejections: [
      { row: 88, rejections: [rejectionAt(PAYMENTS, '发放明细', 88, '4.30123E+17')] },
      { row: 512, rejections: [{ ...rejectionAt(PAYMENTS, '发放明细', 512, '2024-02-30'), column: 'F', header: '发放日期', field: 'paid_on', reason: 'dateNotExist' }] },
    ],
  });
  const persons = tableSummary({ file: PERSONS, sheet: null, encoding: 'gbk', delimiter: ',', kind: 'persons', rowsRead: 860, accepted: 860 });
  const departed = tableSummary({ file: DEPARTED, sheet: 'Sheet1', kind: 'departedList', rowsRead: 37, accepted: 37 });
  const duplicate = {
    key: 'check:rules.duplicatePayment.found',
    params: { name: '张三', id: MASKED_ID, item: '耕地地力保护补贴', period: '2024', payments: 2, amounts: '125.80、125.80', dates: '2024-03-05、2024-03-18' },
  };
  const afterDeath = {
    key: 'check:rules.afterDeathOrMove.death',
    params: { name: '李四', id: '430*************27', item: '高龄津贴', leftOn: '2024-01-12', payments: 3, total: '300.00', firstPaidOn: '2024-02-10', lastPaidOn: '2024-04-10' },
  };
  return checkResult({
    dataDir: '/home/county/2024-06-check',
    tables: [payments, persons],
    listTables: [departed],
    failures: [{ file: '低保名单.xls', sheet: null, message: { key: 'import:xls', params: { file: '低保名单.xls' } } }],
    warnings: [
      { rule: 'duplicatePayment', message: duplicate, rows: [at(PAYMENTS, '发放明细', 40), at(PAYMENTS, '发放明细', 655)] },
      { rule: 'afterDeathOrMove', message: afterDeath, rows: [at(DEPARTED, 'Sheet1', 9), at(PAYMENTS, '发放明细', 300)] },
    ],
    rules: [
      { rule: 'duplicatePayment', ran: true },
      { rule: 'aboveStandard', ran: true },
      { rule: 'afterDeathOrMove', ran: true },
      { rule: 'sharedIdNumber', ran: true },
      { rule: 'officialRecipient', ran: false, skipped: { key: 'check:rules.skipped.noList', params: { key: 'officialRecipient.list' } } },
      { rule: 'stoppedRecurring', ran: true },
    ],
    rejectedRows: 3,
  });
}

test.use({ viewport: { width: 1366, height: 1100 } });

test('check report opens offline and links rows', async ({ page }) => {
  const temp = makeTempDir('minsheng-check-report-e2e-');
  try {
    const files = await writeCheckReport(countyCheck(), temp.dir, { t: translatorFor('zh-CN'), language: 'zh-CN' });
    const pageUrl = pathToFileURL(files.html).href;
    const requests: string[] = [];
    page.on('request', (request) => requests.push(request.url()));
    await page.goto(pageUrl);
    await waitForFonts(page);

    expect(requests).toEqual([pageUrl]);
    await expect(page.locator('h1')).toHaveText('数据检查与信息比对报告');

    const ref = at(DEPARTED, 'Sheet1', 9);
    await page.locator(`a[href="#${rowAnchorId(ref)}"]`).click();
    await expect(page.locator(':target')).toHaveAttribute('id', rowAnchorId(ref));
    await expect(page.locator(':target')).toContainText('名单/死亡迁出名单.xlsx 工作表“Sheet1” 第 9 行');
    await expect(page.locator(':target')).toBeInViewport();

    await page.goto(pageUrl);
    await saveScreenshot(page, 'check-report.zh-CN.png');
  } finally {
    temp.remove();
  }
});
