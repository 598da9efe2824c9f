// The 一键举报 flow as a pure state machine: five editing steps (category, record, what
// happened, phone, review), or four from the home menu where there is no record to ask about,
// then submitting and the receipt. The draft exists only in this state, which the screen keeps
// in React state, so "done" and the idle timeout wipe it with the rest of the session. A failed
// submit returns to the review step with the draft untouched.
import { PHONE_PATTERN, REPORT_TEXT_MAX, ReportDraftSchema } from '../../src-shared/reports-api.js';
import type { ReportCategory, ReportDraft, ReportedRecord, ReportReceipt } from '../../src-shared/reports-api.js';
import type { Language } from '../../src-shared/kiosk-api.js';

export const REPORT_STEPS = ['category', 'record', 'text', 'phone', 'review'] as const;
export type ReportStep = (typeof REPORT_STEPS)[number];

const STEPS_WITHOUT_RECORD: readonly ReportStep[] = REPORT_STEPS.filter((step) => step !== 'record');

/** A landline with its area code has at most 12 digits, a mobile number 11. */
export const PHONE_MAX_DIGITS = 12;

/**
 * Reason the last submit did not file the report, which the screen names in plain words.
 * 'rejected' means the host did not accept the draft, for example a text with no visible character.
 */
export type SubmitProblem = 'not-configured' | 'storage-failed' | 'rejected' | 'unavailable';

export interface ReportFields {
  category: ReportCategory | null;
  /** The record the flow was started from, or null when it was opened from the home menu. */
  startRecord: ReportedRecord | null;
  /** True when the report is about startRecord. False means 不针对具体记录. */
  aboutRecord: boolean;
  text: string;
  /** Digits typed on the keypad; empty means no phone number. */
  phone: string;
  consent: boolean;
}

export type ReportFlowState =
  | {
      phase: 'editing';
      step: ReportStep;
      fields: ReportFields;
      problem: SubmitProblem | null;
      /** Set when 下一步 was tapped on this step with invalid input, so its problem shows in full. */
      nextTried: boolean;
    }
  | { phase: 'submitting'; fields: ReportFields }
  | { phase: 'filed'; receipt: ReportReceipt; draft: ReportDraft };

type EditingState = Extract<ReportFlowState, { phase: 'editing' }>;

export function startReportFlow(record: ReportedRecord | null): ReportFlowState {
  return {
    phase: 'editing',
    step: 'category',
    fields: { category: null, startRecord: record, aboutRecord: record !== null, text: '', phone: '', consent: false },
    problem: null,
    nextTried: false,
  };
}

/** The steps of a flow: without a record to start from, there is no record step to ask. */
export function stepsOf(fields: Pick<ReportFields, 'startRecord'>): readonly ReportStep[] {
  return fields.startRecord === null ? STEPS_WITHOUT_RECORD : REPORT_STEPS;
}

/** The 1-based number of an editing step among the flow's steps, for "第 2 步，共 5 步". */
export function stepNumber(step: ReportStep, fields: Pick<ReportFields, 'startRecord'>): number {
  return stepsOf(fields).indexOf(step) + 1;
}

export type TextProblem = { kind: 'empty' } | { kind: 'too-long'; length: number };

export function checkReportText(text: string): TextProblem | null {
  if (text.trim().length === 0) return { kind: 'empty' };
  if (text.length > REPORT_TEXT_MAX) return { kind: 'too-long', length: text.length };
  return null;
}

export type PhoneProblem =
  | { kind: 'invalid-start' }
  | { kind: 'invalid-mobile-prefix' }
  | { kind: 'invalid-area-code' }
  | { kind: 'invalid-mobile-length'; typed: number }
  | { kind: 'invalid-landline-length'; typed: number };

/**
 * Checks the typed phone number against PHONE_PATTERN and names what is wrong: a mobile number
 * is 11 digits from 13 to 19, a landline 9 to 12 digits with its area code (0 and then 1 to 9).
 * An empty number is allowed, because the phone number is optional.
 */
export function checkPhone(phone: string): PhoneProblem | null {
  if (phone === '' || PHONE_PATTERN.test(phone)) return null;

  if (phone.startsWith('1')) {
    if (phone.length >= 2 && !/^1[3-9]/.test(phone)) return { kind: 'invalid-mobile-prefix' };
    return { kind: 'invalid-mobile-length', typed: phone.length };
  }
  if (phone.startsWith('0')) {
    if (phone.length >= 2 && !/^0[1-9]/.test(phone)) return { kind: 'invalid-area-code' };
    return { kind: 'invalid-landline-length', typed: phone.length };
  }
  return { kind: 'invalid-start' };
}

/**
 * True when a phone problem should show while the villager is still typing. A wrong prefix
 * shows at once, because no further digit can fix it. A length problem waits until the number
 * is as long as it can be (11 digits for a mobile, PHONE_MAX_DIGITS for a landline), so a
 * half-typed number draws no warning.
 */
export function showsPhoneProblemWhileTyping(phone: string, problem: PhoneProblem): boolean {
  if (problem.kind !== 'invalid-mobile-length' && problem.kind !== 'invalid-landline-length') return true;
  return phone.length >= (phone.startsWith('1') ? 11 : PHONE_MAX_DIGITS);
}

