// A digit keypad for the phone number and the case number. It is laid out and styled as the
// ID keypad (components/Keypad.tsx), so a villager meets the same keys everywhere: digits,
// clear and delete in a 3-column grid, and the screen's action key beside them if it has one.
import { useTranslation } from 'react-i18next';
import type { DigitKey } from './report-flow.js';

const GRID_KEYS: DigitKey[] = ['1', '2', '3', '4', '5', '6', '7', '8', '9', 'clear', '0', 'backspace'];

export interface DigitKeypadProps {
  input: string;
  maxDigits: number;
  locked?: boolean;
  onKey(key: DigitKey): void;
  /** The tall key beside the grid, such as 查询; absent on steps that use the footer's 下一步. */
  action?: { label: string; enabled: boolean; onPress(): void };
}

export function DigitKeypad({ input, maxDigits, locked = false, onKey, action }: DigitKeypadProps) {
  const { t } = useTranslation();

  function keyButton(key: DigitKey) {
    const isBackspace = key === 'backspace';
    const isClear = key === 'clear';
    let label: string | undefined;
    let text: string = key;
    let enabled = input.length < maxDigits;
    if (isBackspace) {
      label = t('keypad.backspaceLabel');
      text = `⌫ ${t('keypad.backspace')}`;
      enabled = input.length > 0;
    } else if (isClear) {
      label = t('reporting.keypad.clearLabel');
      text = t('keypad.clear');
      enabled = input.length > 0;
    }

    return (
      <button
        key={key}
        type="button"
        className={isBackspace || isClear ? 'key key--action' : 'key'}
        data-key={key}
        aria-label={label}
        disabled={locked || !enabled}
        onClick={() => onKey(key)}
      >
        {text}
      </button>
    );
  }

  return (
    <div className={action === undefined ? 'keypad keypad--no-side' : 'keypad'}>
      <div className="keypad-grid">{GRID_KEYS.map(keyButton)}</div>
      {action !== undefined && (
        <div className="keypad-side">
          <button type="button" className="key key--search" data-key="action" disabled={locked || !action.enabled} onClick={action.onPress}>
            {action.label}
          </button>
        </div>
      )}
    </div>
  );
}
