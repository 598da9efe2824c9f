// The whole villager journey in Chromium through the browser host. From the home screen it looks
// up a demo household, opens a payment that looks wrong and files a one-tap report: 补贴金额不对,
// a short text typed with pinyin candidates, no phone. Then it prints the receipt.
// Then the printed receipt and the outbox are checked: the receipt's case number and QR code,
// and one sealed entry that opens with the demo commission key to the typed text.
import path from 'node:path';
import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import type { Locator } from '@playwright/test';
import Database from 'better-sqlite3';
import { REPORT_URL_PARAMS } from '../../src-shared/report-url.js';
import { PrintResultSchema, REPORTS_HTTP_PATHS } from '../../src-shared/reports-api.js';
import { outboxPath } from '../../src-main/core/data-folder/layout.js';
import { ReportContentSchema } from '../../src-main/core/reports/report-content.js';
import { openReport, parseRecipientPrivateKeyPem } from '../../src-main/core/reports/seal.js';
import { decodePdfQrCodes, pdfText } from '../helpers/pdf.js';
import type { DemoHousehold } from './kiosk-server.js';
import { shownLayer, useKioskServer } from './kiosk-session.js';
import { findPrintedPdf, withoutSpaces } from './printing-pdf.js';

const CONFIG_DIR = path.resolve(import.meta.dirname, '../../kiosk-config');
// Nothing is ever sent to these addresses: they only go into the QR codes.
const REPORT_URL = 'https://jubao.example.gov.cn/report';
const TRACK_URL = 'https://jubao.example.gov.cn/track';
// A loopback port with nothing listening, so every upload fails and the report stays in the outbox.
const UNREACHABLE_UPLOAD_URL = 'http://127.0.0.1:9/upload';

// Typed as pinyin on the on-screen keyboard, each syllable then picked from the candidate bar.
const TYPED = [
  { pinyin: 'qian', character: '钱' },
  { pinyin: 'shao', character: '少' },
];
const TYPED_TEXT = TYPED.map((syllable) => syllable.character).join('');
// Maximum taps from the payment to the printed receipt. Filing a report should take under a
// minute of touches, and 25 taps is an estimate of what an elderly villager manages in a minute.
const MAX_REPORT_TAPS = 25;

const server = useKioskServer({
  config: {
    printer: { enabled: true, layout: 'receipt-80mm' },
    reporting: {
      reportUrl: REPORT_URL,
      trackUrl: TRACK_URL,
      commissionKey: path.join(CONFIG_DIR, 'demo-commission.pub.pem'),
      uploadUrl: UNREACHABLE_UPLOAD_URL,
    },
  },
});

/** Counts the villager's taps, split into the lookup (typing the ID number) and the report. */
function tapCounter() {
  const counts = { lookup: 0, report: 0 };
  return {
    counts,
    async tap(locator: Locator, phase: keyof typeof counts): Promise<void> {
      await locator.tap();
      counts[phase] += 1;
    },
  };
}

function householdWithPayments(households: DemoHousehold[]): DemoHousehold {
  const found = households.find((household) => household.paymentCount >= 3);
  if (!found) throw new Error('the demo data has no household with three or more payments');
  return found;
}

