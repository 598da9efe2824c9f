// The child tables of a record: project progress reports, a household's assistance measures,
// an asset's contracts and a notice's PDF attachments.
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { RecordDetail } from '../../src-shared/boards-api.js';
import { fixedValueLabel } from './fixed-values.js';
import { formatAmount, formatDate, formatSize } from './format.js';
import { imageDataUrl } from './MarkdownView.js';
import type { LoadDocument } from './MarkdownView.js';

type ProjectDetail = Extract<RecordDetail, { kind: 'project' }>;
type PovertyHouseholdDetail = Extract<RecordDetail, { kind: 'poverty-household' }>;
type CollectiveAssetDetail = Extract<RecordDetail, { kind: 'collective-asset' }>;
type NoticeDetail = Extract<RecordDetail, { kind: 'notice' }>;

export function ProgressBar({ percent }: { percent: number }) {
  const { t } = useTranslation();
  const clamped = Math.min(100, Math.max(0, percent));
  return (
    <span className="progress">
      <span className="progress-track" role="progressbar" aria-valuemin={0} aria-valuemax={100} aria-valuenow={clamped}>
        <span className="progress-fill" style={{ width: `${clamped}%` }} />
      </span>
      <span className="progress-text">{t('boards.detail.percent', { percent: clamped })}</span>
    </span>
  );
}

export function ProgressTable({ detail, loadDocument }: { detail: ProjectDetail; loadDocument: LoadDocument }) {
  const { t, i18n } = useTranslation();
  if (detail.progress.length === 0) return <p className="detail-empty">{t('boards.detail.noProgress')}</p>;

  return (
    <ol className="detail-children" data-testid="progress-list">
      {detail.progress.map((report, index) => (
        <li key={index} className="detail-child">
          <p className="detail-child-heading">
            {formatDate(report.reportDate, i18n.language)} · {fixedValueLabel(t, report.stage)}
          </p>
          <ProgressBar percent={report.progressPercent} />
          {report.amountPaidFen !== null && <p>{t('boards.detail.amountPaid', { amount: formatAmount(t, report.amountPaidFen) })}</p>}
          {report.description !== '' && <p>{report.description}</p>}
          {report.photoFile !== null && <ProgressPhoto name={report.photoFile} loadDocument={loadDocument} />}
        </li>
      ))}
    </ol>
  );
}

function ProgressPhoto({ name, loadDocument }: { name: string; loadDocument: LoadDocument }) {
  const { t } = useTranslation();
  const [source, setSource] = useState<string | null>(null);

  useEffect(() => {
    let current = true;
    loadDocument(name).then(
      (document) => current && setSource(document ? imageDataUrl(document) : null),
      () => undefined,
    );
    return () => {
      current = false;
    };
  }, [loadDocument, name]);

  return source ? <img className="md-image" src={source} alt={t('boards.detail.photo')} /> : null;
}

export function MeasuresTable({ detail }: { detail: PovertyHouseholdDetail }) {
  const { t, i18n } = useTranslation();
  if (detail.measures.length === 0) return <p className="detail-empty">{t('boards.detail.noMeasures')}</p>;

  return (
    <table className="detail-table" data-testid="measures-table">
      <thead>
        <tr>
          <th scope="col">{t('boards.field.year')}</th>
          <th scope="col">{t('boards.field.measureType')}</th>
          <th scope="col">{t('boards.field.description')}</th>
          <th scope="col">{t('boards.field.amount')}</th>
          <th scope="col">{t('boards.field.implementedOn')}</th>
        </tr>
      </thead>
      <tbody>
        {detail.measures.map((measure, index) => (
          <tr key={index}>
            <td>{formatDate(String(measure.year), i18n.language)}</td>
            <td>{fixedValueLabel(t, measure.measureType)}</td>
            <td>{measure.description}</td>
            <td className="number">{measure.amountFen === null ? t('boards.detail.none') : formatAmount(t, measure.amountFen)}</td>
            <td>{measure.implementedOn === null ? t('boards.detail.none') : formatDate(measure.implementedOn, i18n.language)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function ContractsList({ detail }: { detail: CollectiveAssetDetail }) {
  const { t, i18n } = useTranslation();
  if (detail.contracts.length === 0) return <p className="detail-empty">{t('boards.detail.noContracts')}</p>;

  const date = (value: string) => formatDate(value, i18n.language);
  return (
    <ul className="detail-children" data-testid="contracts-list">
      {detail.contracts.map((contract) => (
        <li key={contract.contractId} className="detail-child">
          <p className="detail-child-heading">
            {fixedValueLabel(t, contract.contractType)} · {contract.counterpartyName}
          </p>
          <dl className="detail-fields">
            <dt>{t('boards.field.contractId')}</dt>
            <dd>{contract.contractId}</dd>
            <dt>{t('boards.field.signedOn')}</dt>
            <dd>{date(contract.signedOn)}</dd>
            <dt>{t('boards.field.term')}</dt>
            <dd>{t('boards.field.termValue', { start: date(contract.startDate), end: date(contract.endDate) })}</dd>
            <dt>{t('boards.field.annualAmount')}</dt>
            <dd>{contract.annualAmountFen === null ? t('boards.detail.none') : formatAmount(t, contract.annualAmountFen)}</dd>
            <dt>{t('boards.field.totalAmount')}</dt>
            <dd>{formatAmount(t, contract.totalAmountFen)}</dd>
            <dt>{t('boards.field.paymentTerms')}</dt>
            <dd>{contract.paymentTerms}</dd>
            <dt>{t('boards.field.approval')}</dt>
            <dd>{contract.approval ?? t('boards.detail.none')}</dd>
          </dl>
        </li>
      ))}
    </ul>
  );
}

/**
 * Draws a page with a folded corner as SVG. The kiosk ships no emoji font, so a 📄 character
 * would show as an empty box.
 */
function DocumentIcon() {
  return (
    <svg className="attachment-icon" viewBox="0 0 24 24" width="36" height="36" aria-hidden="true" focusable="false">
      <path d="M6 2.5h8l5 5V21.5H6z M14 2.5v5h5" fill="none" stroke="currentColor" strokeWidth="1.8" strokeLinejoin="round" />
      <path d="M9 12h7M9 15.5h7M9 19h5" stroke="currentColor" strokeWidth="1.8" strokeLinecap="round" />
    </svg>
  );
}

export function AttachmentList({ detail }: { detail: NoticeDetail }) {
  const { t } = useTranslation();
  if (detail.attachments.length === 0) return null;

  return (
    <section className="detail-section">
      <h3 className="detail-section-heading">{t('boards.detail.attachments')}</h3>
      <ul className="attachments" data-testid="attachments">
        {detail.attachments.map((attachment) => (
          <li key={attachment.fileName} className="attachment">
            <DocumentIcon />
            <span className="attachment-title">{attachment.title}</span>
            <span className="attachment-size">{formatSize(t, attachment.bytes)}</span>
          </li>
        ))}
      </ul>
    </section>
  );
}
