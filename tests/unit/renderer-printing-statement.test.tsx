// @vitest-environment happy-dom
// The statement's print button on the lookup result: shown only when the terminal prints, and
// printing the household on screen in the language on screen.
import { cleanup, fireEvent, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { KioskApi, KioskSettings } from '../../src-shared/kiosk-api.js';
import type { PrintRequest, PrintResult } from '../../src-shared/reports-api.js';
import { memoryKioskApi, SETTINGS, VALID_ID } from '../helpers/memory-kiosk-api.js';
import { renderHome } from '../helpers/render-app.js';

function printingApi(settings: KioskSettings) {
  const requests: PrintRequest[] = [];
  const api: KioskApi = {
    ...memoryKioskApi(),
    getSettings: async () => settings,
    fileReport: async () => ({ status: 'not-configured' }),
    getCaseStatus: async () => ({ status: 'invalid', problem: 'empty' }),
    print: async (request: PrintRequest): Promise<PrintResult> => {
      requests.push(request);
      return { status: 'printed', layout: settings.printing.layout, output: 'statement-1.pdf' };
    },
  };
  return { api, requests };
}

async function openResult(api: KioskApi) {
  await renderHome(api);
  fireEvent.click(document.querySelector('[data-tile="lookup"]')!);
  await screen.findByText('查询范围：宁乡市');
  for (const key of VALID_ID) fireEvent.click(document.querySelector(`[data-key="${key}"]`)!);
  fireEvent.click(document.querySelector('[data-key="search"]')!);
  await screen.findByTestId('grand-total');
}

afterEach(cleanup);

describe('statement print button', () => {
  it('is absent when printing is off', async () => {
    const { api } = printingApi({ ...SETTINGS, printing: { enabled: false, layout: 'a4' } });
    await openResult(api);

    expect(screen.queryByText('打印补贴明细')).toBeNull();
    expect(screen.queryByTestId('print-control')).toBeNull();
  });

  it('prints the household on screen', async () => {
    const { api, requests } = printingApi({ ...SETTINGS, printing: { enabled: true, layout: 'a4' } });
    await openResult(api);

    fireEvent.click(screen.getByText('打印补贴明细'));
    await screen.findByText('打印完成，请在出纸口取走。');

    expect(requests).toHaveLength(1);
    const request = requests[0]!;
    expect(request.document).toBe('statement');
    expect(request.language).toBe('zh-CN');
    expect(request.layout).toBeUndefined();
    if (request.document !== 'statement') return;
    expect(request.household.villageCode).toBe('430124101201');
    expect(request.household.members.map((member) => member.maskedName)).toEqual([
      '王*丰',
      '李*',
      '王*',
    ]);
  });

  it('prints in English after the switch', async () => {
    const { api, requests } = printingApi({ ...SETTINGS, printing: { enabled: true, layout: 'receipt-80mm' } });
    await openResult(api);

    fireEvent.click(screen.getByText('English'));
    fireEvent.click(await screen.findByText('Print statement'));
    await screen.findByText('Printed. Please take the paper from the slot.');

    expect(requests.map((request) => request.language)).toEqual(['en']);
  });
});
