// The admin PIN rules of `minsheng provision`: 6 to 12 ASCII digits, not one digit repeated, not
// a run up or down in equal steps, not a repeated group or doubled digits, not the demo PIN.
import { describe, expect, it } from 'vitest';
import { checkPin } from '../../src-main/core/provision/pin-rules.js';

describe('checkPin', () => {
  it.each(['482915', '48291537', '135792', '000001', '121213', '112234', '987654321798'])('accepts %s', (pin) => {
    expect(checkPin(pin)).toBeNull();
  });

  it.each([
    ['', 'length'],
    ['48291', 'length'],
    ['4829153748291', 'length'],
    ['12a456', 'not-digits'],
    [' 482915', 'not-digits'],
    ['482915\n', 'not-digits'],
    ['４８２９１５', 'not-digits'],
    ['000000', 'same-digit'],
    ['999999999999', 'same-digit'],
    ['123456', 'sequence'],
    ['654321', 'sequence'],
    ['012345', 'sequence'],
    ['7890123', 'sequence'],
    ['3210987', 'sequence'],
    ['123456789012', 'sequence'],
    ['135791', 'sequence'],
    ['975319', 'sequence'],
    ['121212', 'pattern'],
    ['123123', 'pattern'],
    ['48154815', 'pattern'],
    ['112233', 'pattern'],
    ['111222', 'pattern'],
    ['246810', 'demo'],
  ])('rejects %j as %s', (pin, problem) => {
    expect(checkPin(pin)).toBe(problem);
  });
});
