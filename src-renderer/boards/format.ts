// Dates and amounts as a villager reads them. Dates in the data are YYYY-MM-DD, YYYY-MM or
// YYYY; Chinese shows 2024年3月5日, English 5 March 2024. Anything else is shown unchanged, so a
// surprising value is still visible instead of hidden.
import type { TFunction } from 'i18next';
import { formatFenAsYuan } from '../../src-shared/money.js';

const DATE = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/;

/** Formats a data date (YYYY-MM-DD, YYYY-MM or YYYY) for the screen language. */
export function formatDate(text: string, language: string): string {
  const match = DATE.exec(text.trim());
  if (!match) return text;

  const year = Number(match[1]);
  const month = match[2] === undefined ? null : Number(match[2]);
  const day = match[3] === undefined ? null : Number(match[3]);
  if (month !== null && (month < 1 || month > 12)) return text;
  if (day !== null && (day < 1 || day > 31)) return text;

  if (language.startsWith('zh')) {
    if (month === null) return `${year}年`;
    if (day === null) return `${year}年${month}月`;
    return `${year}年${month}月${day}日`;
  }

  if (month === null) return String(year);
  const monthName = new Intl.DateTimeFormat('en-GB', { month: 'long', timeZone: 'UTC' }).format(
    new Date(Date.UTC(2000, month - 1, 1)),
  );
  return day === null ? `${monthName} ${year}` : `${day} ${monthName} ${year}`;
}

/** Formats fen as "1,234.50 元" through the catalog. */
export function formatAmount(t: TFunction, fen: number): string {
  return t('boards.amount', { amount: formatFenAsYuan(fen) });
}

/** Formats a finance entry's amount with its direction in words and sign: "收入 +1,234.50 元". */
export function formatDirectedAmount(t: TFunction, direction: '收入' | '支出', fen: number): string {
  const amount = formatFenAsYuan(fen);
  return direction === '收入' ? t('boards.income', { amount }) : t('boards.expenditure', { amount });
}

/** Formats a decoded byte count as "12 KB" or "1.5 MB". */
export function formatSize(t: TFunction, bytes: number): string {
  if (bytes < 1024 * 1024) return t('boards.sizeKb', { size: Math.max(1, Math.round(bytes / 1024)) });
  return t('boards.sizeMb', { size: (bytes / (1024 * 1024)).toFixed(1) });
}
