// Rules for the admin PIN a technician chooses at provisioning. The admin screen can export
// logs and exit to the desktop, so a PIN that anyone would try first is rejected.
import { ADMIN_PIN_MAX, ADMIN_PIN_MIN } from '../../../src-shared/admin-api.js';
import type { Translate } from '../../../src-shared/messages/translator.js';

export type PinProblem = 'not-digits' | 'length' | 'same-digit' | 'sequence' | 'pattern' | 'demo';

/** The demo terminal's PIN, printed in the README (kiosk-config/demo.json contains its hash). */
export const DEMO_PIN = '246810';

/** True when `pin` is a shorter block written out two or more times: 121212, 123123, 48154815. */
function isRepeatedBlock(pin: string): boolean {
  for (let size = 1; size <= pin.length / 2; size += 1) {
    if (pin.length % size === 0 && pin.slice(0, size).repeat(pin.length / size) === pin) return true;
  }
  return false;
}

/** True when each digit of `pin` appears two or three times in a row: 112233, 111222, 998877. */
function isDoubledDigits(pin: string): boolean {
  return [2, 3].some((times) => pin.length % times === 0 && new RegExp(`^(?:(\\d)\\1{${times - 1}})+$`).test(pin));
}

/**
 * Returns why `pin` is not acceptable, or null when it is. Rejected: anything but ASCII digits,
 * fewer than ADMIN_PIN_MIN or more than ADMIN_PIN_MAX digits, one digit repeated (000000), a run
 * up or down in equal steps, wrapping past 9 and 0 (123456, 654321, 7890123, 135791), a block
 * written out again (121212, 123123), each digit doubled or tripled (112233), and the demo PIN.
 */
export function checkPin(pin: string): PinProblem | null {
  if (!/^\d*$/.test(pin)) return 'not-digits';
  if (pin.length < ADMIN_PIN_MIN || pin.length > ADMIN_PIN_MAX) return 'length';

  const digits = [...pin].map(Number);
  const steps = digits.slice(1).map((digit, index) => (digit - digits[index]! + 10) % 10);
  if (steps.every((step) => step === 0)) return 'same-digit';
  if (steps.every((step) => step === steps[0])) return 'sequence';
  if (isRepeatedBlock(pin) || isDoubledDigits(pin)) return 'pattern';
  if (pin === DEMO_PIN) return 'demo';
  return null;
}

const PIN_PROBLEM_KEYS: Record<PinProblem, string> = {
  'not-digits': 'provision:pin.notDigits',
  length: 'provision:pin.length',
  'same-digit': 'provision:pin.sameDigit',
  sequence: 'provision:pin.sequence',
  pattern: 'provision:pin.pattern',
  demo: 'provision:pin.demo',
};

/** Explains a PIN problem and the rule to follow, without the PIN. */
export function describePinProblem(problem: PinProblem, t: Translate): string {
  return t(PIN_PROBLEM_KEYS[problem], { min: ADMIN_PIN_MIN, max: ADMIN_PIN_MAX });
}
