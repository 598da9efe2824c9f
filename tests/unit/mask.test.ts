import { describe, expect, it } from 'vitest';
import { maskName } from '../../src-shared/mask.js';

describe('maskName', () => {
  it.each([
    ['张三丰', '张*丰'],
    ['张三', '张*'],
    ['欧阳娜娜', '欧**娜'],
    ['李', '*'],
    ['龙', '*'],
    ['', ''],
    [' 王小明 ', '王*明'],
    // Characters outside the Basic Multilingual Plane count as one character.
    ['𠀀小明', '𠀀*明'],
  ])('masks %j as %j', (name, masked) => {
    expect(maskName(name)).toBe(masked);
  });
});
