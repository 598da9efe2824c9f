// The household statement (补贴明细单): where the household is, its members with masked names,
// its payments grouped by year and then by subsidy item with subtotals, and the grand total.
// The household record carries no ID number, bank account or phone number, so none can be
// printed. The host reads it from the installed snapshot, where names are stored masked.
import type { Household, Payment } from '../../../src-shared/kiosk-api.js';
import type { Translate } from '../../../src-shared/messages/translator.js';
import { formatFenAsYuan } from '../../../src-shared/money.js';
import { RELATION_KEYS } from '../../../src-shared/relation.js';
import { buildRegionReportUrl } from '../../../src-shared/report-url.js';
import type { PrintLayout } from '../../../src-shared/reports-api.js';
import { escapeHtml } from './html.js';
import { pageFooter, qrBlock } from './page-parts.js';
import type { PrintContext } from './print-job.js';

export interface ItemGroup {
  itemCode: string;
  itemName: string;
  payments: Payment[];
  subtotalFen: number;
}

export interface YearGroup {
  /** The year of paidOn ("2024"). */
  year: string;
  items: ItemGroup[];
  totalFen: number;
}

/**
 * Groups payments by the year they were paid, newest year first, then by subsidy item in the
 * order the items first appear. Payments keep their given order inside an item.
 */
export function groupPayments(payments: readonly Payment[]): YearGroup[] {
  const years = new Map<string, Map<string, ItemGroup>>();

  for (const payment of payments) {
    const year = payment.paidOn.slice(0, 4);
    let items = years.get(year);
    if (!items) {
      items = new Map();
      years.set(year, items);
    }

    let item = items.get(payment.itemCode);
    if (!item) {
      item = { itemCode: payment.itemCode, itemName: payment.itemName, payments: [], subtotalFen: 0 };
      items.set(payment.itemCode, item);
    }
    item.payments.push(payment);
    item.subtotalFen += payment.amountFen;
  }

  return [...years.entries()]
    .sort(([a], [b]) => b.localeCompare(a))
    .map(([year, items]) => {
      const itemList = [...items.values()];
      const totalFen = itemList.reduce((sum, item) => sum + item.subtotalFen, 0);
      return { year, items: itemList, totalFen };
    });
}

function relationText(t: Translate, relation: string): string {
  const key = RELATION_KEYS[relation];
  return key ? t(`query:relation.${key}`) : relation;
}

function cell(text: string, className?: string): string {
  return className ? `<td class="${className}">${escapeHtml(text)}</td>` : `<td>${escapeHtml(text)}</td>`;
}

function a4Payments(t: Translate, groups: YearGroup[]): string {
  const header = [
    t('print:statement.paidOn'),
    t('print:statement.period'),
    t('print:statement.recipient'),
    t('print:statement.department'),
  ]
    .map((title) => `<th>${escapeHtml(title)}</th>`)
    .join('');
  // Fixed column widths keep the amount column on the page whatever the other cells contain, and
  // the heading row sits in <thead>, so Chromium repeats it at the top of every page.
  const columns = '<colgroup><col class="paid-on"><col class="period"><col class="recipient"><col><col class="amount"></colgroup>';
  const head = `<thead><tr>${header}<th class="amount">${escapeHtml(t('print:statement.amount'))}</th></tr></thead>`;
  const rows: string[] = [];

  for (const year of groups) {
    for (const item of year.items) {
      rows.push(`<tr class="item"><td colspan="5" class="label">${escapeHtml(`${year.year} ${item.itemName}`)}</td></tr>`);
      for (const payment of item.payments) {
        rows.push(
          '<tr>' +
            cell(payment.paidOn, 'number') +
            cell(payment.period, 'number') +
            cell(payment.recipientMaskedName) +
            cell(payment.department) +
            cell(formatFenAsYuan(payment.amountFen), 'amount') +
            '</tr>',
        );
      }
      const subtotal = t('print:statement.itemSubtotal', { item: item.itemName });
      rows.push(`<tr class="subtotal"><td colspan="4">${escapeHtml(subtotal)}</td>${cell(formatFenAsYuan(item.subtotalFen), 'amount')}</tr>`);
    }
    const yearTotal = t('print:statement.yearTotal', { year: year.year });
    rows.push(`<tr class="year-total"><td colspan="4">${escapeHtml(yearTotal)}</td>${cell(formatFenAsYuan(year.totalFen), 'amount')}</tr>`);
  }
  return `<table class="payments">${columns}${head}<tbody>${rows.join('\n')}</tbody></table>`;
}

