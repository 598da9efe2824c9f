// The on-screen keypad: digits, X, delete and clear in a 3-column grid, with a tall search key
// beside them. Keys are at least 96 px tall with 16 px gaps, well above the 60 px touch minimum.
// While locked (a lookup runs, or no data is installed) every key is disabled: dashed borders,
// and the search key shows an hourglass and "searching", so the state never rests on colour.
import { useTranslation } from 'react-i18next';
import { isKeyEnabled } from '../id-input/id-input.js';
import type { KeypadKey } from '../id-input/id-input.js';

const GRID_KEYS: KeypadKey[] = ['1', '2', '3', '4', '5', '6', '7', '8', '9', 'X', '0', 'backspace'];

export interface KeypadProps {
  input: string;
  locked: boolean;
  searching: boolean;
  canSearch: boolean;
  onKey(key: KeypadKey): void;
  onSearch(): void;
}

export function Keypad({ input, locked, searching, canSearch, onKey, onSearch }: KeypadProps) {
  const { t } = useTranslation();

  function keyButton(key: KeypadKey) {
    const isBackspace = key === 'backspace';
    const isClear = key === 'clear';
    let label: string | undefined;
    let text: string = key;
    if (isBackspace) {
      label = t('keypad.backspaceLabel');
      text = `⌫ ${t('keypad.backspace')}`;
    } else if (isClear) {
      label = t('keypad.clearLabel');
      text = t('keypad.clear');
    }

    return (
      <button
        key={key}
        type="button"
        className={isBackspace || isClear ? 'key key--action' : 'key'}
        data-key={key}
        aria-label={label}
        disabled={locked || !isKeyEnabled(input, key)}
        onClick={() => onKey(key)}
      >
        {text}
      </button>
    );
  }

  return (
    <div className="keypad" aria-busy={searching}>
      <div className="keypad-grid">{GRID_KEYS.map(keyButton)}</div>
      <div className="keypad-side">
        {keyButton('clear')}
        <button type="button" className="key key--search" data-key="search" disabled={!canSearch} onClick={onSearch}>
          {searching ? (
            <>
              <span className="key-icon" aria-hidden="true">
                ⏳
              </span>
              {t('keypad.searching')}
            </>
          ) : (
            t('keypad.search')
          )}
        </button>
      </div>
    </div>
  );
}
