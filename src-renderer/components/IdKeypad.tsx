// The ID number keypad of the household lookup: digits and X in the grid, clear above the tall
// search key. During a lookup the search key shows an hourglass and "searching" in words.
import { useTranslation } from 'react-i18next';
import { isKeyEnabled } from '../id-input/id-input.js';
import type { KeypadKey } from '../id-input/id-input.js';
import { Keypad } from './Keypad.js';

const GRID_KEYS: readonly KeypadKey[] = ['1', '2', '3', '4', '5', '6', '7', '8', '9', 'X', '0', 'backspace'];
const SIDE_KEYS: readonly KeypadKey[] = ['clear'];

export interface IdKeypadProps {
  input: string;
  locked: boolean;
  searching: boolean;
  canSearch: boolean;
  onKey(key: KeypadKey): void;
  onSearch(): void;
}

export function IdKeypad({ input, locked, searching, canSearch, onKey, onSearch }: IdKeypadProps) {
  const { t } = useTranslation();
  const searchLabel = searching ? (
    <>
      <span className="key-icon" aria-hidden="true">
        ⏳
      </span>
      {t('keypad.searching')}
    </>
  ) : (
    t('keypad.search')
  );

  return (
    <Keypad
      gridKeys={GRID_KEYS}
      sideKeys={SIDE_KEYS}
      isKeyEnabled={(key) => isKeyEnabled(input, key)}
      locked={locked}
      busy={searching}
      clearLabel={t('keypad.clearLabel')}
      onKey={onKey}
      action={{ dataKey: 'search', label: searchLabel, enabled: canSearch, onPress: onSearch }}
    />
  );
}
