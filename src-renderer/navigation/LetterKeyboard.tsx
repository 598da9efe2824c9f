// An on-screen A-Z keyboard for pinyin letters, since a kiosk has no system keyboard. Letters are
// in alphabetical order, not QWERTY: most elderly villagers have never typed on a computer but
// learned the pinyin alphabet at school. Four rows of seven keys, the last two of which delete.
import { useTranslation } from 'react-i18next';

const LETTERS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ'.split('');

export interface LetterKeyboardProps {
  /** Receives the letter in lower case. */
  onLetter(letter: string): void;
  onBackspace(): void;
  onClear(): void;
  /** Locks every key, e.g. while nothing could be typed usefully. */
  disabled?: boolean;
}

export function LetterKeyboard({ onLetter, onBackspace, onClear, disabled = false }: LetterKeyboardProps) {
  const { t } = useTranslation();

  return (
    <div className="letter-keyboard" role="group" aria-label={t('navigation.keyboard.label')}>
      {LETTERS.map((letter) => (
        <button
          key={letter}
          type="button"
          className="letter-key"
          data-letter={letter}
          disabled={disabled}
          onClick={() => onLetter(letter.toLowerCase())}
        >
          {letter}
        </button>
      ))}
      <button
        type="button"
        className="letter-key letter-key--action"
        data-letter="backspace"
        aria-label={t('navigation.keyboard.backspaceLabel')}
        disabled={disabled}
        onClick={onBackspace}
      >
        <span aria-hidden="true">⌫ </span>
        {t('navigation.keyboard.backspace')}
      </button>
      <button
        type="button"
        className="letter-key letter-key--action"
        data-letter="clear"
        aria-label={t('navigation.keyboard.clearLabel')}
        disabled={disabled}
        onClick={onClear}
      >
        {t('navigation.keyboard.clear')}
      </button>
    </div>
  );
}
