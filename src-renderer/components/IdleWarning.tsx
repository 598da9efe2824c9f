import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import type { KioskView } from '../navigation/views.js';

/**
 * What the idle reset throws away, which the warning names in the villager's words: a report
 * not yet filed, a looked-up household, a typed ID number, or nothing typed ('browsing', where
 * only the pages looked at close).
 */
export type IdleLoss = 'report' | 'household' | 'number' | 'browsing';

/**
 * Picks what the idle reset would lose, the most costly first. A report draft takes the longest
 * to redo, and a household on screen or under an open payment goes with the number that found it.
 */
export function idleLoss(session: { views: readonly KioskView[]; idInput: string; reportDraftOpen: boolean }): IdleLoss {
  if (session.reportDraftOpen) return 'report';
  if (session.views.some((view) => view.kind === 'result' || view.kind === 'payment')) return 'household';
  if (session.idInput !== '') return 'number';
  return 'browsing';
}

function countdownText(t: TFunction, loss: IdleLoss, seconds: number): string {
  switch (loss) {
    case 'report':
      return t('idle.countdownReport', { seconds });
    case 'household':
      return t('idle.countdownHousehold', { seconds });
    case 'number':
      return t('idle.countdown', { seconds });
    case 'browsing':
      return t('idle.countdownBrowsing', { seconds });
  }
}

export function IdleWarning({ secondsLeft, clears, onMoreTime }: { secondsLeft: number; clears: IdleLoss; onMoreTime(): void }) {
  const { t } = useTranslation();
  return (
    <div className="modal-backdrop">
      <div className="modal" role="alertdialog" aria-modal="true" aria-labelledby="idle-title" aria-describedby="idle-countdown">
        <h2 id="idle-title" className="modal-title">
          <span aria-hidden="true">⚠ </span>
          {t('idle.title')}
        </h2>
        <p id="idle-countdown" className="modal-text" data-testid="idle-countdown" data-clears={clears}>
          {countdownText(t, clears, secondsLeft)}
        </p>
        <button type="button" className="big-button big-button--primary" onClick={onMoreTime} autoFocus>
          {t('idle.more')}
        </button>
      </div>
    </div>
  );
}
