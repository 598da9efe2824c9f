// The boards' terminal config fields: home.regionCode and finance.flagAboveYuan, their defaults,
// exact yuan parsing, and errors that name field, value and fix in both languages.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_FINANCE_FLAG_FEN, kioskSettingsOf, parseTerminalConfig } from '../../src-main/core/config.js';
import { LANGUAGES } from '../../src-shared/kiosk-api.js';
import type { Language } from '../../src-shared/kiosk-api.js';
import { translatorFor } from '../../src-shared/messages/translator.js';
import { configProblemsOf } from '../helpers/config-problems.js';

const BASE = {
  terminalId: 'test-01',
  terminalName: '测试终端',
  regionCode: '431226',
  dataDir: 'data',
  sync: { source: 'bundle', trust: 'publisher.pub' },
};
const FILE = path.join('/etc', 'minsheng-kiosk', 'terminal.json');

function settingsOf(extra: Record<string, unknown>) {
  return kioskSettingsOf(parseTerminalConfig({ ...BASE, ...extra }, FILE, translatorFor('en')).config);
}

function problemsOf(extra: Record<string, unknown>, language: Language): string[] {
  return configProblemsOf({ ...BASE, ...extra }, FILE, language);
}

describe('boards config defaults', () => {
  it('opens on the county and flags above 10,000 yuan', () => {
    const settings = settingsOf({});

    expect(settings.homeRegionCode).toBe('431226');
    expect(settings.financeFlagThresholdFen).toBe(DEFAULT_FINANCE_FLAG_FEN);
    expect(DEFAULT_FINANCE_FLAG_FEN).toBe(1_000_000);
  });
});

describe('boards config values', () => {
  it('takes a township or village of the county', () => {
    expect(settingsOf({ home: { regionCode: '431226101' } }).homeRegionCode).toBe('431226101');
    expect(settingsOf({ home: { regionCode: '431226101201' } }).homeRegionCode).toBe('431226101201');
  });

  it('parses yuan exactly into fen', () => {
    const cases: [unknown, number][] = [
      [12345.67, 1_234_567],
      ['12345.67', 1_234_567],
      ['50,000', 5_000_000],
      [0.1, 10],
      [0, 0],
    ];
    for (const [value, fen] of cases) expect(settingsOf({ finance: { flagAboveYuan: value } }).financeFlagThresholdFen).toBe(fen);
  });
});

describe('boards config errors', () => {
  for (const language of LANGUAGES) {
    it(`names a home region of another county (${language})`, () => {
      const [problem] = problemsOf({ home: { regionCode: '431227101' } }, language);

      expect(problem).toContain('home.regionCode');
      expect(problem).toContain('"431227101"');
      expect(problem).toContain('431226');
    });

    it(`names a home code of the wrong length (${language})`, () => {
      const [problem] = problemsOf({ home: { regionCode: '4312261' } }, language);

      expect(problem).toContain('home.regionCode');
      expect(problem).toContain('"4312261"');
    });

    it(`names a bad amount and its problem (${language})`, () => {
      const cases: [unknown, RegExp][] = [
        ['¥10000', language === 'en' ? /without "¥"/ : /不要带“¥”/],
        [-5, language === 'en' ? /negative/ : /负数/],
        [100.005, language === 'en' ? /two decimals/ : /两位小数/],
        ['lots', language === 'en' ? /not a number/ : /不是数字/],
      ];
      for (const [value, detail] of cases) {
        const [problem] = problemsOf({ finance: { flagAboveYuan: value } }, language);
        expect(problem).toContain('finance.flagAboveYuan');
        expect(problem).toContain(JSON.stringify(value));
        expect(problem).toMatch(detail);
        expect(problem).not.toMatch(/config:|validation:/);
      }
    });

    it(`rejects an unknown field under finance (${language})`, () => {
      const [problem] = problemsOf({ finance: { flagAbove: 100 } }, language);

      expect(problem).toContain('finance.flagAbove');
    });
  }
});
