// One record in full: every field in labelled rows, its child tables, the published text of
// notices and complaint replies, attachments, the source line, and beside them the
// "有疑问？扫码举报" QR code with 一键举报 when the county configured reporting.
import { useCallback, useEffect, useState } from 'react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { RecordDetail, RecordKind } from '../../src-shared/boards-api.js';
import type { KioskApi, KioskSettings, SnapshotInfo } from '../../src-shared/kiosk-api.js';
import type { ReportedRecord } from '../../src-shared/reports-api.js';
import { BackButton, DoneButton } from '../components/BackDoneButtons.js';
import { detailFields, detailTitle } from './detail-fields.js';
import { AttachmentList, ContractsList, MeasuresTable, ProgressTable } from './detail-tables.js';
import { kindLabel } from './labels.js';
import { MarkdownView } from './MarkdownView.js';
import type { LoadDocument } from './MarkdownView.js';
import { SourceLine } from './SourceLine.js';
import { detailRecord, detailReference } from '../reporting/reported-records.js';
import { ReportQrPanel } from '../reporting/ReportQrPanel.js';

export interface RecordDetailScreenProps {
  api: KioskApi;
  kind: RecordKind;
  id: string;
  snapshot: SnapshotInfo | null;
  /** Without settings, or with settings.reporting null, the screen shows no QR code. */
  settings?: Pick<KioskSettings, 'reporting' | 'terminalId'>;
  /** Opens the 一键举报 flow about this record; without it the panel offers only the QR code. */
  onReport?(record: ReportedRecord): void;
  onBack(): void;
  onDone(): void;
}

type Load = { status: 'loading' } | { status: 'error' } | { status: 'missing' } | { status: 'ready'; detail: RecordDetail };

function DetailSection({ heading, children }: { heading: string; children: ReactNode }) {
  return (
    <section className="detail-section">
      <h3 className="detail-section-heading">{heading}</h3>
      {children}
    </section>
  );
}

function DetailBody({ detail, loadDocument }: { detail: RecordDetail; loadDocument: LoadDocument }) {
  const { t, i18n } = useTranslation();
  const fields = detailFields(t, detail, i18n.language);

  return (
    <>
      <dl className="detail-fields" data-testid="detail-fields">
        {fields.map((field) => (
          <div key={field.label} className="detail-field">
            <dt>{field.label}</dt>
            <dd>{field.value}</dd>
          </div>
        ))}
      </dl>

      {detail.kind === 'project' && (
        <DetailSection heading={t('boards.detail.progress')}>
          <ProgressTable detail={detail} loadDocument={loadDocument} />
        </DetailSection>
      )}
      {detail.kind === 'poverty-household' && (
        <DetailSection heading={t('boards.detail.measures')}>
          <MeasuresTable detail={detail} />
        </DetailSection>
      )}
      {detail.kind === 'collective-asset' && (
        <DetailSection heading={t('boards.detail.contracts')}>
          <ContractsList detail={detail} />
        </DetailSection>
      )}
      {detail.kind === 'notice' && (
        <>
          <DetailSection heading={t('boards.detail.body')}>
            <MarkdownView source={detail.body} format={detail.bodyFormat} loadDocument={loadDocument} />
          </DetailSection>
          <AttachmentList detail={detail} />
        </>
      )}
      {detail.kind === 'complaint-outcome' && detail.text !== null && (
        <DetailSection heading={t('boards.detail.replyText')}>
          <MarkdownView source={detail.text} format={detail.textFormat ?? 'text'} loadDocument={loadDocument} />
        </DetailSection>
      )}
      {detail.kind === 'accountability-notice' && (
        <DetailSection heading={t('boards.detail.body')}>
          <MarkdownView source={detail.text} format={detail.textFormat} loadDocument={loadDocument} />
        </DetailSection>
      )}
    </>
  );
}

export function RecordDetailScreen({ api, kind, id, snapshot, settings, onReport, onBack, onDone }: RecordDetailScreenProps) {
  const { t } = useTranslation();
  const [load, setLoad] = useState<Load>({ status: 'loading' });
  const [attempt, setAttempt] = useState(0);
  const reporting = settings !== undefined && settings.reporting !== null ? settings : null;
  const loadDocument = useCallback<LoadDocument>((name) => api.getDocument(name), [api]);

  useEffect(() => {
    let current = true;
    setLoad({ status: 'loading' });
    api.getRecord({ kind, id }).then(
      (detail) => current && setLoad(detail ? { status: 'ready', detail } : { status: 'missing' }),
      () => current && setLoad({ status: 'error' }),
    );
    return () => {
      current = false;
    };
  }, [api, kind, id, attempt]);

  return (
    <main className="record-detail" data-testid="record-detail">
      <p className="record-kind">{kindLabel(t, kind)}</p>
      {load.status === 'ready' && <h2 className="record-title">{detailTitle(load.detail)}</h2>}

      <div className={reporting === null ? 'record-main' : 'record-main record-main--reporting'}>
        <div className="record-scroll">
          {load.status === 'loading' && <p className="board-state">{t('boards.list.loading')}</p>}
          {load.status === 'missing' && (
            <p className="board-state" data-testid="record-missing">
              {t('boards.detail.missing')}
            </p>
          )}
          {load.status === 'error' && (
            <div className="board-state board-state--problem" data-testid="record-error">
              <p>
                <span aria-hidden="true">⚠ </span>
                {t('boards.detail.error')}
              </p>
              <button type="button" className="big-button" onClick={() => setAttempt((value) => value + 1)}>
                {t('boards.list.retry')}
              </button>
            </div>
          )}
          {load.status === 'ready' && <DetailBody detail={load.detail} loadDocument={loadDocument} />}
        </div>
        {load.status === 'ready' && reporting !== null && (
          <ReportQrPanel
            settings={reporting}
            reference={detailReference(load.detail)}
            onReport={onReport && (() => onReport(detailRecord(load.detail, detailTitle(load.detail))))}
          />
        )}
      </div>

      <SourceLine sources={load.status === 'ready' ? [load.detail.source] : []} snapshot={snapshot} loading={load.status === 'loading'} />

      <div className="button-row">
        <BackButton onBack={onBack} />
        <DoneButton onDone={onDone} />
      </div>
    </main>
  );
}
