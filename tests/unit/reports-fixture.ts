// Shared pieces of the report tests: a commission key pair, a valid draft and a kiosk service
// with reporting on, whose uploader stays stopped unless a test starts it.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import type { KioskSettings } from '../../src-shared/kiosk-api.js';
import type { ReportDraft } from '../../src-shared/reports-api.js';
import { DEFAULT_KIOSK_SETTINGS } from '../../src-main/core/config.js';
import { createKioskService } from '../../src-main/core/kiosk-service.js';
import type { KioskService, KioskServiceOptions } from '../../src-main/core/kiosk-service.js';
import { generateRecipientKeyPair, parseRecipientKeyPem, parseRecipientPrivateKeyPem } from '../../src-main/core/reports/seal.js';
import type { RecipientKey, RecipientPrivateKey } from '../../src-main/core/reports/seal.js';

// Generated test data: a made-up complaint and a phone number from the reserved 139-0000 range.
export const REPORT_TEXT = '我家2024年耕地地力保护补贴少发了一百二十元，村里说是系统问题。';
export const REPORT_PHONE = '13900001234';
export const FILED_AT = new Date('2026-05-12T09:05:12.345Z');

export const DRAFT: ReportDraft = {
  category: 'payment-wrong',
  record: { kind: 'payment', id: 'P2024000123', regionCode: '431226101201', label: '耕地地力保护补贴 2024-03 1,234.50 元' },
  regionCode: '431226101201',
  text: REPORT_TEXT,
  phone: REPORT_PHONE,
  consent: true,
  language: 'zh-CN',
};

export const REPORTING_SETTINGS: KioskSettings = {
  ...DEFAULT_KIOSK_SETTINGS,
  homeRegionCode: '431226',
  terminalId: 'jinhe-01',
  terminalName: '锦和镇便民服务中心 1 号机',
  reporting: { reportUrl: 'https://report.example/', trackUrl: 'https://report.example/track?county=431226', canFile: true },
};

export interface CommissionKeys {
  publicKey: RecipientKey;
  privateKey: RecipientPrivateKey;
  publicKeyFile: string;
}

/** Generates an X25519 commission key pair and writes the public key PEM into dir. */
export function makeCommissionKeys(dir: string): CommissionKeys {
  const pair = generateRecipientKeyPair('x25519');
  const publicKeyFile = path.join(dir, 'commission.pub.pem');
  writeFileSync(publicKeyFile, pair.publicKeyPem);
  return {
    publicKey: parseRecipientKeyPem(pair.publicKeyPem),
    privateKey: parseRecipientPrivateKeyPem(pair.privateKeyPem),
    publicKeyFile,
  };
}

/** Creates a kiosk service over dataDir that files reports for `keys`, with its uploader stopped. */
export function reportingService(dataDir: string, keys: CommissionKeys, options: Partial<KioskServiceOptions> = {}): KioskService {
  return createKioskService({
    dataDir,
    settings: REPORTING_SETTINGS,
    clock: () => FILED_AT,
    reporting: { commissionKey: keys.publicKey, uploadUrl: 'http://127.0.0.1:9/reports' },
    upload: { intervalMs: 0, outbox: { random: () => 0 } },
    ...options,
  });
}
