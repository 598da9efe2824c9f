// A big print button and the plain-words feedback under it. The host's print result picks the
// words: printed, not set up, or failed (with a retry). A failure reason from the host goes to
// the host's log, never to the screen, and a rejected call counts as a failure.
import { useCallback, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import type { KioskApi, KioskSettings } from '../../src-shared/kiosk-api.js';
import type { PrintRequest, PrintResult } from '../../src-shared/reports-api.js';
import { PrinterIcon } from './PrinterIcon.js';

export interface PrintButtonProps {
  api: Pick<KioskApi, 'print'>;
  request: PrintRequest;
  /** The button's words, for example t('printing.statement'). */
  label: string;
  settings: KioskSettings;
}

/** State of the last print request, 'idle' before the first tap. */
export type PrintState = 'idle' | 'printing' | 'printed' | 'not-configured' | 'failed';

// Literal keys, so the catalog test can check each one exists in both languages.
function statusText(state: PrintState, t: TFunction): string | null {
  switch (state) {
    case 'idle':
      return null;
    case 'printing':
      return t('printing.busy');
    case 'printed':
      return t('printing.printed');
    case 'not-configured':
      return t('printing.notConfigured');
    case 'failed':
      return t('printing.failed');
  }
}

export function PrintButton({ api, request, label, settings }: PrintButtonProps) {
  const { t } = useTranslation();
  const [state, setState] = useState<PrintState>('idle');
  // Set at once on the first tap, so a second tap that arrives before React re-renders the
  // disabled button still prints only once.
  const busyRef = useRef(false);

  const print = useCallback(() => {
    if (busyRef.current) return;
    busyRef.current = true;
    setState('printing');

    // A host that throws instead of rejecting also ends in 'failed'.
    let pending: Promise<PrintResult>;
    try {
      pending = api.print(request);
    } catch (error) {
      pending = Promise.reject(error);
    }
    pending
      .then(
        (result) => setState(result.status),
        () => setState('failed'),
      )
      .finally(() => {
        busyRef.current = false;
      });
  }, [api, request]);

  if (!settings.printing.enabled) return null;

  return (
    <div className="print-control" data-testid="print-control" data-state={state}>
      {state !== 'failed' && (
        <button
          type="button"
          className="big-button print-button"
          disabled={state === 'printing' || state === 'not-configured'}
          onClick={print}
        >
          <PrinterIcon />
          <span>{label}</span>
        </button>
      )}
      {state === 'failed' && (
        <button type="button" className="big-button print-button" onClick={print}>
          <PrinterIcon />
          <span>{t('printing.retry')}</span>
        </button>
      )}
      <p className={`print-status print-status--${state}`} role="status" aria-live="polite" data-testid="print-status">
        {statusText(state, t)}
      </p>
    </div>
  );
}
