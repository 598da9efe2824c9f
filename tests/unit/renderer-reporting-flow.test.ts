// The 一键举报 flow's state machine and input checks, without a screen.
import { describe, expect, it } from 'vitest';
import { PHONE_PATTERN, REPORT_TEXT_MAX } from '../../src-shared/reports-api.js';
import type { ReportedRecord } from '../../src-shared/reports-api.js';
import {
  appendPhrase,
  applyDigitKey,
  buildDraft,
  checkPhone,
  checkReportText,
  reduceReportFlow,
  startReportFlow,
  stepNumber,
  stepsOf,
  showsPhoneProblemWhileTyping,
} from '../../src-renderer/reporting/report-flow.js';
import type { ReportFlowAction, ReportFlowState } from '../../src-renderer/reporting/report-flow.js';
import keyboardEn from '../../src-renderer/i18n/keyboard/en.js';
import reportingEn from '../../src-renderer/i18n/reporting/en.js';

const RECORD: ReportedRecord = { kind: 'payment', id: 'P2025000123', regionCode: '430124101201', label: '耕地地力保护补贴 2025 123.40 元' };
const RECEIPT = { caseNumber: '25070133333333', filedAt: '2025-07-01T09:30:00.000Z', terminalId: 't', trackUrl: null };

function run(state: ReportFlowState, actions: ReportFlowAction[]): ReportFlowState {
  return actions.reduce(reduceReportFlow, state);
}

/** Returns the state's editing phase, failing the test when the flow is in another phase. */
function editingState(state: ReportFlowState): Extract<ReportFlowState, { phase: 'editing' }> {
  if (state.phase !== 'editing') throw new Error(`expected the editing phase, got ${state.phase}`);
  return state;
}

function stepOf(state: ReportFlowState): string {
  return state.phase === 'editing' ? state.step : state.phase;
}

const TO_REVIEW: ReportFlowAction[] = [
  { type: 'pick-category', category: 'payment-wrong' },
  { type: 'choose-record', aboutRecord: true },
  { type: 'set-text', text: '金额不对' },
  { type: 'next' },
  { type: 'phone-key', key: '1' },
  { type: 'phone-key', key: '3' },
  ...'800138000'.split('').map((key) => ({ type: 'phone-key', key }) as ReportFlowAction),
  { type: 'next' },
];

describe('checkPhone', () => {
  it.each([
    ['', null],
    ['13800138000', null],
    ['07312345678', null],
    ['0731234567', null],
    ['010123456', null],
    ['073112345678', null],
    ['1380013800', { kind: 'invalid-mobile-length', typed: 10 }],
    ['138001380001', { kind: 'invalid-mobile-length', typed: 12 }],
    ['12800138000', { kind: 'invalid-mobile-prefix' }],
    ['11111111111', { kind: 'invalid-mobile-prefix' }],
    ['00000000000', { kind: 'invalid-area-code' }],
    ['0012345678', { kind: 'invalid-area-code' }],
    ['07312345', { kind: 'invalid-landline-length', typed: 8 }],
    ['88123456', { kind: 'invalid-start' }],
  ])('reads %s', (phone, expected) => {
    expect(checkPhone(phone)).toEqual(expected);
  });

  it('agrees with PHONE_PATTERN', () => {
    for (const phone of ['13800138000', '19912345678', '0731234567', '073112345678', '010123456', '12345', '1', '00000000000', '000000000000', '0012345678']) {
      expect(checkPhone(phone) === null).toBe(PHONE_PATTERN.test(phone));
    }
  });
});

describe('showsPhoneProblemWhileTyping', () => {
  it('waits while a mobile number is short', () => {
    expect(showsPhoneProblemWhileTyping('1', { kind: 'invalid-mobile-length', typed: 1 })).toBe(false);
    expect(showsPhoneProblemWhileTyping('1380013800', { kind: 'invalid-mobile-length', typed: 10 })).toBe(false);
  });

  it('shows a mobile number past 11 digits', () => {
    expect(showsPhoneProblemWhileTyping('138001380001', { kind: 'invalid-mobile-length', typed: 12 })).toBe(true);
  });

  it('waits while a landline is short', () => {
    expect(showsPhoneProblemWhileTyping('0731', { kind: 'invalid-landline-length', typed: 4 })).toBe(false);
  });

  it('shows a wrong prefix at once', () => {
    expect(showsPhoneProblemWhileTyping('8', { kind: 'invalid-start' })).toBe(true);
    expect(showsPhoneProblemWhileTyping('12', { kind: 'invalid-mobile-prefix' })).toBe(true);
    expect(showsPhoneProblemWhileTyping('00', { kind: 'invalid-area-code' })).toBe(true);
  });
});

