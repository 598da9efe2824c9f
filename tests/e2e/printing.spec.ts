// Printing a household statement through the browser host, once per paper layout. The villager
// looks up a demo household and taps 打印补贴明细. The PDF the host writes must carry the
// lookup's masked names and amounts, the data-as-of date, the terminal ID and no ID number. Its
// QR code must open the county's reporting site for the household's village.
import { expect, test } from '@playwright/test';
import { KIOSK_HTTP_PATHS, SnapshotInfoSchema } from '../../src-shared/kiosk-api.js';
import type { PrintLayout } from '../../src-shared/kiosk-api.js';
import { formatFenAsYuan } from '../../src-shared/money.js';
import { REPORT_URL_PARAMS } from '../../src-shared/report-url.js';
import { PrintResultSchema, REPORTS_HTTP_PATHS } from '../../src-shared/reports-api.js';
import { decodePdfQrCodes, pdfPageSizesMm, pdfText } from '../helpers/pdf.js';
import type { DemoHousehold } from './kiosk-server.js';
import { lookUp, useKioskServer } from './kiosk-session.js';
import { findPrintedPdf, withoutSpaces } from './printing-pdf.js';

// Nothing is ever sent to these addresses: they only go into the QR codes.
const REPORT_URL = 'https://jubao.example.gov.cn/report?county=431226';
const TRACK_URL = 'https://jubao.example.gov.cn/track';
const TERMINAL_ID = 'e2e-01';

/** Returns the household with the most payments, so the statement runs over more than one page on A4. */
function largestHousehold(households: DemoHousehold[]): DemoHousehold {
  return [...households].sort((a, b) => b.paymentCount - a.paymentCount || a.householdId.localeCompare(b.householdId))[0]!;
}

/** Counts the occurrences of each value. */
function tally(values: string[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const value of values) counts.set(value, (counts.get(value) ?? 0) + 1);
  return counts;
}

function occurrences(text: string, value: string): number {
  return text.split(value).length - 1;
}

const PAGE_SIZES: Record<PrintLayout, (size: { width: number; height: number }) => boolean> = {
  a4: (size) => Math.abs(size.width - 210) < 1 && Math.abs(size.height - 297) < 1,
  // Thermal rolls are 80 mm wide; the page may be cut to the printable 72 mm, and is as long as the content.
  'receipt-80mm': (size) => size.width >= 71 && size.width <= 81,
};

for (const layout of ['a4', 'receipt-80mm'] as const) {
  test.describe(`statement on ${layout}`, () => {
    const server = useKioskServer({
      config: {
        printer: { enabled: true, layout },
        reporting: { reportUrl: REPORT_URL, trackUrl: TRACK_URL },
      },
    });

    test('prints the looked-up household', async ({ page }) => {
      await page.goto(server.url);
      const demo = largestHousehold(server.households);
      const household = await lookUp(page, demo.idNumbers[0]!);
      expect(household.totalFen).toBe(demo.totalFen);
      expect(household.payments).toHaveLength(demo.paymentCount);

      // 1. Tap print and wait for the host's result.
      const response = page.waitForResponse((candidate) => new URL(candidate.url()).pathname === REPORTS_HTTP_PATHS.print);
      await page.getByRole('button', { name: '打印补贴明细' }).tap();
      const result = PrintResultSchema.parse(await (await response).json());
      await expect(page.getByTestId('print-status')).toHaveText('打印完成，请在出纸口取走。');
      expect(result.status).toBe('printed');
      if (result.status !== 'printed') return;
      expect(result.layout).toBe(layout);

      // 2. The PDF's paper.
      const file = findPrintedPdf(server.dataDir, result.output);
      const sizes = pdfPageSizesMm(file);
      expect(sizes.length).toBeGreaterThan(0);
      for (const size of sizes) expect(PAGE_SIZES[layout](size), `page of ${size.width} x ${size.height} mm`).toBe(true);

      // 3. Its text against the lookup's numbers.
      const text = withoutSpaces(pdfText(file));
      for (const member of household.members) expect(text).toContain(withoutSpaces(member.maskedName));
      for (const [amount, count] of tally(household.payments.map((payment) => formatFenAsYuan(payment.amountFen)))) {
        expect(occurrences(text, amount), `amount ${amount}`).toBeGreaterThanOrEqual(count);
      }
      expect(text).toContain(formatFenAsYuan(household.totalFen));
      const snapshot = SnapshotInfoSchema.parse(await (await page.request.get(new URL(KIOSK_HTTP_PATHS.getSnapshotInfo, server.url).href)).json());
      expect(text).toContain(snapshot.dataAsOf);
      expect(text).toContain(TERMINAL_ID);

      // 4. Nothing personal beyond the masked names.
      for (const idNumber of demo.idNumbers) expect(text).not.toContain(idNumber);

      // 5. The QR code opens the reporting site for the village, and names no household.
      // NOTE: on the 80 mm pages jsQR also reports codes with empty data where there is no code,
      // so empty results are dropped here.
      const codes = decodePdfQrCodes(file).filter((code) => code !== '');
      expect(codes).toHaveLength(1);
      const url = new URL(codes[0]!);
      const expected = new URL(REPORT_URL);
      expect(url.origin + url.pathname).toBe(expected.origin + expected.pathname);
      expect(url.searchParams.get('county')).toBe('431226');
      expect(url.searchParams.get(REPORT_URL_PARAMS.region)).toBe(household.villageCode);
      expect(url.searchParams.get(REPORT_URL_PARAMS.terminal)).toBe(TERMINAL_ID);
      expect([...url.searchParams.keys()].sort()).toEqual(['county', REPORT_URL_PARAMS.region, REPORT_URL_PARAMS.terminal].sort());
    });
  });
}
