// The "back" and "done" buttons at the bottom of the result and message screens.
import { useTranslation } from 'react-i18next';

interface BackDoneButtonsProps {
  onBack: () => void;
  onDone: () => void;
}

export function BackButton({ onBack }: Pick<BackDoneButtonsProps, 'onBack'>) {
  const { t } = useTranslation();
  return (
    <button type="button" className="big-button" onClick={onBack}>
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
