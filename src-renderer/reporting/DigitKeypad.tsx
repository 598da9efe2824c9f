// The keypad of the phone number and the case number: the ID keypad's grid with clear in
// place of X, so a villager meets the same keys everywhere.
import { useTranslation } from 'react-i18next';
import { Keypad } from '../components/Keypad.js';
import type { KeypadAction } from '../components/Keypad.js';
import type { DigitKey } from './report-flow.js';

const GRID_KEYS: readonly DigitKey[] = ['1', '2', '3', '4', '5', '6', '7', '8', '9', 'clear', '0', 'backspace'];

export interface DigitKeypadProps {
  input: string;
  maxDigits: number;
  locked?: boolean;
  onKey(key: DigitKey): void;
  /** The tall key beside the grid, such as 查询; absent on steps that use the footer's 下一步. */
  action?: Omit<KeypadAction, 'dataKey'>;
}

export function DigitKeypad({ input, maxDigits, locked = false, onKey, action }: DigitKeypadProps) {
  const { t } = useTranslation();

  function isKeyEnabled(key: DigitKey): boolean {
    if (key === 'backspace' || key === 'clear') return input.length > 0;
    return input.length < maxDigits;
  }

  return (
    <Keypad
      gridKeys={GRID_KEYS}
      isKeyEnabled={isKeyEnabled}
      locked={locked}
      clearLabel={t('reporting.keypad.clearLabel')}
      onKey={onKey}
      action={action && { ...action, dataKey: 'action' }}
    />
  );
}