test('files a report and prints its receipt', async ({ page }) => {
  const started = Date.now();
  const taps = tapCounter();
  await page.goto(server.url);

  // 1. Look up the household.
  const household = householdWithPayments(server.households);
  await taps.tap(page.locator('[data-tile="lookup"]'), 'lookup');
  for (const key of household.idNumbers[0]!) await taps.tap(page.locator(`[data-key="${key}"]`), 'lookup');
  await taps.tap(page.locator('[data-key="search"]'), 'lookup');
  await expect(page.getByTestId('grand-total')).toBeVisible();

  // 2. Open a payment and start the one-tap report from it.
  await taps.tap(page.getByTestId('payment-row').first(), 'report');
  await expect(page.getByTestId('payment-screen')).toBeVisible();
  await taps.tap(shownLayer(page).getByTestId('report-button'), 'report');

  // 3. Category, then the payment as the record the report is about.
  await taps.tap(page.locator('[data-category="payment-wrong"]'), 'report');
  await taps.tap(page.locator('[data-about-record="true"]'), 'report');

  // 4. The text, syllable by syllable on the keyboard, each character from the candidate bar.
  await expect(page.getByTestId('chinese-text-input')).toBeVisible();
  for (const syllable of TYPED) {
    for (const letter of syllable.pinyin) await taps.tap(page.locator(`[data-skbtn="${letter}"]`), 'report');
    await expect(page.getByTestId('keyboard-pinyin')).toHaveText(syllable.pinyin);
    await taps.tap(page.locator(`[data-candidate="${syllable.character}"]`).first(), 'report');
  }
  await expect(page.getByTestId('keyboard-text')).toHaveText(TYPED_TEXT);
  await taps.tap(page.getByTestId('report-next'), 'report');

  // 5. No phone number, then review, consent and submit.
  await expect(page.getByTestId('report-flow')).toHaveAttribute('data-step', 'phone');
  await taps.tap(page.getByTestId('report-next'), 'report');
  await expect(page.getByTestId('report-flow')).toHaveAttribute('data-step', 'review');
  await expect(page.getByTestId('report-fields')).toContainText(TYPED_TEXT);
  await taps.tap(page.getByTestId('report-consent'), 'report');
  await taps.tap(page.getByTestId('report-submit'), 'report');

  // 6. The receipt on screen, then printed.
  const caseNumberShown = await page.getByTestId('case-number').textContent();
  const caseNumber = (caseNumberShown ?? '').replace(/\s/g, '');
  expect(caseNumber).toMatch(/^\d{14}$/);

  const response = page.waitForResponse((candidate) => new URL(candidate.url()).pathname === REPORTS_HTTP_PATHS.print);
  await taps.tap(page.getByTestId('report-receipt').getByRole('button'), 'report');
  const result = PrintResultSchema.parse(await (await response).json());
  await expect(page.getByTestId('report-receipt').getByTestId('print-status')).toHaveText('打印完成，请在出纸口取走。');

  // Information only: the wall time depends on the machine, so it is printed, not asserted.
  console.log(`report journey: ${taps.counts.lookup} taps to look up, ${taps.counts.report} taps from the payment to the printed receipt, ${Date.now() - started} ms`);
  expect(taps.counts.report).toBeLessThanOrEqual(MAX_REPORT_TAPS);

  // 7. The printed receipt: the case number as on screen, and a QR code to follow the case.
  expect(result.status).toBe('printed');
  if (result.status !== 'printed') return;
  const file = findPrintedPdf(server.dataDir, result.output);
  const text = withoutSpaces(pdfText(file));
  expect(text).toContain(caseNumber);
  for (const idNumber of household.idNumbers) expect(text).not.toContain(idNumber);

  // jsQR reports empty codes on some 80 mm pages where there is none, so empty results are dropped.
  const codes = decodePdfQrCodes(file).filter((code) => code !== '');
  expect(codes).toHaveLength(1);
  const trackUrl = new URL(codes[0]!);
  expect(trackUrl.origin + trackUrl.pathname).toBe(TRACK_URL);
  expect(trackUrl.searchParams.get(REPORT_URL_PARAMS.caseNumber)).toBe(caseNumber);

  // 8. The outbox: one sealed entry, which only the commission's private key opens.
  const outbox = new Database(outboxPath(server.dataDir), { readonly: true, fileMustExist: true });
  let rows: { sealed: Buffer }[];
  try {
    rows = outbox.prepare('SELECT sealed FROM outbox').all() as { sealed: Buffer }[];
  } finally {
    outbox.close();
  }
  expect(rows).toHaveLength(1);
  const sealed = new Uint8Array(rows[0]!.sealed);
  expect(Buffer.from(sealed).includes(Buffer.from(TYPED_TEXT, 'utf8'))).toBe(false);

  const privateKey = parseRecipientPrivateKeyPem(readFileSync(path.join(CONFIG_DIR, 'demo-commission.DEMO-ONLY.key.pem'), 'utf8'));
  const opened = openReport(sealed, privateKey);
  const content = ReportContentSchema.parse(JSON.parse(Buffer.from(opened.plaintext).toString('utf8')));
  expect(content.text).toBe(TYPED_TEXT);
  expect(content.caseNumber).toBe(caseNumber);
  expect(content.category).toBe('payment-wrong');
  expect(content.phone).toBeNull();
  expect(content.record?.kind).toBe('payment');
  expect(content.terminalId).toBe('e2e-01');
});
