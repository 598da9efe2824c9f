// The labelled rows of a record's detail screen, one per field of its RecordDetail. Rows go
// from what and where to how much, when, and who is responsible.
import type { TFunction } from 'i18next';
import type { RecordDetail } from '../../src-shared/boards-api.js';
import { fixedValueLabel } from './fixed-values.js';
import { formatAmount, formatDate, formatDirectedAmount } from './format.js';

export interface FieldRow {
  label: string;
  value: string;
}

export function detailFields(t: TFunction, detail: RecordDetail, language: string): FieldRow[] {
  const none = t('boards.detail.none');
  const text = (value: string | null) => (value === null || value.trim() === '' ? none : value);
  const date = (value: string | null) => (value === null || value === '' ? none : formatDate(value, language));
  const money = (fen: number | null) => (fen === null ? none : formatAmount(t, fen));
  const count = (value: number | null) => (value === null ? none : String(value));
  const row = (label: string, value: string): FieldRow => ({ label, value });
  const fixed = (value: string | null) => (value === null || value.trim() === '' ? none : fixedValueLabel(t, value));

  switch (detail.kind) {
    case 'project':
      return [
        row(t('boards.field.projectName'), detail.name),
        row(t('boards.field.region'), detail.regionName),
        row(t('boards.field.category'), fixed(detail.category)),
        row(t('boards.field.year'), date(String(detail.year))),
        row(t('boards.field.fundingSource'), detail.fundingSource),
        row(t('boards.field.fundingAmount'), money(detail.fundingAmountFen)),
        row(t('boards.field.budgetAmount'), money(detail.budgetAmountFen)),
        row(t('boards.field.procurementMethod'), fixed(detail.procurementMethod)),
        row(t('boards.field.tenderStartDate'), date(detail.tenderStartDate)),
        row(t('boards.field.numberOfTenderers'), count(detail.numberOfTenderers)),
        row(t('boards.field.awardDate'), date(detail.awardDate)),
        row(t('boards.field.supplierName'), text(detail.supplierName)),
        row(t('boards.field.awardValue'), money(detail.awardValueFen)),
        row(t('boards.field.contractDateSigned'), date(detail.contractDateSigned)),
        row(t('boards.field.contractValue'), money(detail.contractValueFen)),
        row(t('boards.field.contractStartDate'), date(detail.contractStartDate)),
        row(t('boards.field.contractEndDate'), date(detail.contractEndDate)),
        row(t('boards.field.qualityStandard'), text(detail.qualityStandard)),
        row(t('boards.field.plannedStartDate'), date(detail.plannedStartDate)),
        row(t('boards.field.plannedEndDate'), date(detail.plannedEndDate)),
        row(t('boards.field.acceptanceResult'), fixed(detail.acceptanceResult)),
        row(t('boards.field.acceptanceDate'), date(detail.acceptanceDate)),
        row(t('boards.field.responsibleUnit'), detail.responsibleUnit),
        row(t('boards.field.contactName'), text(detail.contactName)),
      ];

    case 'fund-allocation':
      return [
        row(t('boards.field.itemName'), detail.itemName),
        row(t('boards.field.itemCode'), detail.itemCode),
        row(t('boards.field.batch'), detail.batch),
        row(t('boards.field.year'), date(String(detail.year))),
        row(t('boards.field.region'), detail.regionName),
        row(t('boards.field.allocationMethod'), detail.allocationMethod),
        row(t('boards.field.policyBasis'), detail.policyBasis),
        row(t('boards.field.recipientCount'), t('boards.field.recipientCountValue', { recipients: detail.recipientCount, unit: fixedValueLabel(t, detail.recipientUnit) })),
        row(t('boards.field.totalAmount'), money(detail.totalAmountFen)),
        row(t('boards.field.allocatedOn'), date(detail.allocatedOn)),
      ];

    case 'poverty-household':
      return [
        row(t('boards.field.headName'), detail.maskedHeadName),
        row(t('boards.field.region'), detail.regionName),
        row(t('boards.field.householdSize'), t('boards.field.householdSizeValue', { people: detail.householdSize })),
        row(t('boards.field.registeredYear'), date(String(detail.registeredYear))),
        row(t('boards.field.povertyCause'), fixed(detail.povertyCause)),
        row(t('boards.field.exitYear'), detail.exitYear === null ? t('boards.field.notExited') : date(String(detail.exitYear))),
        row(t('boards.field.monitoringStatus'), fixed(detail.monitoringStatus)),
      ];

    case 'finance-entry':
      return [
        row(t('boards.field.summary'), detail.summary),
        row(t('boards.field.region'), detail.regionName),
        row(t('boards.field.direction'), fixed(detail.direction)),
        row(t('boards.field.amount'), formatDirectedAmount(t, detail.direction, detail.amountFen)),
        row(t('boards.field.category'), fixed(detail.category)),
        row(t('boards.field.period'), date(detail.period)),
        row(t('boards.field.entryDate'), date(detail.entryDate)),
        row(t('boards.field.voucherNumber'), detail.voucherNumber),
        row(t('boards.field.approverRole'), detail.approverRole),
        row(t('boards.field.counterpartyName'), text(detail.counterpartyName)),
        row(t('boards.field.flagged'), detail.flagged ? t('boards.field.flaggedYes') : t('boards.field.flaggedNo')),
      ];

    case 'finance-balance':
      return [
        row(t('boards.field.balanceType'), detail.balanceType === '债权' ? t('boards.field.credit') : t('boards.field.debt')),
        row(t('boards.field.counterpartyName'), detail.counterpartyName),
        row(t('boards.field.amount'), money(detail.amountFen)),
        row(t('boards.field.region'), detail.regionName),
        row(t('boards.field.asOf'), date(detail.asOf)),
        row(t('boards.field.aroseOn'), date(detail.aroseOn)),
        row(t('boards.field.reason'), detail.reason),
      ];

    case 'collective-asset':
      return [
        row(t('boards.field.assetName'), detail.name),
        row(t('boards.field.region'), detail.regionName),
        row(t('boards.field.assetClass'), fixed(detail.assetClass)),
        row(t('boards.field.category'), text(detail.category)),
        row(
          t('boards.field.quantity'),
          detail.quantity === null ? none : `${detail.quantity}${detail.quantityUnit === null ? '' : ` ${detail.quantityUnit}`}`,
        ),
        row(t('boards.field.bookValue'), money(detail.bookValueFen)),
        row(t('boards.field.acquiredOn'), date(detail.acquiredOn)),
        row(t('boards.field.assetStatus'), fixed(detail.status)),
      ];

    case 'notice':
      return [
        row(t('boards.field.noticeBoard'), fixed(detail.board)),
        row(t('boards.field.category'), text(detail.category)),
        row(t('boards.field.issuer'), detail.issuer),
        row(t('boards.field.issuedOn'), date(detail.issuedOn)),
        row(t('boards.field.region'), detail.regionName),
      ];

    case 'complaint-outcome':
      return [
        row(t('boards.field.caseNumber'), detail.id),
        row(t('boards.field.category'), detail.category),
        row(t('boards.field.region'), detail.regionName),
        row(t('boards.field.receivedOn'), date(detail.receivedOn)),
        row(t('boards.field.outcome'), fixed(detail.outcome)),
        row(t('boards.field.outcomeSummary'), detail.outcomeSummary),
        row(t('boards.field.repliedOn'), date(detail.repliedOn)),
      ];

    case 'accountability-notice':
      return [
        row(t('boards.field.issuer'), detail.issuer),
        row(t('boards.field.category'), detail.category),
        row(t('boards.field.region'), detail.regionName),
        row(t('boards.field.personName'), text(detail.personName)),
        row(t('boards.field.personPosition'), text(detail.personPosition)),
        row(t('boards.field.sanction'), text(detail.sanction)),
      ];
  }
}

/** Returns the heading of a record's detail screen. */
export function detailTitle(detail: RecordDetail): string {
  switch (detail.kind) {
    case 'project':
      return detail.name;
    case 'fund-allocation':
      return `${detail.itemName} ${detail.batch}`;
    case 'poverty-household':
      return detail.maskedHeadName;
    case 'finance-entry':
      return detail.summary;
    case 'finance-balance':
      return detail.counterpartyName;
    case 'collective-asset':
      return detail.name;
    case 'notice':
    case 'accountability-notice':
      return detail.title;
    case 'complaint-outcome':
      return `${detail.category} ${detail.id}`;
  }
}
