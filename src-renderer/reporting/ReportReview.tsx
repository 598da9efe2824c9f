// The last step of the 一键举报 flow: every field and the consent tick box. 提交 and the reason
// it is disabled sit in the screen's footer. Also the receipt shown after filing, with the case
// number in large digits, a QR code to follow the case, what happens next, and the receipt's
// print button.
import { useTranslation } from 'react-i18next';
import { formatCaseNumber } from '../../src-shared/case-number.js';
import type { KioskApi, KioskSettings } from '../../src-shared/kiosk-api.js';
import type { PrintRequest, ReportDraft, ReportReceipt } from '../../src-shared/reports-api.js';
import { PrintButton } from '../printing/PrintButton.js';
import { categoryLabel, submitProblemText } from './labels.js';
import { QrCode } from './QrCode.js';
import { reportedRecordOf } from './report-flow.js';
import type { ReportFields, SubmitProblem } from './report-flow.js';

/**
 * Masks the middle of a phone number (138****5678), so screenshots and passers-by do not get
 * the whole number once it is typed.
 */
export function maskPhone(phone: string): string {
  if (phone.length < 8) return '*'.repeat(phone.length);
  return phone.slice(0, 3) + '*'.repeat(phone.length - 7) + phone.slice(-4);
}

export interface ReviewStepProps {
  fields: ReportFields;
  problem: SubmitProblem | null;
  submitting: boolean;
  onConsent(consent: boolean): void;
}

export function ReviewStep({ fields, problem, submitting, onConsent }: ReviewStepProps) {
  const { t } = useTranslation();
  const record = reportedRecordOf(fields);
  const problemText = problem === null ? null : submitProblemText(t, problem);

  return (
    <div className="report-review">
      {problemText !== null && (
        <div className="report-problem" role="alert" data-testid="report-problem" data-problem={problem}>
          <p className="report-note-strong">
            <span aria-hidden="true">⚠ </span>
            {problemText.title}
          </p>
          <p>{problemText.hint}</p>
        </div>
      )}

      <dl className="report-fields" data-testid="report-fields">
        <div className="report-field">
          <dt>{t('reporting.review.category')}</dt>
          <dd>{fields.category === null ? '' : categoryLabel(t, fields.category)}</dd>
        </div>
        <div className="report-field">
          <dt>{t('reporting.review.record')}</dt>
          <dd>{record === null ? t('reporting.record.none') : record.label}</dd>
        </div>
        <div className="report-field">
          <dt>{t('reporting.review.text')}</dt>
          {/* A box of bounded height that scrolls, so a long text never pushes the consent box away. */}
          <dd className="report-field-text report-review-text" data-testid="review-text">
            {fields.text.trim()}
          </dd>
        </div>
        <div className="report-field">
          <dt>{t('reporting.review.phone')}</dt>
          <dd>{fields.phone === '' ? t('reporting.review.noPhone') : maskPhone(fields.phone)}</dd>
        </div>
      </dl>

      <button
        type="button"
        role="checkbox"
        aria-checked={fields.consent}
        className={fields.consent ? 'report-consent report-consent--checked' : 'report-consent'}
        data-testid="report-consent"
        disabled={submitting}
        onClick={() => onConsent(!fields.consent)}
      >
        <span className="report-consent-box" aria-hidden="true">
          {fields.consent ? '✓' : ''}
        </span>
        <span>{t('reporting.review.consent')}</span>
      </button>
    </div>
  );
}

/** Formats the filing time in the terminal's local time zone, to the minute: "2026-05-12 09:30". */
export function formatFiledAt(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  const pad = (value: number) => String(value).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())} ${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

export interface ReceiptViewProps {
  receipt: ReportReceipt;
  draft: ReportDraft;
  api: Pick<KioskApi, 'print'>;
  settings: KioskSettings;
}

export function ReceiptView({ receipt, draft, api, settings }: ReceiptViewProps) {
  const { t } = useTranslation();
  // The host prints the receipt from what it kept when filing, so only the case number goes back.
  const request: PrintRequest = { document: 'receipt', language: draft.language, caseNumber: receipt.caseNumber };

  return (
    <div className="report-receipt" data-testid="report-receipt">
      <div className="report-receipt-main">
        <p className="report-receipt-label">{t('reporting.receipt.caseNumber')}</p>
        <p className="report-case-number" data-testid="case-number">
          {formatCaseNumber(receipt.caseNumber)}
        </p>
        <p>{t('reporting.receipt.filedAt', { time: formatFiledAt(receipt.filedAt) })}</p>
        <p className="report-note-strong">{t('reporting.receipt.next')}</p>
        <p>{t('reporting.receipt.keepNumber')}</p>
      </div>
      {/* The print button and its status sit under the QR code, where a landscape screen has room left. */}
      <div className="report-receipt-side">
        {receipt.trackUrl !== null && (
          <div className="report-receipt-qr">
            <QrCode value={receipt.trackUrl} alt={t('reporting.receipt.qrAlt')} className="qr-code--receipt" />
            <p>{t('reporting.receipt.qrCaption')}</p>
          </div>
        )}
        <PrintButton api={api} request={request} label={t('reporting.receipt.print')} settings={settings} />
      </div>
    </div>
  );
}
