import { useTranslation } from 'react-i18next';

/**
 * clears: what the reset throws away, in the villager's words: the typed ID number on the
 * lookup screens, what was looked at everywhere else.
 */
export function IdleWarning({
  secondsLeft,
  clears,
  onMoreTime,
}: {
  secondsLeft: number;
  clears: 'number' | 'browsing';
  onMoreTime(): void;
}) {
  const { t } = useTranslation();
  return (
    <div className="modal-backdrop">
      <div className="modal" role="alertdialog" aria-modal="true" aria-labelledby="idle-title" aria-describedby="idle-countdown">
        <h2 id="idle-title" className="modal-title">
          <span aria-hidden="true">⚠ </span>
          {t('idle.title')}
        </h2>
        <p id="idle-countdown" className="modal-text" data-testid="idle-countdown">
          {clears === 'number' ? t('idle.countdown', { seconds: secondsLeft }) : t('idle.countdownBrowsing', { seconds: secondsLeft })}
        </p>
        <button type="button" className="big-button big-button--primary" onClick={onMoreTime} autoFocus>
          {t('idle.more')}
        </button>
      </div>
    </div>
  );
}