export type DigitKey = '0' | '1' | '2' | '3' | '4' | '5' | '6' | '7' | '8' | '9' | 'backspace' | 'clear';

/** Applies one keypad key to a digit string of at most maxDigits; extra digits are ignored. */
export function applyDigitKey(input: string, key: DigitKey, maxDigits: number): string {
  if (key === 'backspace') return input.slice(0, -1);
  if (key === 'clear') return '';
  if (input.length >= maxDigits) return input;
  return input + key;
}

/**
 * Appends a quick phrase (金额不对, 没有收到 ...) to the text, after a comma unless the text is
 * empty or already ends in punctuation, and within REPORT_TEXT_MAX.
 */
export function appendPhrase(text: string, phrase: string, comma: string): string {
  const trimmed = text.trimEnd();
  const separator = trimmed === '' || /[，。！？、,.!?;；]$/.test(trimmed) ? '' : comma;
  const joined = trimmed + separator + phrase;
  return joined.length > REPORT_TEXT_MAX ? text : joined;
}

/** The record a report is about as the review screen shows it and the draft carries it. */
export function reportedRecordOf(fields: ReportFields): ReportedRecord | null {
  return fields.aboutRecord ? fields.startRecord : null;
}

/**
 * Builds the draft the host files, or null while a field is still missing or invalid. The
 * region is the record's, else the session's region.
 */
export function buildDraft(fields: ReportFields, sessionRegionCode: string, language: Language): ReportDraft | null {
  const record = reportedRecordOf(fields);
  const candidate = {
    category: fields.category,
    record,
    regionCode: record?.regionCode ?? sessionRegionCode,
    text: fields.text.trim(),
    phone: fields.phone === '' ? null : fields.phone,
    consent: fields.consent,
    language,
  };
  const parsed = ReportDraftSchema.safeParse(candidate);
  return parsed.success ? parsed.data : null;
}

export type ReportFlowAction =
  | { type: 'pick-category'; category: ReportCategory }
  | { type: 'choose-record'; aboutRecord: boolean }
  | { type: 'set-text'; text: string }
  | { type: 'phone-key'; key: DigitKey }
  | { type: 'set-consent'; consent: boolean }
  | { type: 'next' }
  | { type: 'back' }
  | { type: 'submit-started' }
  | { type: 'submit-failed'; problem: SubmitProblem }
  | { type: 'filed'; receipt: ReportReceipt; draft: ReportDraft };

/** True when the step's input lets the villager go on to the next step. */
export function canLeaveStep(step: ReportStep, fields: ReportFields): boolean {
  switch (step) {
    case 'category':
      return fields.category !== null;
    case 'record':
      return true;
    case 'text':
      return checkReportText(fields.text) === null;
    case 'phone':
      return checkPhone(fields.phone) === null;
    case 'review':
      return fields.consent && fields.category !== null && checkReportText(fields.text) === null && checkPhone(fields.phone) === null;
  }
}

function editing(state: ReportFlowState): EditingState | null {
  return state.phase === 'editing' ? state : null;
}

function withFields(state: EditingState, change: Partial<ReportFields>): EditingState {
  return { ...state, fields: { ...state.fields, ...change }, problem: null };
}

function moveTo(state: EditingState, offset: 1 | -1): EditingState {
  const steps = stepsOf(state.fields);
  const step = steps[steps.indexOf(state.step) + offset];
  return step === undefined ? state : { ...state, step, problem: null, nextTried: false };
}

/**
 * Applies one action. Actions that do not fit the phase (a key press while submitting, "next"
 * on a step whose input is invalid) leave the state as it is; "back" on the first step is the
 * screen's to handle, because it leaves the flow.
 */
export function reduceReportFlow(state: ReportFlowState, action: ReportFlowAction): ReportFlowState {
  switch (action.type) {
    case 'submit-failed':
      return state.phase === 'submitting' ? { phase: 'editing', step: 'review', fields: state.fields, problem: action.problem, nextTried: false } : state;
    case 'filed':
      return state.phase === 'submitting' ? { phase: 'filed', receipt: action.receipt, draft: action.draft } : state;
    default:
      break;
  }

  const current = editing(state);
  if (!current) return state;

  switch (action.type) {
    case 'pick-category':
      // Picking is the answer to the first step, so it moves on at once: one tap, not two.
      return moveTo(withFields(current, { category: action.category }), 1);
    case 'choose-record':
      return moveTo(withFields(current, { aboutRecord: action.aboutRecord && current.fields.startRecord !== null }), 1);
    case 'set-text':
      return withFields(current, { text: action.text.slice(0, REPORT_TEXT_MAX) });
    case 'phone-key':
      return withFields(current, { phone: applyDigitKey(current.fields.phone, action.key, PHONE_MAX_DIGITS) });
    case 'set-consent':
      return withFields(current, { consent: action.consent });
    case 'next':
      if (current.step === 'review') return current;
      if (!canLeaveStep(current.step, current.fields)) return { ...current, nextTried: true };
      return moveTo(current, 1);
    case 'back':
      return moveTo(current, -1);
    case 'submit-started':
      if (current.step !== 'review' || !canLeaveStep('review', current.fields)) return current;
      return { phase: 'submitting', fields: current.fields };
  }
}
