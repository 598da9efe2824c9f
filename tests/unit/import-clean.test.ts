// The import's cell cleaners against the corpus of damaged cells in import-clean-cases.ts, plus
// properties every cleaner keeps: a clean value cleans to itself with no repairs.
import { describe, expect, it } from 'vitest';
import { fenToYuanText } from '../../src-shared/money.js';
import { catalogs } from '../../src-shared/messages/catalogs.js';
import { translatorFor } from '../../src-shared/messages/translator.js';
import { Random } from '../../src-main/publisher/demo-data/prng.js';
import { cleanAmount } from '../../src-main/publisher/import/clean-amount.js';
import { cleanDate } from '../../src-main/publisher/import/clean-date.js';
import { cleanIdNumber } from '../../src-main/publisher/import/clean-id-number.js';
import { cleanPeriod } from '../../src-main/publisher/import/clean-period.js';
import {
  REJECT_REASONS,
  REPAIR_KINDS,
  cleanContextAt,
  showHiddenCharacters,
} from '../../src-main/publisher/import/clean-result.js';
import type { Cleaned } from '../../src-main/publisher/import/clean-result.js';
import { cleanText } from '../../src-main/publisher/import/clean-text.js';
import { excelSerialToDate } from '../../src-main/publisher/import/excel-serial.js';
import { cellText } from '../../src-main/publisher/import/source-table.js';
import type { CellValue } from '../../src-main/publisher/import/source-table.js';
import { CELL_CASES, CLEAN_AT, text } from './import-clean-cases.js';
import type { CleanerName } from './import-clean-cases.js';

const context = cleanContextAt(CLEAN_AT);
const context1904 = cleanContextAt(CLEAN_AT, 1904);

function clean(cleaner: CleanerName, cell: CellValue): Cleaned<string | number> {
  switch (cleaner) {
    case 'text':
      return cleanText(cell);
    case 'idNumber':
      return cleanIdNumber(cell, context);
    case 'amount':
      return cleanAmount(cell);
    case 'signedAmount':
      return cleanAmount(cell, { allowNegative: true });
    case 'date':
      return cleanDate(cell, context);
    case 'date1904':
      return cleanDate(cell, context1904);
    case 'period':
      return cleanPeriod(cell, context);
  }
}

/** Writes a clean value as text, to be read again. */
function cleanValueText(value: string | number): string {
  return typeof value === 'number' ? fenToYuanText(value) : value;
}

describe('cell cleaners on the corpus', () => {
  for (const testCase of CELL_CASES) {
    it(`${testCase.cleaner}: ${testCase.name}`, () => {
      const result = clean(testCase.cleaner, testCase.cell);
      const expected = testCase.expected;

      if ('reason' in expected) {
        expect(result.ok, JSON.stringify(result)).toBe(false);
        if (result.ok) return;
        expect(result.reason).toBe(expected.reason);
        expect(result.value).toBe(cellText(testCase.cell));
        expect(result.params).toEqual(expected.params);
        return;
      }

      expect(result.ok, JSON.stringify(result)).toBe(true);
      if (!result.ok) return;
      expect(result.value).toBe(expected.value);
      const repairs = result.repairs.map((repair) => [repair.kind, repair.before, repair.after]);
      expect(repairs).toEqual(expected.repairs ?? []);
    });
  }
});

describe('cell cleaners on clean values', () => {
  for (const testCase of CELL_CASES) {
    if ('reason' in testCase.expected) continue;

    it(`${testCase.cleaner}: ${testCase.name} again`, () => {
      const first = clean(testCase.cleaner, testCase.cell);
      if (!first.ok) throw new Error(`corpus case failed: ${JSON.stringify(first)}`);

      const again = clean(testCase.cleaner, text(cleanValueText(first.value)));
      expect(again).toEqual({ ok: true, value: first.value, repairs: [] });
    });
  }

  it('text cleaning is idempotent on random dirty text', () => {
    const pieces = ['张', '三', '𠀀', 'a', 'Z', '1', ' ', '  ', '\u3000', '\u00a0', '\u200b', '\ufeff', '\t', '\n', '１', 'Ａ', '（', '，', '=', '"', '-'];
    const random = new Random(7, 'clean-text');

    for (let sample = 0; sample < 2000; sample += 1) {
      let dirty = '';
      const length = random.int(0, 12);
      for (let index = 0; index < length; index += 1) dirty += random.pick(pieces);

      const first = cleanText(text(dirty));
      if (!first.ok) throw new Error('cleanText rejected');
      const again = cleanText(text(first.value));
      expect(again, JSON.stringify(dirty)).toEqual({ ok: true, value: first.value, repairs: [] });
    }
  });

  it('amounts in fen read back exactly', () => {
    const random = new Random(11, 'clean-amount');
    for (let sample = 0; sample < 2000; sample += 1) {
      const fen = random.int(0, 1_000_000_000);
      const result = cleanAmount(text(fenToYuanText(fen)));
      expect(result).toEqual({ ok: true, value: fen, repairs: [] });
    }
  });
});

