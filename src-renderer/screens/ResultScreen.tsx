// A household's payments: the address and members on the left with the grand total, and the
// payments grouped by year (sticky header with the year's total) and by item on the right,
// under the "data as of" line, so a villager missing a recent payment knows it may be too new.
// GroupedVirtuoso keeps only the visible rows in the DOM, so 1,000+ payments scroll smoothly.
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { BackButton, DoneButton } from '../components/BackDoneButtons.js';
import { MemberList } from '../components/MemberList.js';
import { GroupedVirtuoso } from 'react-virtuoso';
import type { Household, KioskApi, KioskSettings, Payment, SnapshotInfo } from '../../src-shared/kiosk-api.js';
import { formatFenAsYuan } from '../../src-shared/money.js';
import type { PrintRequest } from '../../src-shared/reports-api.js';
import { PrintButton } from '../printing/PrintButton.js';
import { flattenForList, groupPayments } from '../result/payment-groups.js';
import type { ItemGroup } from '../result/payment-groups.js';

export interface ResultScreenProps {
  household: Household;
  snapshot: SnapshotInfo | null;
  // The statement's print button prints through the host and shows only when settings.printing.enabled is true.
  api: Pick<KioskApi, 'print'>;
  settings: KioskSettings;
  /** Opens one payment's screen, with its reporting QR code and 一键举报. */
  onOpenPayment(payment: Payment): void;
  onBack(): void;
  onDone(): void;
}

function ItemHeader({ item }: { item: ItemGroup }) {
  const { t } = useTranslation();
  return (
    <div className="item-header" data-testid="item-header">
      <h4 className="item-name">{item.itemName}</h4>
      <span className="item-figures">
        <span className="item-count">{t('result.itemPayments', { payments: item.payments.length })}</span>
        <span className="item-subtotal">{t('result.itemSubtotal', { amount: formatFenAsYuan(item.subtotalFen) })}</span>
      </span>
    </div>
  );
}

// The whole row is one button, so a villager taps anywhere on a payment to open its screen with
// the reporting QR code.
function PaymentRowView({ payment, onOpen }: { payment: Payment; onOpen(payment: Payment): void }) {
  const { t } = useTranslation();
  return (
    <button type="button" className="payment-row payment-row--button" data-testid="payment-row" data-payment-id={payment.paymentId} onClick={() => onOpen(payment)}>
      <span className="payment-amount">{t('result.amount', { amount: formatFenAsYuan(payment.amountFen) })}</span>
      <span className="payment-main">
        <span>
          <span className="field-label">{t('result.paidOn')}</span> {payment.paidOn}
        </span>
        <span>
          <span className="field-label">{t('result.period')}</span> {payment.period}
        </span>
        <span>
          <span className="field-label">{t('result.recipient')}</span> {payment.recipientMaskedName}
        </span>
      </span>
      <span className="payment-detail">
        <span>
          <span className="field-label">{t('result.department')}</span> {payment.department}
        </span>
        <span>
          <span className="field-label">{t('result.policyBasis')}</span> {payment.policyBasis}
        </span>
      </span>
    </button>
  );
}

export function ResultScreen({ household, snapshot, api, settings, onOpenPayment, onBack, onDone }: ResultScreenProps) {
  const { t, i18n } = useTranslation();
  const groups = useMemo(() => groupPayments(household.payments), [household.payments]);
  const list = useMemo(() => flattenForList(groups), [groups]);
  const language = i18n.language === 'en' ? 'en' : 'zh-CN';
  const statementRequest = useMemo<PrintRequest>(() => ({ document: 'statement', household, language }), [household, language]);

  return (
    <main className="result">
      <aside className="result-side">
        <h2 className="result-heading">{t('result.heading')}</h2>
        <p className="result-address" data-testid="household-address">
          {t('result.address', {
            county: household.countyName,
            township: household.townshipName,
            village: household.villageName,
          })}
        </p>

        <div className="grand-total">
          <span className="grand-total-label">{t('result.grandTotal')}</span>
          <span className="grand-total-amount" data-testid="grand-total" data-fen={groups.totalFen}>
            {t('result.amount', { amount: formatFenAsYuan(groups.totalFen) })}
          </span>
        </div>

        <PrintButton api={api} request={statementRequest} label={t('printing.statement')} settings={settings} />

        <h3 className="section-heading">{t('result.members', { members: household.members.length })}</h3>
        <MemberList members={household.members} />
      </aside>

      <section className="result-payments" aria-label={t('result.payments')}>
        {snapshot && (
          <p className="result-data-as-of" data-testid="result-data-as-of">
            {t('result.dataAsOf', { date: snapshot.dataAsOf })}
          </p>
        )}
        {settings.reporting !== null && list.rows.length > 0 && (
          <p className="result-open-hint" data-testid="payment-open-hint">
            {t('reporting.payment.openHint')}
          </p>
        )}
        {list.rows.length === 0 ? (
          <p className="no-payments">{t('result.noPayments')}</p>
        ) : (
          <GroupedVirtuoso
            className="payment-list"
            data-testid="payment-list"
            groupCounts={list.groupCounts}
            groupContent={(index) => {
              const year = groups.years[index]!;
              return (
                <div className="year-header" data-testid="year-header">
                  <h3 className="year-title">{t('result.yearHeading', { year: year.year })}</h3>
                  <span className="year-subtotal">{t('result.yearSubtotal', { amount: formatFenAsYuan(year.subtotalFen) })}</span>
                </div>
              );
            }}
            itemContent={(index) => {
              const row = list.rows[index]!;
              return row.kind === 'item' ? <ItemHeader item={row.item} /> : <PaymentRowView payment={row.payment} onOpen={onOpenPayment} />;
            }}
          />
        )}
      </section>

      <footer className="result-actions button-row">
        <BackButton onBack={onBack} />
        <DoneButton onDone={onDone} />
      </footer>
    </main>
  );
}
