// 查进度: the villager types the 14-digit case number from the receipt on a digit keypad. The
// screen then shows the case's stage (icon and words, never colour alone), the date of the
// latest change, the department and the commission's reply, as the installed snapshot contains
// them. A number with a wrong length or check digit gets its problem named. A valid number that
// the snapshot lacks gets a not-found message that claims nothing about the report. Reports in
// the outbox are sealed, so the kiosk cannot distinguish a new report from a mistyped number.
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CASE_NUMBER_DIGITS, formatCaseNumber, parseCaseNumber } from '../../src-shared/case-number.js';
import type { CaseNumberProblem } from '../../src-shared/case-number.js';
import type { KioskApi, SnapshotInfo } from '../../src-shared/kiosk-api.js';
import type { CaseStatus } from '../../src-shared/reports-api.js';
import { BackButton, DoneButton } from '../components/BackDoneButtons.js';
import { DigitKeypad } from './DigitKeypad.js';
import { caseProblemText, stageLabel } from './labels.js';
import { applyDigitKey } from './report-flow.js';
import type { DigitKey } from './report-flow.js';
import { StageIcon } from './ReportIcons.js';
import '../styles/reporting.css';

export interface CaseStatusScreenProps {
  api: Pick<KioskApi, 'getCaseStatus'>;
  snapshot: SnapshotInfo | null;
  onBack(): void;
  onDone(): void;
}

type Answer =
  | { kind: 'none' }
  | { kind: 'checking' }
  | { kind: 'problem'; problem: CaseNumberProblem; typed: number }
  | { kind: 'status'; status: Exclude<CaseStatus, { status: 'invalid' }> }
  | { kind: 'unavailable' };

function AnswerView({ answer, snapshot }: { answer: Answer; snapshot: SnapshotInfo | null }) {
  const { t } = useTranslation();

  switch (answer.kind) {
    case 'none':
      return <p className="case-answer case-answer--hint">{t('reporting.track.hint')}</p>;
    case 'checking':
      return (
        <p className="case-answer" role="status">
          <span aria-hidden="true">⏳ </span>
          {t('reporting.track.checking')}
        </p>
      );
    case 'problem':
      return (
        <p className="case-answer case-answer--problem" role="alert" data-testid="case-problem">
          <span aria-hidden="true">⚠ </span>
          {caseProblemText(t, answer.problem, answer.typed)}
        </p>
      );
    case 'unavailable':
      return (
        <p className="case-answer case-answer--problem" role="alert" data-testid="case-problem">
          <span aria-hidden="true">⚠ </span>
          {t('reporting.track.unavailable')}
        </p>
      );
    case 'status':
      break;
  }

  const status = answer.status;
  if (status.status === 'not-yet') {
    const dataAsOf = status.dataAsOf ?? snapshot?.dataAsOf ?? null;
    return (
      <div className="case-answer" data-testid="case-not-yet">
        <p className="report-note-strong">{t('reporting.track.notYetTitle', { caseNumber: formatCaseNumber(status.caseNumber) })}</p>
        <p>{dataAsOf === null ? t('reporting.track.notYetNoData') : t('reporting.track.notYet', { date: dataAsOf })}</p>
      </div>
    );
  }

  return (
    <div className="case-answer case-found" data-testid="case-found" data-stage={status.stage}>
      <p className="case-stage">
        <StageIcon stage={status.stage} />
        <span>{stageLabel(t, status.stage)}</span>
      </p>
      <dl className="report-fields">
        <div className="report-field">
          <dt>{t('reporting.track.caseNumber')}</dt>
          <dd>{formatCaseNumber(status.caseNumber)}</dd>
        </div>
        <div className="report-field">
          <dt>{t('reporting.track.updatedOn')}</dt>
          <dd>{status.updatedOn}</dd>
        </div>
        <div className="report-field">
          <dt>{t('reporting.track.department')}</dt>
          <dd>{status.department}</dd>
        </div>
        <div className="report-field">
          <dt>{t('reporting.track.reply')}</dt>
          <dd className="report-field-text" data-testid="case-reply">
            {status.reply ?? t('reporting.track.noReply')}
          </dd>
        </div>
      </dl>
      <p className="case-data-as-of">{t('reporting.track.dataAsOf', { date: status.dataAsOf })}</p>
    </div>
  );
}

export function CaseStatusScreen({ api, snapshot, onBack, onDone }: CaseStatusScreenProps) {
  const { t } = useTranslation();
  const [input, setInput] = useState('');
  const [answer, setAnswer] = useState<Answer>({ kind: 'none' });
  // Counts requests, so only the result for the latest number typed is shown.
  const request = useRef(0);

  useEffect(() => {
    return () => {
      request.current += 1;
    };
  }, []);

  const onKey = (key: DigitKey) => {
    request.current += 1;
    setInput((current) => applyDigitKey(current, key, CASE_NUMBER_DIGITS));
    setAnswer({ kind: 'none' });
  };

  const check = () => {
    const parsed = parseCaseNumber(input);
    if (!parsed.ok) {
      setAnswer({ kind: 'problem', problem: parsed.problem, typed: input.length });
      return;
    }

    request.current += 1;
    const current = request.current;
    setAnswer({ kind: 'checking' });
    api.getCaseStatus({ caseNumber: parsed.caseNumber }).then(
      (status) => {
        if (current !== request.current) return;
        if (status.status === 'invalid') setAnswer({ kind: 'problem', problem: status.problem, typed: input.length });
        else setAnswer({ kind: 'status', status });
      },
      () => current === request.current && setAnswer({ kind: 'unavailable' }),
    );
  };

  return (
    <main className="report-screen case-screen" data-testid="case-status">
      <header className="report-header">
        <h2 className="report-heading">{t('reporting.track.heading')}</h2>
      </header>

      <div className="report-body case-body">
        <div className="case-side">
          <p>{t('reporting.track.instruction')}</p>
          <p className="case-input" data-testid="case-input" aria-label={t('reporting.track.inputLabel')}>
            {input === '' ? <span className="report-placeholder">{t('reporting.track.placeholder')}</span> : formatCaseNumber(input)}
          </p>
          <p className="report-feedback">{t('reporting.track.typed', { typed: input.length, digits: CASE_NUMBER_DIGITS })}</p>
          <AnswerView answer={answer} snapshot={snapshot} />
        </div>
        <DigitKeypad
          input={input}
          maxDigits={CASE_NUMBER_DIGITS}
          locked={answer.kind === 'checking'}
          onKey={onKey}
          action={{ label: t('reporting.track.check'), enabled: input.length > 0 && answer.kind !== 'checking', onPress: check }}
        />
      </div>

      <footer className="report-actions button-row">
        <BackButton onBack={onBack} />
        <DoneButton onDone={onDone} />
      </footer>
    </main>
  );
}
