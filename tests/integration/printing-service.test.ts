// Printing through the kiosk service with the real PDF printer. Statements come from the
// installed snapshot whatever the client sends, and receipts only from reports this terminal
// filed in the last hour. One print runs at a time behind a short queue.
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Household, KioskSettings } from '../../src-shared/kiosk-api.js';
import { buildTrackUrl } from '../../src-shared/report-url.js';
import type { PrintResult } from '../../src-shared/reports-api.js';
import { createPdfPrinter } from '../../src-main/browser-host/pdf-printer.js';
import type { KioskService } from '../../src-main/core/kiosk-service.js';
import { decodePdfQrCodes, pdfText } from '../helpers/pdf.js';
import { installSnapshotFile } from '../helpers/installed-snapshot.js';
import { writeSmallSnapshot } from '../helpers/small-snapshot.js';
import type { SmallSnapshot } from '../helpers/small-snapshot.js';
import { makeTempDir } from '../helpers/temp.js';
import { DRAFT, FILED_AT, REPORTING_SETTINGS, REPORT_PHONE, REPORT_TEXT, makeCommissionKeys, reportingService } from '../unit/reports-fixture.js';

// The small snapshot's county is 430124, and the kiosk files reports only for its regions.
const SETTINGS: KioskSettings = { ...REPORTING_SETTINGS, homeRegionCode: '430124', printing: { enabled: true, layout: 'a4' } };
const SNAPSHOT_DRAFT = { ...DRAFT, regionCode: '430124101201', record: { ...DRAFT.record!, regionCode: '430124101201' } };

let temp: ReturnType<typeof makeTempDir>;
let outDir: string;
let snapshot: SmallSnapshot;
let service: KioskService;
let now = FILED_AT.getTime();

async function householdOf(index: number): Promise<Household> {
  const result = await service.lookupHousehold(snapshot.households[index]!.persons[0]!.idNumber);
  if (result.status !== 'found') throw new Error(`household ${index} not found: ${result.status}`);
  return result.household;
}

function printedText(result: PrintResult): string {
  if (result.status !== 'printed') throw new Error(`expected printed, got ${JSON.stringify(result)}`);
  return pdfText(path.join(outDir, result.output)).replace(/[ \t]+/g, ' ');
}

function reasonOf(result: PrintResult): string {
  return result.status === 'failed' ? result.reason : `not failed: ${JSON.stringify(result)}`;
}

beforeAll(async () => {
  temp = makeTempDir('minsheng-print-service-');
  const file = path.join(temp.dir, 'small.sqlite');
  snapshot = writeSmallSnapshot(file, { householdCount: 2, paymentsOfFirst: 3 });
  const dataDir = path.join(temp.dir, 'data');
  await installSnapshotFile(dataDir, file);

  outDir = path.join(temp.dir, 'printed');
  service = reportingService(dataDir, makeCommissionKeys(temp.dir), {
    settings: SETTINGS,
    clock: () => new Date(now),
    printOutput: createPdfPrinter({ outDir }),
  });
});

afterAll(async () => {
  await service?.close();
  temp?.remove();
});

describe('statement printing', () => {
  it('prints the snapshot, not the request', async () => {
    const household = await householdOf(0);
    const forged: Household = {
      ...household,
      villageName: '伪造村',
      members: [{ maskedName: '王大明 430124195803120105', relation: '户主', isQueried: true }],
      payments: household.payments.map((payment) => ({ ...payment, amountFen: 99_999_999, department: '电话 13812345678' })),
    };

    const text = printedText(await service.print({ document: 'statement', language: 'zh-CN', household: forged }));

    expect(text).not.toContain('伪造村');
    expect(text).not.toContain('王大明');
    expect(text).not.toContain('13812345678');
    expect(text).not.toContain('999,999.99');
    expect(text).toContain(household.villageName);
    expect(text).toContain(`${household.members[0]!.maskedName}（户主）`);
    expect(text).toContain(`总计（共 ${household.payments.length} 笔）`);
  });

  it('rejects payments of two households', async () => {
    const first = await householdOf(0);
    const second = await householdOf(1);
    const mixed: Household = { ...first, payments: [first.payments[0]!, second.payments[0]!] };

    const result = await service.print({ document: 'statement', language: 'zh-CN', household: mixed });

    expect(reasonOf(result)).toBe("the statement's payments belong to 2 households; a statement prints one household");
  });

  it('rejects an unknown payment', async () => {
    const household = await householdOf(0);
    const unknown: Household = { ...household, payments: [{ ...household.payments[0]!, paymentId: 'NO-SUCH-PAYMENT' }] };

    const result = await service.print({ document: 'statement', language: 'zh-CN', household: unknown });

    expect(reasonOf(result)).toBe('payment "NO-SUCH-PAYMENT" is not in the installed snapshot; look the household up again');
  });
});

describe('receipt printing', () => {
  it('prints what the terminal filed', async () => {
    const filed = await service.fileReport(SNAPSHOT_DRAFT);
    if (filed.status !== 'filed') throw new Error(`filing failed: ${filed.status}`);
    const caseNumber = filed.receipt.caseNumber;

    const result = await service.print({ document: 'receipt', language: 'zh-CN', caseNumber });
    const text = printedText(result);

    expect(text.replace(/\s+/g, '')).toContain(DRAFT.record!.label.replace(/\s+/g, ''));
    expect(text).toContain('139****1234');
    expect(text).not.toContain(REPORT_PHONE);
    expect(text.replace(/\s+/g, '')).not.toContain(REPORT_TEXT.slice(0, 10));
    if (result.status !== 'printed') return;
    expect(decodePdfQrCodes(path.join(outDir, result.output))).toEqual([buildTrackUrl(SETTINGS.reporting!.trackUrl!, caseNumber)]);
  });

  it('rejects a case number never filed here', async () => {
    const result = await service.print({ document: 'receipt', language: 'zh-CN', caseNumber: '26051247369328' });

    expect(reasonOf(result)).toBe(
      'no report with case number 26051247369328 was filed on this terminal in the last hour, so its receipt cannot be printed',
    );
  });

  it('forgets receipts after an hour', async () => {
    const filed = await service.fileReport(SNAPSHOT_DRAFT);
    if (filed.status !== 'filed') throw new Error(`filing failed: ${filed.status}`);

    now += 61 * 60 * 1000;
    const result = await service.print({ document: 'receipt', language: 'zh-CN', caseNumber: filed.receipt.caseNumber });

    expect(reasonOf(result)).toContain(`no report with case number ${filed.receipt.caseNumber}`);
  });
});

describe('print queue', () => {
  it('returns busy beyond three waiting jobs', async () => {
    const requests = Array.from({ length: 6 }, () => service.print({ document: 'test', language: 'zh-CN' }));

    const results = await Promise.all(requests);

    const printed = results.filter((result) => result.status === 'printed');
    const busy = results.filter((result) => reasonOf(result).startsWith('printer busy: one job printing and 3 waiting (at most 3)'));
    expect(printed).toHaveLength(4);
    expect(busy).toHaveLength(2);
  });

  it('prints again once the queue is empty', async () => {
    const result = await service.print({ document: 'test', language: 'zh-CN' });
    expect(result.status).toBe('printed');
  });
});
