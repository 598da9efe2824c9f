// "有疑问？扫码举报": the QR code of the county's reporting site for one record, and the
// 一键举报 button when this terminal takes reports itself. The code carries the record's
// reference, its region and the terminal ID (see buildReportUrl), never anything personal.
// Nothing shows when the county configured no reporting site.
import { useTranslation } from 'react-i18next';
import type { KioskSettings } from '../../src-shared/kiosk-api.js';
import { buildReportUrl } from '../../src-shared/report-url.js';
import type { RecordReference } from '../../src-shared/report-url.js';
import { QrCode } from './QrCode.js';
import '../styles/reporting.css';

export interface ReportQrPanelProps {
  settings: Pick<KioskSettings, 'reporting' | 'terminalId'>;
  reference: RecordReference;
  /** Opens the 一键举报 flow about this record; the button shows only when the terminal can file. */
  onReport?: () => void;
}

export function ReportQrPanel({ settings, reference, onReport }: ReportQrPanelProps) {
  const { t } = useTranslation();
  const reporting = settings.reporting;
  if (reporting === null) return null;

  const url = buildReportUrl(reporting.reportUrl, reference, settings.terminalId);
  return (
    <aside className="report-qr-panel" data-testid="report-qr-panel" aria-label={t('reporting.qr.heading')}>
      <QrCode value={url} alt={t('reporting.qr.alt')} className="qr-code--record" />
      <div className="report-qr-text">
        <p className="report-qr-heading">{t('reporting.qr.heading')}</p>
        <p className="report-qr-caption">{t('reporting.qr.caption')}</p>
        {reporting.canFile && onReport !== undefined && (
          <button type="button" className="big-button report-button" data-testid="report-button" onClick={onReport}>
            <span aria-hidden="true">✎ </span>
            {t('reporting.qr.fileHere')}
          </button>
        )}
      </div>
    </aside>
  );
}
