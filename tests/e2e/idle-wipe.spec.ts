// The idle timeout as a villager leaves it: a household looked up, its statement printed, one
// payment opened and a report about it written up to the review step with a phone number, then
// the screen left untouched. After the timeout the page, its form values, the renderer's
// JavaScript heap and its detached DOM nodes must contain none of that session: not the ID
// number, the members' masked names, the payment numbers, the household's total, the phone
// number or the report text. The same heap check run before the timeout finds each of them, so
// the check is known to see what it looks for.
import { expect, test } from '@playwright/test';
import type { Page } from '@playwright/test';
import { randomInt } from 'node:crypto';
import path from 'node:path';
import { formatFenAsYuan } from '../../src-shared/money.js';
import { readDetachedDom, takeHeapSnapshot } from './heap-snapshot.js';
import type { DemoHousehold } from './kiosk-server.js';
import { lookUp, shownLayer, useKioskServer } from './kiosk-session.js';

const CONFIG_DIR = path.resolve(import.meta.dirname, '../../kiosk-config');

// A random mobile number of 11 digits starting 139, as the phone step accepts, so no real
// person's fixed number sits in the repository.
const PHONE = `139${String(randomInt(0, 100_000_000)).padStart(8, '0')}`;
// Typed as pinyin, each character picked from the candidate bar.
const TYPED = [
  { pinyin: 'qian', character: '钱' },
  { pinyin: 'shao', character: '少' },
];

// Longer than the shared 12 s, so a slow heap snapshot cannot outlast the whole timeout.
const IDLE_TIMEOUT_SECONDS = 30;
const IDLE_WARNING_SECONDS = 8;

const server = useKioskServer({
  config: {
    idle: { timeoutSeconds: IDLE_TIMEOUT_SECONDS, warningSeconds: IDLE_WARNING_SECONDS },
    // The browser host prints to PDF files in the data folder.
    printer: { enabled: true, layout: 'a4' },
    reporting: {
      reportUrl: 'https://jubao.example.gov.cn/report',
      commissionKey: path.join(CONFIG_DIR, 'demo-commission.pub.pem'),
      // Loopback with nothing listening: nothing is filed in this test anyway.
      uploadUrl: 'http://127.0.0.1:9/upload',
    },
    // Keeps the home screen still after the wipe, so only the session's traces are looked for.
    kiosk: { attractAfterSeconds: 3600 },
  },
});

/** Returns the demo household with the most payments among those with two or more members. */
function chosenHousehold(): DemoHousehold {
  const candidates = server.households.filter((household) => household.idNumbers.length >= 2 && household.paymentCount >= 3);
  const chosen = candidates.sort((a, b) => b.paymentCount - a.paymentCount || a.householdId.localeCompare(b.householdId))[0];
  if (!chosen) throw new Error('the demo data has no household with two members and three payments');
  return chosen;
}

/** Prints the household's statement from the result screen. */
async function printStatement(page: Page): Promise<void> {
  const control = shownLayer(page).getByTestId('print-control');
  await control.getByRole('button').tap();
  // Rendering the PDF can take several seconds while the machine is busy.
  await expect(control).toHaveAttribute('data-state', 'printed', { timeout: 30_000 });
}

/** Opens the first payment and writes a report about it up to the review step. */
async function draftReport(page: Page): Promise<void> {
  await page.getByTestId('payment-row').first().tap();
  await shownLayer(page).getByTestId('report-button').tap();
  await page.locator('[data-category="payment-wrong"]').tap();
  await page.locator('[data-about-record="true"]').tap();

  for (const syllable of TYPED) {
    for (const letter of syllable.pinyin) await page.locator(`[data-skbtn="${letter}"]`).tap();
    await page.locator(`[data-candidate="${syllable.character}"]`).first().tap();
  }
  await page.getByTestId('report-next').tap();

  await expect(page.getByTestId('report-flow')).toHaveAttribute('data-step', 'phone');
  for (const key of PHONE) await shownLayer(page).locator(`[data-key="${key}"]`).tap();
  await page.getByTestId('report-next').tap();
  await expect(page.getByTestId('report-flow')).toHaveAttribute('data-step', 'review');
}

/** Reads the page's markup and the values of its form fields, which outerHTML does not show. */
function readDom(page: Page): Promise<string> {
  return page.evaluate(() => {
    const values = [...document.querySelectorAll('input, textarea, select')].map((field) => (field as HTMLInputElement).value);
    return [document.documentElement.outerHTML, ...values].join('\n');
  });
}

test('idle timeout leaves no trace of the household', async ({ page }) => {
  test.setTimeout(IDLE_TIMEOUT_SECONDS * 6 * 1000);
  await page.goto(server.url);
  await expect(page.getByTestId('data-info')).toBeVisible();

  const household = chosenHousehold();
  const idNumber = household.idNumbers[0]!;
  const lookedUp = await lookUp(page, idNumber);
  await printStatement(page);
  await draftReport(page);

  // Strings that only this session put into the page. Masked names of one character and a star
  // are left out, because such a short text also occurs by chance.
  const traces: Record<string, string> = {
    'ID number': idNumber,
    'grand total': formatFenAsYuan(lookedUp.totalFen),
    'phone number': PHONE,
    'report text': TYPED.map((syllable) => syllable.character).join(''),
  };
  lookedUp.members.forEach((member, index) => {
    if (member.maskedName.length >= 3) traces[`member ${index} name`] = member.maskedName;
  });
  lookedUp.payments.slice(0, 5).forEach((payment, index) => (traces[`payment ${index} number`] = payment.paymentId));

  // 1. Before the timeout the heap contains every trace, so the check can see what it looks for.
  const before = await takeHeapSnapshot(page);
  expect(Object.keys(before.describeSurvivors(traces)).sort()).toEqual(Object.keys(traces).sort());

  // 2. The snapshot took part of the timeout, so a tap on the step's heading (no control) starts
  // it afresh. Then no touch: the warning shows, and the session is wiped.
  await page.getByTestId('report-progress').tap();
  await expect(page.getByRole('alertdialog')).toBeVisible({ timeout: IDLE_TIMEOUT_SECONDS * 1000 });
  await expect(page.locator('[data-tile="lookup"]')).toBeVisible({ timeout: IDLE_TIMEOUT_SECONDS * 1000 });
  await expect(page.getByRole('alertdialog')).toBeHidden();
  await expect(page.locator('.view-layer')).toHaveCount(1);

  // 3. The page: no trace in the markup, attributes or form values.
  const dom = await readDom(page);
  for (const [label, trace] of Object.entries(traces)) expect(dom.includes(trace), `${label} in the DOM`).toBe(false);

  // 4. The memory: no trace in any string the page can still reach, nor in a detached node.
  const after = await takeHeapSnapshot(page);
  expect(after.describeSurvivors(traces)).toEqual({});
  const detached = (await readDetachedDom(page)).join('\n');
  for (const [label, trace] of Object.entries(traces)) expect(detached.includes(trace), `${label} in a detached node`).toBe(false);
});
