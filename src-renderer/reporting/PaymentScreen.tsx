// One payment of the household's result on its own screen: its fields, the "有疑问？扫码举报"
// QR code and 一键举报. It opens when a payment row is tapped.
import { useTranslation } from 'react-i18next';
import type { Household, KioskSettings, Payment } from '../../src-shared/kiosk-api.js';
import { formatFenAsYuan } from '../../src-shared/money.js';
import type { ReportedRecord } from '../../src-shared/reports-api.js';
import { BackButton, DoneButton } from '../components/BackDoneButtons.js';
import { paymentRecord, paymentReference } from './reported-records.js';
import { ReportQrPanel } from './ReportQrPanel.js';
import '../styles/reporting.css';

export interface PaymentScreenProps {
  household: Household;
  payment: Payment;
  settings: KioskSettings;
  onReport(record: ReportedRecord): void;
  onBack(): void;
  onDone(): void;
}

export function PaymentScreen({ household, payment, settings, onReport, onBack, onDone }: PaymentScreenProps) {
  const { t } = useTranslation();
  const amount = t('result.amount', { amount: formatFenAsYuan(payment.amountFen) });
  const rows = [
    { label: t('reporting.payment.amount'), value: amount },
    { label: t('result.paidOn'), value: payment.paidOn },
    { label: t('result.period'), value: payment.period },
    { label: t('result.recipient'), value: payment.recipientMaskedName },
    { label: t('result.department'), value: payment.department },
    { label: t('result.policyBasis'), value: payment.policyBasis },
    { label: t('reporting.payment.paymentId'), value: payment.paymentId },
  ];

  return (
    <main className="report-screen payment-screen" data-testid="payment-screen">
      <header className="report-header">
        <p className="report-progress">{t('reporting.payment.kind')}</p>
        <h2 className="report-heading">{payment.itemName}</h2>
      </header>

      <div className="report-body payment-body">
        <dl className="report-fields" data-testid="payment-fields">
          {rows.map((row) => (
            <div key={row.label} className="report-field">
              <dt>{row.label}</dt>
              <dd>{row.value}</dd>
            </div>
          ))}
        </dl>
        <ReportQrPanel
          settings={settings}
          reference={paymentReference(household, payment)}
          onReport={() => onReport(paymentRecord(household, payment, amount))}
        />
      </div>

      <footer className="report-actions button-row">
        <BackButton onBack={onBack} />
        <DoneButton onDone={onDone} />
      </footer>
    </main>
  );
}