function spread(className: string, left: string, right: string): string {
  return `<div class="${className}"><span>${escapeHtml(left)}</span><span class="amount">${escapeHtml(right)}</span></div>`;
}

// On the 72 mm roll each payment takes two lines, because five columns do not fit across. The
// roll has no column heading to name the unit, so every amount carries it.
function receiptPayments(t: Translate, groups: YearGroup[]): string {
  const yuan = (fen: number) => t('print:statement.amountYuan', { amount: formatFenAsYuan(fen) });
  const blocks: string[] = [];

  for (const year of groups) {
    for (const item of year.items) {
      blocks.push(`<h2>${escapeHtml(`${year.year} ${item.itemName}`)}</h2>`);
      for (const payment of item.payments) {
        const first = `<div class="line"><span class="number">${escapeHtml(payment.paidOn)}</span><span class="amount">${escapeHtml(yuan(payment.amountFen))}</span></div>`;
        const second = `<div class="line"><span>${escapeHtml(`${payment.recipientMaskedName} ${payment.period}`)}</span><span>${escapeHtml(payment.department)}</span></div>`;
        blocks.push(`<div class="entry">${first}${second}</div>`);
      }
      blocks.push(spread('subtotal', t('print:statement.itemSubtotal', { item: item.itemName }), yuan(item.subtotalFen)));
    }
    blocks.push(spread('year-total', t('print:statement.yearTotal', { year: year.year }), yuan(year.totalFen)));
  }
  return blocks.join('\n');
}

/** Renders the body of a household statement. */
export function statementBody(t: Translate, household: Household, context: PrintContext, layout: PrintLayout): string {
  const region = t('print:statement.region', {
    county: household.countyName,
    township: household.townshipName,
    village: household.villageName,
  });
  const members = household.members
    .map((member) => `<li>${escapeHtml(t('print:statement.member', { name: member.maskedName, relation: relationText(t, member.relation) }))}</li>`)
    .join('');

  const groups = groupPayments(household.payments);
  // The total is summed here from the printed rows, so the page always adds up.
  const totalFen = groups.reduce((sum, year) => sum + year.totalFen, 0);

  const parts = [
    `<h1>${escapeHtml(t('print:statement.title'))}</h1>`,
    `<p class="label">${escapeHtml(region)}</p>`,
    `<p>${escapeHtml(t('print:statement.regionCode', { code: household.villageCode }))}</p>`,
    `<h2>${escapeHtml(t('print:statement.members'))}</h2>`,
    `<ul class="members">${members}</ul>`,
    `<p class="muted">${escapeHtml(t('print:statement.maskedNote'))}</p>`,
    `<h2>${escapeHtml(t('print:statement.payments'))}</h2>`,
  ];

  if (groups.length === 0) {
    parts.push(`<p>${escapeHtml(t('print:statement.noPayments'))}</p>`);
  } else {
    parts.push(layout === 'a4' ? a4Payments(t, groups) : receiptPayments(t, groups));
    const total = layout === 'a4' ? formatFenAsYuan(totalFen) : t('print:statement.amountYuan', { amount: formatFenAsYuan(totalFen) });
    parts.push(spread('grand-total', t('print:statement.grandTotalCount', { count: household.payments.length }), total));
  }

  if (context.reportUrl !== null) {
    const url = buildRegionReportUrl(context.reportUrl, household.villageCode, context.terminalId);
    parts.push(qrBlock(url, [t('print:reportQr')]));
  }
  parts.push(pageFooter(t, context));
  return parts.join('\n');
}
