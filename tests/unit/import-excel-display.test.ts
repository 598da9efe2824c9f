import { describe, expect, it } from 'vitest';
import { formatGeneral, formatWithNumberFormat } from '../../src-main/publisher/import/excel-display.js';

// An 18-digit ID number stored as a number, which a double cannot hold exactly.
const ID_AS_NUMBER = Number('430123199001011234');

describe('formatGeneral', () => {
  it.each([
    [ID_AS_NUMBER, '4.30123E+17'],
    [123456789012, '1.23457E+11'],
    [12345678901, '12345678901'],
    [12345678901.5, '12345678902'],
    [1234.5, '1234.5'],
    [0.1 + 0.2, '0.3'],
    [100000000000, '1E+11'],
    [0.00001234, '1.234E-05'],
    [0.0001, '0.0001'],
    [-1234.5, '-1234.5'],
    [3.14159265358979, '3.141592654'],
    [45356, '45356'],
    [0, '0'],
  ])('shows %d as %s', (value, shown) => {
    expect(formatGeneral(value)).toBe(shown);
  });
});

describe('formatWithNumberFormat', () => {
  it('keeps 15 significant digits with format 0', () => {
    expect(formatWithNumberFormat(ID_AS_NUMBER, '0')).toBe('430123199001011000');
  });

  it('groups thousands with #,##0.00', () => {
    expect(formatWithNumberFormat(1234567.5, '#,##0.00')).toBe('1,234,567.50');
  });

  it('falls back to General for other formats', () => {
    expect(formatWithNumberFormat(1234.5, '0.0%')).toBe('1234.5');
  });
});
