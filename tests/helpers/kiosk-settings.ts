// Kiosk settings for tests: every field set, with reporting, printing and the admin screen off.
// A test spreads TEST_SETTINGS and overrides only the fields it is about, so a field added to
// KioskSettings is filled in here once.
import type { KioskSettings } from '../../src-shared/kiosk-api.js';

export const TEST_SETTINGS: KioskSettings = {
  terminalName: 'test',
  defaultLanguage: 'zh-CN',
  idleTimeoutSeconds: 60,
  idleWarningSeconds: 10,
  homeRegionCode: '430124',
  financeFlagThresholdFen: 1_000_000,
  terminalId: 'test-terminal',
  reporting: null,
  printing: { enabled: false, layout: 'receipt-80mm' },
  admin: null,
  attractAfterSeconds: 60,
  touchOnly: false,
};