describe('report text', () => {
  it('rejects blank text', () => {
    expect(checkReportText('  \n ')).toEqual({ kind: 'empty' });
  });

  it('rejects text over the maximum', () => {
    expect(checkReportText('字'.repeat(REPORT_TEXT_MAX + 1))).toEqual({ kind: 'too-long', length: REPORT_TEXT_MAX + 1 });
  });

  it('appends phrases with a comma', () => {
    expect(appendPhrase('', '金额不对', '，')).toBe('金额不对');
    expect(appendPhrase('金额不对', '没有收到', '，')).toBe('金额不对，没有收到');
    expect(appendPhrase('金额不对。', '没有收到', '，')).toBe('金额不对。没有收到');
  });

  it('keeps text that a phrase would overfill', () => {
    const full = '字'.repeat(REPORT_TEXT_MAX - 2);
    expect(appendPhrase(full, '金额不对', '，')).toBe(full);
  });
});

describe('applyDigitKey', () => {
  it('stops at the maximum', () => {
    expect(applyDigitKey('12', '3', 2)).toBe('12');
  });

  it('deletes and clears', () => {
    expect(applyDigitKey('123', 'backspace', 5)).toBe('12');
    expect(applyDigitKey('123', 'clear', 5)).toBe('');
  });
});

describe('report flow', () => {
  it('counts five steps from a record', () => {
    const fields = editingState(startReportFlow(RECORD)).fields;
    expect(stepsOf(fields)).toHaveLength(5);
    expect(stepNumber('category', fields)).toBe(1);
    expect(stepNumber('review', fields)).toBe(5);
  });

  it('counts four steps from home', () => {
    const fields = editingState(startReportFlow(null)).fields;
    expect(stepsOf(fields)).toEqual(['category', 'text', 'phone', 'review']);
    expect(stepNumber('text', fields)).toBe(2);
    expect(stepNumber('review', fields)).toBe(4);
  });

  it('skips the record step from home', () => {
    const picked = run(startReportFlow(null), [{ type: 'pick-category', category: 'other' }]);
    expect(stepOf(picked)).toBe('text');
    expect(stepOf(reduceReportFlow(picked, { type: 'back' }))).toBe('category');
  });

  it('walks from category to review', () => {
    const state = run(startReportFlow(RECORD), TO_REVIEW);
    expect(stepOf(state)).toBe('review');
    expect(editingState(state).fields.phone).toBe('13800138000');
  });

  it('stays on the text step while blank', () => {
    const state = run(startReportFlow(null), [
      { type: 'pick-category', category: 'other' },
      { type: 'set-text', text: '   ' },
      { type: 'next' },
    ]);
    expect(stepOf(state)).toBe('text');
  });

  it('stays on the phone step while invalid', () => {
    const state = run(startReportFlow(null), [
      { type: 'pick-category', category: 'other' },
      { type: 'set-text', text: '没有收到' },
      { type: 'next' },
      { type: 'phone-key', key: '8' },
    ]);
    expect(editingState(state).nextTried).toBe(false);

    const tried = reduceReportFlow(state, { type: 'next' });
    expect(stepOf(tried)).toBe('phone');
    expect(editingState(tried).nextTried).toBe(true);
  });

  it('needs consent to submit', () => {
    const state = run(startReportFlow(RECORD), [...TO_REVIEW, { type: 'submit-started' }]);
    expect(stepOf(state)).toBe('review');
    expect(run(state, [{ type: 'set-consent', consent: true }, { type: 'submit-started' }]).phase).toBe('submitting');
  });

  it('keeps the draft after a failed submit', () => {
    const submitting = run(startReportFlow(RECORD), [...TO_REVIEW, { type: 'set-consent', consent: true }, { type: 'submit-started' }]);
    const failed = reduceReportFlow(submitting, { type: 'submit-failed', problem: 'storage-failed' });

    if (submitting.phase !== 'submitting') throw new Error(`expected the submitting phase, got ${submitting.phase}`);
    expect(editingState(failed).step).toBe('review');
    expect(editingState(failed).problem).toBe('storage-failed');
    expect(editingState(failed).fields).toEqual(submitting.fields);
  });

  it('ignores keys while submitting', () => {
    const submitting = run(startReportFlow(RECORD), [...TO_REVIEW, { type: 'set-consent', consent: true }, { type: 'submit-started' }]);
    expect(reduceReportFlow(submitting, { type: 'phone-key', key: '9' })).toBe(submitting);
    expect(reduceReportFlow(submitting, { type: 'back' })).toBe(submitting);
  });

  it('shows the receipt after filing', () => {
    const submitting = run(startReportFlow(RECORD), [...TO_REVIEW, { type: 'set-consent', consent: true }, { type: 'submit-started' }]);
    if (submitting.phase !== 'submitting') throw new Error(`expected the submitting phase, got ${submitting.phase}`);
    const draft = buildDraft(submitting.fields, '430124', 'zh-CN');
    expect(draft).not.toBeNull();

    const filed = reduceReportFlow(submitting, { type: 'filed', receipt: RECEIPT, draft: draft! });
    expect(filed.phase).toBe('filed');
  });

  it('goes back one step at a time', () => {
    const state = run(startReportFlow(RECORD), [...TO_REVIEW, { type: 'back' }, { type: 'back' }]);
    expect(stepOf(state)).toBe('text');
    expect(editingState(state).fields.text).toBe('金额不对');
  });

  it('drops a record the villager declined', () => {
    const state = run(startReportFlow(RECORD), [{ type: 'pick-category', category: 'conduct' }, { type: 'choose-record', aboutRecord: false }]);
    expect(editingState(state).fields.aboutRecord).toBe(false);
  });
});