describe('corpus coverage', () => {
  it('exercises every repair kind', () => {
    const seen = new Set<string>();
    for (const testCase of CELL_CASES) {
      const expected = testCase.expected;
      if ('value' in expected) for (const [kind] of expected.repairs ?? []) seen.add(kind);
    }
    expect(REPAIR_KINDS.filter((kind) => !seen.has(kind))).toEqual([]);
  });

  it('exercises every rejection reason', () => {
    const seen = new Set(CELL_CASES.map((testCase) => ('reason' in testCase.expected ? testCase.expected.reason : '')));
    expect(REJECT_REASONS.filter((reason) => !seen.has(reason))).toEqual([]);
  });

  it('has a message for every repair and rejection', () => {
    for (const language of ['zh-CN', 'en'] as const) {
      const messages = catalogs[language].import as { repair: Record<string, string>; reject: Record<string, string> };
      expect(REPAIR_KINDS.filter((kind) => !messages.repair[kind]), language).toEqual([]);
      expect(REJECT_REASONS.filter((reason) => !messages.reject[reason]), language).toEqual([]);
    }
  });
});

describe('rejection messages', () => {
  for (const language of ['zh-CN', 'en'] as const) {
    it(`fill every placeholder in ${language}`, () => {
      const translate = translatorFor(language);
      for (const testCase of CELL_CASES) {
        const result = clean(testCase.cleaner, testCase.cell);
        if (result.ok) continue;

        const message = translate(`import:reject.${result.reason}`, { value: result.value, ...result.params });
        expect(message, testCase.name).not.toContain('{{');
        expect(message, testCase.name).not.toContain(`reject.${result.reason}`);
      }
    });
  }
});

describe('excelSerialToDate', () => {
  it('converts serials around the phantom leap day', () => {
    expect(excelSerialToDate(1)).toEqual({ ok: true, date: '1900-01-01', hadTime: false });
    expect(excelSerialToDate(59)).toEqual({ ok: true, date: '1900-02-28', hadTime: false });
    expect(excelSerialToDate(60)).toEqual({ ok: false, problem: 'phantom-leap-day' });
    expect(excelSerialToDate(61)).toEqual({ ok: true, date: '1900-03-01', hadTime: false });
  });

  it('converts the largest serial and rejects beyond it', () => {
    expect(excelSerialToDate(2_958_465)).toEqual({ ok: true, date: '9999-12-31', hadTime: false });
    expect(excelSerialToDate(2_958_466)).toEqual({ ok: false, problem: 'out-of-range' });
    expect(excelSerialToDate(0)).toEqual({ ok: false, problem: 'out-of-range' });
    expect(excelSerialToDate(Number.NaN)).toEqual({ ok: false, problem: 'out-of-range' });
  });

  it('flags a time of day', () => {
    expect(excelSerialToDate(45356.5)).toEqual({ ok: true, date: '2024-03-05', hadTime: true });
  });

  it('counts from 1904-01-01 in the 1904 system', () => {
    expect(excelSerialToDate(0, 1904)).toEqual({ ok: true, date: '1904-01-01', hadTime: false });
    expect(excelSerialToDate(2_957_003, 1904)).toEqual({ ok: true, date: '9999-12-31', hadTime: false });
    expect(excelSerialToDate(2_957_004, 1904)).toEqual({ ok: false, problem: 'out-of-range' });
  });
});

describe('showHiddenCharacters', () => {
  it('names invisible and unusual blank characters', () => {
    expect(showHiddenCharacters('张\u200b三\u3000\u00a0')).toBe('张<U+200B>三<U+3000><U+00A0>');
  });

  it('keeps ordinary text and spaces', () => {
    expect(showHiddenCharacters('张 三 ab')).toBe('张 三 ab');
  });
});
