// The 一键举报 flow: one question per screen with the step count ("第 2 步，共 5 步") and a back
// button on every step, then the receipt. The receipt offers only 完成, because going back cannot
// undo a filed report and would lose its case number. The draft exists only in this component's
// state, so leaving the flow, "done" and the idle timeout (which unmounts every view) discard it.
// A failed submit keeps every field and shows what went wrong on the review step.
import { useCallback, useEffect, useReducer, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import type { KioskApi, KioskSettings } from '../../src-shared/kiosk-api.js';
import type { ReportedRecord } from '../../src-shared/reports-api.js';
import { RequestRejectedError } from '../api/kiosk-client.js';
import { BackButton, DoneButton } from '../components/BackDoneButtons.js';
import { buildDraft, canLeaveStep, reduceReportFlow, startReportFlow, stepNumber, stepsOf } from './report-flow.js';
import type { ReportStep, SubmitProblem } from './report-flow.js';
import { ReceiptView, ReviewStep } from './ReportReview.js';
import { CategoryStep, PhoneStep, RecordStep, TextStep } from './ReportSteps.js';
import '../styles/reporting.css';

export interface ReportFlowScreenProps {
  api: Pick<KioskApi, 'fileReport' | 'suggestTerms' | 'print'>;
  settings: KioskSettings;
  /** The record the villager started from, or null from the home menu's 我要举报. */
  record: ReportedRecord | null;
  /** The session's region, which a report about no record is filed under. */
  regionCode: string;
  /** Leaves the flow by back from the first step. */
  onExit(): void;
  onDone(): void;
  /** Called with true while a draft is open (not yet filed), and with false once it is filed or the flow closes. */
  onDraftOpenChange?(open: boolean): void;
}

function stepHeading(t: TFunction, step: ReportStep): string {
  switch (step) {
    case 'category':
      return t('reporting.step.category');
    case 'record':
      return t('reporting.step.record');
    case 'text':
      return t('reporting.step.text');
    case 'phone':
      return t('reporting.step.phone');
    case 'review':
      return t('reporting.step.review');
  }
}

export function ReportFlowScreen({ api, settings, record, regionCode, onExit, onDone, onDraftOpenChange }: ReportFlowScreenProps) {
  const { t, i18n } = useTranslation();
  const [state, dispatch] = useReducer(reduceReportFlow, record, startReportFlow);
  // The flow is mounted once per visit; a result that arrives after it was left is dropped.
  const mounted = useRef(true);
  // Set by the first click, before React re-renders: clicks that arrive in the same task still
  // see the old state and an enabled button, and each would file one more report.
  const submitInFlight = useRef(false);
  const language = i18n.language === 'en' ? 'en' : 'zh-CN';

  const submit = useCallback(() => {
    if (submitInFlight.current || state.phase !== 'editing') return;
    const draft = buildDraft(state.fields, regionCode, language);
    if (draft === null) return;

    submitInFlight.current = true;
    dispatch({ type: 'submit-started' });
    const failed = (problem: SubmitProblem) => {
      submitInFlight.current = false;
      if (mounted.current) dispatch({ type: 'submit-failed', problem });
    };

    // After a filed report the guard stays set: the receipt replaces the review step for good.
    api.fileReport(draft).then(
      (result) => {
        if (result.status !== 'filed') failed(result.status);
        else if (mounted.current) dispatch({ type: 'filed', receipt: result.receipt, draft });
      },
      (error: unknown) => failed(error instanceof RequestRejectedError ? 'rejected' : 'unavailable'),
    );
  }, [api, language, regionCode, state]);

  useEffect(() => {
    mounted.current = true;
    return () => {
      mounted.current = false;
    };
  }, []);

  const draftOpen = state.phase !== 'filed';
  useEffect(() => {
    onDraftOpenChange?.(draftOpen);
    return () => onDraftOpenChange?.(false);
  }, [draftOpen, onDraftOpenChange]);

  if (state.phase === 'filed') {
    return (
      <main className="report-screen" data-testid="report-flow" data-step="receipt">
        <header className="report-header">
          <h2 className="report-heading">
            <span aria-hidden="true">✓ </span>
            {t('reporting.receipt.heading')}
          </h2>
        </header>
        <div className="report-body">
          <ReceiptView receipt={state.receipt} draft={state.draft} api={api} settings={settings} />
        </div>
        <footer className="report-actions button-row">
          <DoneButton onDone={onDone} />
        </footer>
      </main>
    );
  }

  const submitting = state.phase === 'submitting';
  const step: ReportStep = state.phase === 'editing' ? state.step : 'review';
  const fields = state.fields;
  const back = () => (step === 'category' ? onExit() : dispatch({ type: 'back' }));

  let body;
  switch (step) {
    case 'category':
      body = <CategoryStep chosen={fields.category} onPick={(category) => dispatch({ type: 'pick-category', category })} />;
      break;
    case 'record':
      // stepsOf leaves this step out of a flow without a record, so startRecord is set here.
      body = fields.startRecord && (
        <RecordStep record={fields.startRecord} aboutRecord={fields.aboutRecord} onChoose={(aboutRecord) => dispatch({ type: 'choose-record', aboutRecord })} />
      );
      break;
    case 'text':
      body = <TextStep text={fields.text} api={api} regionCode={record?.regionCode ?? regionCode} onChange={(text) => dispatch({ type: 'set-text', text })} />;
      break;
    case 'phone':
      body = <PhoneStep phone={fields.phone} nextTried={state.phase === 'editing' && state.nextTried} onKey={(key) => dispatch({ type: 'phone-key', key })} />;
      break;
    case 'review':
      body = (
        <ReviewStep
          fields={fields}
          problem={state.phase === 'editing' ? state.problem : null}
          submitting={submitting}
          onConsent={(consent) => dispatch({ type: 'set-consent', consent })}
        />
      );
      break;
  }

  // The category and record steps move on with the tap that picks a choice. The others need 下一步.
  const needsNext = step === 'text' || step === 'phone';
  const canGoOn = canLeaveStep(step, fields);
  // 下一步 on the phone step stays enabled: tapping it with an invalid number shows the problem.
  const nextDisabled = step === 'text' && !canGoOn;

  return (
    <main className="report-screen" data-testid="report-flow" data-step={step}>
      <header className="report-header">
        <p className="report-progress" data-testid="report-progress">
          {t('reporting.progress', { step: stepNumber(step, fields), steps: stepsOf(fields).length })}
        </p>
        <h2 className="report-heading">{stepHeading(t, step)}</h2>
      </header>

      <div className="report-body">{body}</div>

      <footer className="report-actions button-row">
        {!submitting && <BackButton onBack={back} />}
        {step === 'text' && !canGoOn && <p className="report-feedback">{t('reporting.text.needed')}</p>}
        {needsNext && (
          <button type="button" className="big-button big-button--primary" data-testid="report-next" disabled={nextDisabled} onClick={() => dispatch({ type: 'next' })}>
            {t('reporting.next')}
            <span aria-hidden="true"> →</span>
          </button>
        )}
        {step === 'review' && !submitting && !fields.consent && (
          <p className="report-feedback" data-testid="report-submit-hint">
            {t('reporting.review.consentHint')}
          </p>
        )}
        {step === 'review' && (
          <button type="button" className="big-button big-button--primary" data-testid="report-submit" disabled={submitting || !canGoOn} onClick={submit}>
            {submitting ? (
              <>
                <span aria-hidden="true">⏳ </span>
                {t('reporting.submitting')}
              </>
            ) : (
              t('reporting.submit.button')
            )}
          </button>
        )}
      </footer>
    </main>
  );
}
