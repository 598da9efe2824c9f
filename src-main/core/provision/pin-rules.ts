// Rules for the admin PIN a technician chooses at provisioning. The admin screen can export
// logs and exit to the desktop, so a PIN that anyone would try first is rejected.
import { ADMIN_PIN_MAX, ADMIN_PIN_MIN } from '../../../src-shared/admin-api.js';
import type { Translate } from '../../../src-shared/messages/translator.js';

export type PinProblem = 'not-digits' | 'length' | 'same-digit' | 'sequence';

/**
 * Returns why `pin` is not acceptable, or null when it is. Rejected: anything but ASCII digits,
 * fewer than ADMIN_PIN_MIN or more than ADMIN_PIN_MAX digits, one digit repeated (000000), and
 * a run up or down in steps of one, wrapping past 9 and 0 (123456, 654321, 7890123).
 */
export function checkPin(pin: string): PinProblem | null {
  if (!/^\d*$/.test(pin)) return 'not-digits';
  if (pin.length < ADMIN_PIN_MIN || pin.length > ADMIN_PIN_MAX) return 'length';

  const digits = [...pin].map(Number);
  const steps = digits.slice(1).map((digit, index) => (digit - digits[index]! + 10) % 10);
  if (steps.every((step) => step === 0)) return 'same-digit';
  if (steps.every((step) => step === 1) || steps.every((step) => step === 9)) return 'sequence';
  return null;
}

const PIN_PROBLEM_KEYS: Record<PinProblem, string> = {
  'not-digits': 'provision:pin.notDigits',
  length: 'provision:pin.length',
  'same-digit': 'provision:pin.sameDigit',
  sequence: 'provision:pin.sequence',
};

/** Explains a PIN problem and the rule to follow, without the PIN. */
export function describePinProblem(problem: PinProblem, t: Translate): string {
  return t(PIN_PROBLEM_KEYS[problem], { min: ADMIN_PIN_MIN, max: ADMIN_PIN_MAX });
}
