// @vitest-environment happy-dom
// The print button's states against a host whose results the test resolves one at a time:
// the busy state, double taps, each result's words in both languages, and retry.
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { I18nextProvider } from 'react-i18next';
import { afterEach, describe, expect, it } from 'vitest';
import type { KioskSettings, Language } from '../../src-shared/kiosk-api.js';
import type { PrintRequest, PrintResult } from '../../src-shared/reports-api.js';
import { createRendererI18n } from '../../src-renderer/i18n/index.js';
import { PrintButton } from '../../src-renderer/printing/PrintButton.js';
import { SETTINGS } from '../helpers/memory-kiosk-api.js';

const PRINTING_ON: KioskSettings = { ...SETTINGS, printing: { enabled: true, layout: 'a4' } };
const PRINTING_OFF: KioskSettings = { ...SETTINGS, printing: { enabled: false, layout: 'a4' } };

const REQUEST: PrintRequest = { document: 'test', language: 'zh-CN' };

// A print host that keeps every request pending until the test resolves it, so the busy state can be seen.
function heldPrinter() {
  const requests: PrintRequest[] = [];
  const pending: { resolve(result: PrintResult): void; reject(error: Error): void }[] = [];
  return {
    requests,
    api: {
      print: (request: PrintRequest) =>
        new Promise<PrintResult>((resolve, reject) => {
          requests.push(request);
          pending.push({ resolve, reject });
        }),
    },
    async resolveNext(result: PrintResult) {
      await act(async () => pending.shift()!.resolve(result));
    },
    async rejectNext(error: Error) {
      await act(async () => pending.shift()!.reject(error));
    },
  };
}

function renderButton(api: ReturnType<typeof heldPrinter>['api'], settings: KioskSettings, language: Language = 'zh-CN') {
  return render(
    <I18nextProvider i18n={createRendererI18n(language)}>
      <PrintButton api={api} request={REQUEST} label="打印补贴明细" settings={settings} />
    </I18nextProvider>,
  );
}

function printButton(): HTMLButtonElement {
  return screen.getByRole('button');
}

function statusText(): string {
  return screen.getByTestId('print-status').textContent ?? '';
}

afterEach(cleanup);

describe('PrintButton', () => {
  it('renders nothing when printing is off', () => {
    const printer = heldPrinter();
    const { container } = renderButton(printer.api, PRINTING_OFF);

    expect(container.innerHTML).toBe('');
    expect(screen.queryByRole('button')).toBeNull();
  });

  it('shows its label and no status before a tap', () => {
    renderButton(heldPrinter().api, PRINTING_ON);

    expect(printButton().textContent).toBe('打印补贴明细');
    expect(printButton().disabled).toBe(false);
    expect(statusText()).toBe('');
  });

  it('announces its status politely', () => {
    renderButton(heldPrinter().api, PRINTING_ON);

    const status = screen.getByTestId('print-status');
    expect(status.getAttribute('aria-live')).toBe('polite');
    expect(status.getAttribute('role')).toBe('status');
  });

  it('disables itself while printing', async () => {
    const printer = heldPrinter();
    renderButton(printer.api, PRINTING_ON);

    fireEvent.click(printButton());

    expect(printButton().disabled).toBe(true);
    expect(statusText()).toBe('正在打印，请稍候…');
    expect(printer.requests).toEqual([REQUEST]);

    await printer.resolveNext({ status: 'printed', layout: 'a4', output: 'statement.pdf' });
    expect(statusText()).toBe('打印完成，请在出纸口取走。');
    expect(printButton().disabled).toBe(false);
  });

  it('prints once on a double tap', async () => {
    const printer = heldPrinter();
    renderButton(printer.api, PRINTING_ON);

    // Both taps land before React re-renders the button as disabled.
    const button = printButton();
    act(() => {
      button.click();
      button.click();
    });
    fireEvent.click(button);

    expect(printer.requests).toHaveLength(1);
    await printer.resolveNext({ status: 'printed', layout: 'a4', output: 'statement.pdf' });
    expect(printer.requests).toHaveLength(1);
  });

  it('prints again on a later tap', async () => {
    const printer = heldPrinter();
    renderButton(printer.api, PRINTING_ON);

    fireEvent.click(printButton());
    await printer.resolveNext({ status: 'printed', layout: 'a4', output: 'first.pdf' });
    fireEvent.click(printButton());

    expect(printer.requests).toHaveLength(2);
    expect(statusText()).toBe('正在打印，请稍候…');
  });

  it('shows when printing is not set up', async () => {
    const printer = heldPrinter();
    renderButton(printer.api, PRINTING_ON);

    fireEvent.click(printButton());
    await printer.resolveNext({ status: 'not-configured' });

    expect(statusText()).toBe('本机没有设置打印机，暂时不能打印。');
    expect(printButton().disabled).toBe(true);
  });

  it('shows plain words and retry on failure', async () => {
    const printer = heldPrinter();
    renderButton(printer.api, PRINTING_ON);

    fireEvent.click(printButton());
    await printer.resolveNext({ status: 'failed', reason: 'CUPS: printer HP-1 is out of paper' });

    expect(statusText()).toBe('打印失败：请联系工作人员，您也可以用手机拍下屏幕。');
    expect(document.body.textContent).not.toContain('CUPS');
    expect(document.body.textContent).not.toContain('out of paper');
    expect(printButton().textContent).toBe('重试');
  });

  it('prints again from retry', async () => {
    const printer = heldPrinter();
    renderButton(printer.api, PRINTING_ON);

    fireEvent.click(printButton());
    await printer.resolveNext({ status: 'failed', reason: 'timed out' });
    fireEvent.click(screen.getByRole('button', { name: '重试' }));

    expect(printer.requests).toHaveLength(2);
    expect(statusText()).toBe('正在打印，请稍候…');

    await printer.resolveNext({ status: 'printed', layout: 'a4', output: 'second.pdf' });
    expect(statusText()).toBe('打印完成，请在出纸口取走。');
    expect(printButton().textContent).toBe('打印补贴明细');
  });

  it('treats a rejected call as a failure', async () => {
    const printer = heldPrinter();
    renderButton(printer.api, PRINTING_ON);

    fireEvent.click(printButton());
    await printer.rejectNext(new Error('kiosk service call print failed: HTTP 500 from /api/print'));

    expect(statusText()).toBe('打印失败：请联系工作人员，您也可以用手机拍下屏幕。');
    expect(document.body.textContent).not.toContain('HTTP 500');
  });

  it('treats a throwing host as a failure', async () => {
    const api = {
      print: (): Promise<PrintResult> => {
        throw new Error('preload missing');
      },
    };
    renderButton(api, PRINTING_ON);

    await act(async () => fireEvent.click(printButton()));

    expect(statusText()).toBe('打印失败：请联系工作人员，您也可以用手机拍下屏幕。');
  });

  it('shows English when switched', async () => {
    const printer = heldPrinter();
    renderButton(printer.api, PRINTING_ON, 'en');

    fireEvent.click(printButton());
    expect(statusText()).toBe('Printing, please wait…');

    await printer.resolveNext({ status: 'failed', reason: 'no paper' });
    expect(statusText()).toBe('Printing failed. Please ask the staff for help, or take a photo of the screen with your phone.');
    expect(printButton().textContent).toBe('Try again');
  });
});
