// Words for the values of the reporting screens. Every key is a literal, so the catalog test
// can check that both languages have it.
import type { TFunction } from 'i18next';
import type { CaseNumberProblem } from '../../src-shared/case-number.js';
import type { CaseStage, ReportCategory } from '../../src-shared/reports-api.js';
import type { PhoneProblem, SubmitProblem } from './report-flow.js';

export function categoryLabel(t: TFunction, category: ReportCategory): string {
  switch (category) {
    case 'payment-wrong':
      return t('reporting.category.paymentWrong');
    case 'payment-missing':
      return t('reporting.category.paymentMissing');
    case 'project':
      return t('reporting.category.project');
    case 'finance':
      return t('reporting.category.finance');
    case 'conduct':
      return t('reporting.category.conduct');
    case 'other':
      return t('reporting.category.other');
  }
}

/** Quick phrases on the "what happened" step, for villagers who read and write little. */
export const QUICK_PHRASES = ['amountWrong', 'notReceived', 'listWrong', 'paidLate', 'projectUnfinished', 'accountsUnclear', 'askedForMoney'] as const;
export type QuickPhrase = (typeof QUICK_PHRASES)[number];

export function phraseLabel(t: TFunction, phrase: QuickPhrase): string {
  switch (phrase) {
    case 'amountWrong':
      return t('reporting.phrase.amountWrong');
    case 'notReceived':
      return t('reporting.phrase.notReceived');
    case 'listWrong':
      return t('reporting.phrase.listWrong');
    case 'paidLate':
      return t('reporting.phrase.paidLate');
    case 'projectUnfinished':
      return t('reporting.phrase.projectUnfinished');
    case 'accountsUnclear':
      return t('reporting.phrase.accountsUnclear');
    case 'askedForMoney':
      return t('reporting.phrase.askedForMoney');
  }
}

export function phoneProblemText(t: TFunction, problem: PhoneProblem): string {
  switch (problem.kind) {
    case 'invalid-start':
      return t('reporting.phone.invalidStart');
    case 'invalid-mobile-prefix':
      return t('reporting.phone.invalidMobilePrefix');
    case 'invalid-area-code':
      return t('reporting.phone.invalidAreaCode');
    case 'invalid-mobile-length':
      return t('reporting.phone.invalidMobileLength', { typed: problem.typed });
    case 'invalid-landline-length':
      return t('reporting.phone.invalidLandlineLength', { typed: problem.typed });
  }
}

export function submitProblemText(t: TFunction, problem: SubmitProblem): { title: string; hint: string } {
  switch (problem) {
    case 'not-configured':
      return { title: t('reporting.submit.notConfiguredTitle'), hint: t('reporting.submit.notConfiguredHint') };
    case 'storage-failed':
      return { title: t('reporting.submit.storageFailedTitle'), hint: t('reporting.submit.storageFailedHint') };
    case 'rejected':
      return { title: t('reporting.submit.rejectedTitle'), hint: t('reporting.submit.rejectedHint') };
    case 'unavailable':
      return { title: t('reporting.submit.unavailableTitle'), hint: t('reporting.submit.unavailableHint') };
  }
}

export function stageLabel(t: TFunction, stage: CaseStage): string {
  switch (stage) {
    case 'received':
      return t('reporting.stage.received');
    case 'investigating':
      return t('reporting.stage.investigating');
    case 'replied':
      return t('reporting.stage.replied');
    case 'closed':
      return t('reporting.stage.closed');
  }
}

export function caseProblemText(t: TFunction, problem: CaseNumberProblem, typed: number): string {
  switch (problem) {
    case 'empty':
      return t('reporting.track.empty');
    case 'invalid-characters':
      return t('reporting.track.invalidCharacters');
    case 'invalid-length':
      return t('reporting.track.invalidLength', { typed });
    case 'invalid-checksum':
      return t('reporting.track.invalidChecksum');
    case 'invalid-date':
      return t('reporting.track.invalidDate');
  }
}
