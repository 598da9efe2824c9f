// The on-screen keypad of every number a villager types (ID number, phone number, case
// number): keys in a 3-column grid, and beside them a side column with a tall action key such
// as 查询. Keys are at least 96 px tall with 16 px gaps, well above the 60 px touch minimum.
// While locked (a lookup or check runs, or no data is installed) every key is disabled and
// drawn with dashed borders, so the state never rests on colour.
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

/** The tall key of the side column, which acts on the whole number. */
export interface KeypadAction {
  /** The button's data-key, such as "search". */
  dataKey: string;
  label: ReactNode;
  enabled: boolean;
  onPress(): void;
}

export interface KeypadProps<Key extends string> {
  /** Keys of the grid in reading order, 'backspace' and 'clear' among them where the grid has them. */
  gridKeys: readonly Key[];
  /** Keys stacked above the action key in the side column. */
  sideKeys?: readonly Key[];
  isKeyEnabled(key: Key): boolean;
  locked: boolean;
  /** Set while the action runs, for assistive technology. */
  busy?: boolean;
  /** Accessible name of the clear key, naming what it clears. */
  clearLabel: string;
  onKey(key: Key): void;
  /** Absent on steps that use the footer's 下一步, which then show the grid alone. */
  action?: KeypadAction;
}

export function Keypad<Key extends string>({ gridKeys, sideKeys = [], isKeyEnabled, locked, busy, clearLabel, onKey, action }: KeypadProps<Key>) {
  const { t } = useTranslation();

  function keyButton(key: Key) {
    const isBackspace = key === 'backspace';
    const isClear = key === 'clear';
    let label: string | undefined;
    let text: string = key;
    if (isBackspace) {
      label = t('keypad.backspaceLabel');
      text = `⌫ ${t('keypad.backspace')}`;
    } else if (isClear) {
      label = clearLabel;
      text = t('keypad.clear');
    }

    return (
      <button
        key={key}
        type="button"
        className={isBackspace || isClear ? 'key key--action' : 'key'}
        data-key={key}
        aria-label={label}
        disabled={locked || !isKeyEnabled(key)}
        onClick={() => onKey(key)}
      >
        {text}
      </button>
    );
  }

  const hasSide = action !== undefined || sideKeys.length > 0;
  return (
    <div className={hasSide ? 'keypad' : 'keypad keypad--no-side'} aria-busy={busy}>
      <div className="keypad-grid">{gridKeys.map(keyButton)}</div>
      {hasSide && (
        <div className="keypad-side">
          {sideKeys.map(keyButton)}
          {action !== undefined && (
            <button type="button" className="key key--search" data-key={action.dataKey} disabled={locked || !action.enabled} onClick={action.onPress}>
              {action.label}
            </button>
          )}
        </div>
      )}
    </div>
  );
}
