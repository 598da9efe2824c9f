// The reporting and printer sections of the terminal config: what reaches the renderer's
// settings, the key path resolved against the config file, and errors that name the field.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { kioskSettingsOf, parseTerminalConfig } from '../../src-main/core/config.js';
import { LANGUAGES } from '../../src-shared/kiosk-api.js';
import type { Language } from '../../src-shared/kiosk-api.js';
import { translatorFor } from '../../src-shared/messages/translator.js';
import { configProblemsOf } from '../helpers/config-problems.js';

const BASE = {
  terminalId: 'JH-001',
  terminalName: '锦和镇便民服务中心',
  regionCode: '431226',
  dataDir: 'data',
  sync: { source: 'bundle', trust: 'publisher.pub' },
};
const FILE = path.join('/etc', 'minsheng-kiosk', 'terminal.json');
const REPORTING = {
  reportUrl: 'https://www.hn12388.gov.cn/report',
  trackUrl: 'https://www.hn12388.gov.cn/track',
  commissionKey: 'keys/commission.pub.pem',
  uploadUrl: 'https://county.example.gov.cn/minsheng/reports',
};

function parse(extra: Record<string, unknown>) {
  return parseTerminalConfig({ ...BASE, ...extra }, FILE, translatorFor('en'));
}

function problemsOf(extra: Record<string, unknown>, language: Language): string[] {
  return configProblemsOf({ ...BASE, ...extra }, FILE, language);
}

describe('reporting config', () => {
  it('is off when absent: no QR codes, no filing, no printing', () => {
    const loaded = parse({});
    const settings = kioskSettingsOf(loaded.config);

    expect(settings.reporting).toBeNull();
    expect(settings.printing).toEqual({ enabled: false, layout: 'receipt-80mm' });
    expect(settings.terminalId).toBe('JH-001');
    expect(loaded.commissionKeyFile).toBeNull();
  });

  it('passes the addresses and resolves the key path', () => {
    const loaded = parse({ reporting: REPORTING });

    expect(kioskSettingsOf(loaded.config).reporting).toEqual({
      reportUrl: REPORTING.reportUrl,
      trackUrl: REPORTING.trackUrl,
      canFile: true,
    });
    expect(loaded.commissionKeyFile).toBe(path.join('/etc', 'minsheng-kiosk', 'keys', 'commission.pub.pem'));
  });

  it('offers QR codes without filing when no key is given', () => {
    const settings = kioskSettingsOf(parse({ reporting: { reportUrl: REPORTING.reportUrl } }).config);

    expect(settings.reporting).toEqual({ reportUrl: REPORTING.reportUrl, trackUrl: null, canFile: false });
  });

  it('rejects a non-http(s) address, naming the field', () => {
    for (const language of LANGUAGES) {
      const problems = problemsOf({ reporting: { reportUrl: 'javascript:alert(1)' } }, language);

      expect(problems).toHaveLength(1);
      expect(problems[0]).toContain('reporting.reportUrl');
      expect(problems[0]).toContain('https://');
    }
  });

  it.each(['uploadUrl', 'reportUrl', 'trackUrl'])('rejects a password in %s', (field) => {
    const reporting = { ...REPORTING, [field]: 'https://countyuser:S3cretPass@county.example.gov.cn/minsheng/reports' };

    for (const language of LANGUAGES) {
      const problems = problemsOf({ reporting }, language);
      expect(problems).toHaveLength(1);
      expect(problems[0]).toContain(`reporting.${field}`);
    }
    expect(problemsOf({ reporting }, 'en')[0]).toContain('Remove the user name and password');
  });

  it('reports one problem for an address that is no URL', () => {
    expect(problemsOf({ reporting: { ...REPORTING, uploadUrl: 'not a url' } }, 'en')).toHaveLength(1);
  });

  it('rejects a key without an upload address', () => {
    const problems = problemsOf({ reporting: { reportUrl: REPORTING.reportUrl, commissionKey: 'k.pem' } }, 'zh-CN');

    expect(problems).toHaveLength(1);
    expect(problems[0]).toContain('reporting.uploadUrl');
    expect(problems[0]).toContain('同时填写');
  });

  it('rejects unknown fields in the section', () => {
    expect(problemsOf({ reporting: { ...REPORTING, phone: '12388' } }, 'en')[0]).toContain('reporting.phone');
  });
});

describe('printer config', () => {
  it('prints on 80 mm receipts by default', () => {
    const settings = kioskSettingsOf(parse({ printer: {} }).config);

    expect(settings.printing).toEqual({ enabled: true, layout: 'receipt-80mm' });
  });

  it('takes A4 and can be switched off', () => {
    expect(kioskSettingsOf(parse({ printer: { layout: 'a4', name: 'HP_LaserJet' } }).config).printing).toEqual({ enabled: true, layout: 'a4' });
    expect(kioskSettingsOf(parse({ printer: { enabled: false } }).config).printing.enabled).toBe(false);
  });

  it('names a wrong layout and the values it takes', () => {
    const problems = problemsOf({ printer: { layout: 'letter' } }, 'en');

    expect(problems[0]).toContain('printer.layout');
    expect(problems[0]).toContain('"receipt-80mm"');
  });
});