describe('buildDraft', () => {
  const fields = { category: 'payment-wrong' as const, startRecord: RECORD, aboutRecord: true, text: ' 金额不对 ', phone: '', consent: true };

  it('files under the record region', () => {
    const draft = buildDraft(fields, '430124', 'zh-CN');
    expect(draft).toEqual({
      category: 'payment-wrong',
      record: RECORD,
      regionCode: '430124101201',
      text: '金额不对',
      phone: null,
      consent: true,
      language: 'zh-CN',
    });
  });

  it('files under the session region without a record', () => {
    const draft = buildDraft({ ...fields, aboutRecord: false }, '430124102', 'en');
    expect(draft?.record).toBeNull();
    expect(draft?.regionCode).toBe('430124102');
  });

  it('returns null without consent', () => {
    expect(buildDraft({ ...fields, consent: false }, '430124', 'zh-CN')).toBeNull();
  });

  it('returns null for an invalid phone', () => {
    expect(buildDraft({ ...fields, phone: '1380013' }, '430124', 'zh-CN')).toBeNull();
  });
});

/** Every string of a catalog with its dotted key. */
function catalogStrings(catalog: object, prefix = ''): [string, string][] {
  return Object.entries(catalog).flatMap(([key, value]): [string, string][] =>
    typeof value === 'string' ? [[prefix + key, value]] : catalogStrings(value as object, `${prefix}${key}.`),
  );
}

describe('English texts', () => {
  // A CJK font draws these full width, which leaves wide gaps in English text.
  const FULL_WIDTH = /[“”‘’，。？！：；（）]/;

  it.each([
    ['reporting', reportingEn],
    ['keyboard', keyboardEn],
  ])('%s has no full-width punctuation', (_name, catalog) => {
    expect(catalogStrings(catalog).filter(([, text]) => FULL_WIDTH.test(text))).toEqual([]);
  });

  it('states that the receipt waits to be sent', () => {
    expect(reportingEn.receipt.heading).toContain('filed');
    expect(reportingEn.receipt.heading).toContain('sent when the terminal is online');
  });
});
