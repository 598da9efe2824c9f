// The logger scrubs personal numbers from the string values of the fields it is given, not
// only from the message: the supervisor passes a kiosk's incident detail through as a field.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { configureLogging, createLogger } from '../../src-main/core/log.js';
import { makeTempDir } from '../helpers/temp.js';

// Made-up numbers in the shapes the redaction knows.
const ID_NUMBER = '430524199001011234';
const PHONE = '13812345678';
const CARD = '6222021234567890123';

describe('field values in log lines', () => {
  const temp = makeTempDir();
  afterEach(() => configureLogging());

  it('keeps an incident detail with an ID, phone and card number out of watchdog.log', () => {
    const file = path.join(temp.dir, 'logs', 'watchdog.log');
    configureLogging({ file, level: 'info' });

    const log = createLogger('watchdog');
    const detail = `id ${ID_NUMBER} phone ${PHONE} card ${CARD}`;
    log.info({ kind: 'x', detail, generation: 1 }, 'kiosk reported an incident');
    log.warn({ nested: { notes: [detail] } }, 'nested values');

    const text = readFileSync(file, 'utf8');
    for (const number of [ID_NUMBER, PHONE, CARD]) expect(text).not.toContain(number);
    const [incident, nested] = text.trim().split('\n').map((line) => JSON.parse(line));
    expect(incident.detail).toBe('id [18 digits redacted] phone [11 digits redacted] card [19 digits redacted]');
    expect(incident.generation).toBe(1);
    expect(nested.nested.notes[0]).toBe(incident.detail);
  });
});
