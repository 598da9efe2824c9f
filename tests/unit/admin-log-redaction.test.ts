// The redaction shared by the logger, the incident log and the admin screen removes ID, phone
// and bank card numbers in any common spelling, and personal fields by name, from a log line.
// Times, versions, IP addresses, byte counts and codes stay readable.
import { afterEach, describe, expect, it } from 'vitest';
import { appendIncident } from '../../src-main/core/incidents.js';
import { scrubText } from '../../src-main/core/log.js';
import { redactPersonalData as redactLogLine } from '../../src-main/core/redaction.js';
import { makeTempDir } from '../helpers/temp.js';

// Made-up values with valid shapes: an ID number with its check character, a mobile number, a UnionPay card.
const ID_NUMBER = '43012119900307123X';
const PHONE = '13812345678';
const CARD = '6222021234567890123';

describe('redactLogLine', () => {
  const cleanups: (() => void)[] = [];
  afterEach(() => cleanups.splice(0).forEach((cleanup) => cleanup()));

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
    // Spellings that an older, pattern-per-spelling redaction left readable.
    ['a 15-digit ID number in 6-6-3 groups', '431226 900101 123', '[15 digits redacted]'],
    ['a phone with dots', '138.1234.5678', '[11 digits redacted]'],
    ['a phone in 3-3-5 groups', '138 123 45678', '[11 digits redacted]'],
    ['a phone in full-width digits', '１３８１２３４５６７８', '[11 digits redacted]'],
    ['a phone in grouped full-width digits', '１３８ １２３４ ５６７８', '[11 digits redacted]'],
    ['a landline in 4-4-4 groups', '0731 8456 1234', '[12 digits redacted]'],
    ['a card split 6+13', '622202 1234567890123', '[19 digits redacted]'],
    ['an ID number split 10+8', '4312261990 0101123X', '[18 digits redacted]'],
    ['an ID number with dots', '431226.19900101.123X', '[18 digits redacted]'],
    ['a phone with +86 and dashes', '+86-138-1234-5678', '[13 digits redacted]'],
  ])('removes %s', (_case, value, replacement) => {
    expect(redactLogLine(`value ${value} end`)).toBe(`value ${replacement} end`);
  });

  it('censors every field of a text line whose values contain spaces', () => {
    expect(redactLogLine('info lookup: found (name=王五, phone=138 1234 5678, idNumber=431226 19900101 123X)')).toBe(
      'info lookup: found (name=[redacted], phone=[redacted], idNumber=[redacted])',
    );
  });

  it.each([
    ['"householder":"张三丰"', '"householder":"[redacted]"'],
    ['"tel":"0731 8456 1234"', '"tel":"[redacted]"'],
    ['"Mobile":"13812345678"', '"Mobile":"[redacted]"'],
    ['"户主":"张三丰"', '"户主":"[redacted]"'],
    ['"身份证号":"43012119900307123X"', '"身份证号":"[redacted]"'],
  ])('censors the personal field %s', (field, redacted) => {
    expect(redactLogLine(`{"module":"lookup",${field},"region":"431226"}`)).toBe(`{"module":"lookup",${redacted},"region":"431226"}`);
  });

  it.each([
    ['an IP address with a port', 'http://192.168.100.200:8080/manifest.json'],
    ['a date and a time', '2026-12-05 06:53:35'],
    ['a large byte count', '"freeBytes":53687091200'],
    ['a version and a region', 'snapshot 1.4.2 for 431226'],
    // A UUID whose middle groups are all digits looks like a grouped phone number.
    ['an idempotency key with four digit groups', '"key":"3f2a9c1e-1234-4567-8901-2345abcdef01"'],
    ['an idempotency key with three digit groups', 'key=9c1e3f2a-5678-4567-9012-abcdef012345 stored'],
  ])('keeps %s', (_case, text) => {
    expect(redactLogLine(text)).toBe(text);
  });

  it('is the logger\'s scrub and the incident log\'s too', async () => {
    const temp = makeTempDir();
    cleanups.push(temp.remove);
    expect(scrubText('call 138 1234 5678')).toBe('call [11 digits redacted]');
    const incident = await appendIncident(temp.dir, 'test', 'printer said 138.1234.5678 (householder=张三丰)');
    expect(incident.detail).toBe('printer said [11 digits redacted] (householder=[redacted])');
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
