import { useTranslation } from 'react-i18next';

export function IdleWarning({ secondsLeft, onMoreTime }: { secondsLeft: number; onMoreTime(): void }) {
  const { t } = useTranslation();
  return (
    <div className="modal-backdrop">
      <div className="modal" role="alertdialog" aria-modal="true" aria-labelledby="idle-title" aria-describedby="idle-countdown">
        <h2 id="idle-title" className="modal-title">
          <span aria-hidden="true">⚠ </span>
          {t('idle.title')}
        </h2>
        <p id="idle-countdown" className="modal-text" data-testid="idle-countdown">
          {t('idle.countdown', { seconds: secondsLeft })}
        </p>
        <button type="button" className="big-button big-button--primary" onClick={onMoreTime} autoFocus>
          {t('idle.more')}
        </button>
      </div>
    </div>
  );
}
