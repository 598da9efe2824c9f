// The "back" and "done" buttons at the bottom of the result and message screens.
import type { MouseEvent } from 'react';
import { useTranslation } from 'react-i18next';

interface BackDoneButtonsProps {
  onBack: () => void;
  onDone: () => void;
}

export function BackButton({ onBack }: Pick<BackDoneButtonsProps, 'onBack'>) {
  const { t } = useTranslation();
  // The back button of the screen underneath sits where this one was, so the second tap of a
  // double tap would leave that screen too. The browser counts a tap that follows quickly on
  // the same spot as the second click (detail 2); only the first one goes back.
  const onClick = (event: MouseEvent<HTMLButtonElement>) => {
    if (event.detail > 1) return;
    onBack();
  };
  return (
    <button type="button" className="big-button" onClick={onClick}>
      <span aria-hidden="true">← </span>
      {t('result.back')}
    </button>
  );
}

export function DoneButton({ onDone }: Pick<BackDoneButtonsProps, 'onDone'>) {
  const { t } = useTranslation();
  return (
    <button type="button" className="big-button big-button--primary" onClick={onDone}>
      <span aria-hidden="true">✓ </span>
      {t('result.done')}
    </button>
  );
}
