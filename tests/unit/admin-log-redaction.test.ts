// The admin screen's second redaction pass removes ID, phone and bank card numbers in any common
// spelling, and personal fields by name, from a log line. Times, versions, byte counts and codes
// stay readable.
import { describe, expect, it } from 'vitest';
import { redactLogLine } from '../../src-main/core/admin/log-redaction.js';

// Made-up values with valid shapes: an ID number with its check character, a mobile number, a UnionPay card.
const ID_NUMBER = '43012119900307123X';
const PHONE = '13812345678';
const CARD = '6222021234567890123';

describe('redactLogLine', () => {
  it('removes an ID number, a phone and a bank card from one line', () => {
    const line = `{"level":50,"module":"lookup","msg":"lookup failed for ${ID_NUMBER}, call ${PHONE}, pay to ${CARD}"}`;
    const redacted = redactLogLine(line);

    expect(redacted).not.toContain(ID_NUMBER);
    expect(redacted).not.toContain(PHONE);
    expect(redacted).not.toContain(CARD);
    expect(redacted).toBe(
      '{"level":50,"module":"lookup","msg":"lookup failed for [18 digits redacted], call [11 digits redacted], pay to [19 digits redacted]"}',
    );
  });

  it.each([
    ['an ID number with a lower-case x', '43012119900307123x', '[18 digits redacted]'],
    ['a 15-digit ID number', '430121900307123', '[15 digits redacted]'],
    ['an ID number in 6-8-4 groups', '430121 19900307 123X', '[18 digits redacted]'],
    ['a phone with dashes', '138-1234-5678', '[11 digits redacted]'],
    ['a phone with spaces', '138 1234 5678', '[11 digits redacted]'],
    ['a phone with +86', '+86 13812345678', '[13 digits redacted]'],
    ['a phone with 86 and no space', '8613812345678', '[13 digits redacted]'],
    ['a landline with an area code', '0731-84561234', '[12 digits redacted]'],
    ['a card in groups of four', '6222 0212 3456 7890', '[16 digits redacted]'],
    ['a 19-digit card with dashes', '6222-0212-3456-7890-123', '[19 digits redacted]'],
  ])('removes %s', (_case, value, replacement) => {
    expect(redactLogLine(`value ${value} end`)).toBe(`value ${replacement} end`);
  });

  it('censors personal fields of a JSON line by name', () => {
    const line = '{"module":"reports","name":"张三丰","phone":"0731 8456","idNumber":430121,"address":"白岩村3组","caseNumber":"20260512000123"}';

    expect(redactLogLine(line)).toBe(
      '{"module":"reports","name":"[redacted]","phone":"[redacted]","idNumber":"[redacted]","address":"[redacted]","caseNumber":"20260512000123"}',
    );
  });

  it('censors personal fields of a text line by name', () => {
    expect(redactLogLine('warn reports: filed (name=张三丰, phone=0731-8456, hostname=vm)')).toBe(
      'warn reports: filed (name=[redacted], phone=[redacted], hostname=vm)',
    );
  });

  it('keeps times, versions, sizes and codes', () => {
    const line =
      '{"level":30,"time":"2026-12-05T06:53:35.123Z","pid":4242,"hostname":"kiosk-07","module":"sync","version":12,"bytes":1048576,"region":"430121","msg":"installed snapshot 12 (v1.4.2) in 2350 ms"}';

    expect(redactLogLine(line)).toBe(line);
  });
});
