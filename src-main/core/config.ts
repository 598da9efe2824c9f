// The terminal config: a JSON file the technician writes when provisioning a kiosk. It is
// parsed by schema at start, and every problem is reported with the field, the value and what
// to write instead, so a technician on site can fix it without reading code.
import { closeSync, openSync, readSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { LanguageSchema, PrintLayoutSchema } from '../../src-shared/kiosk-api.js';
import { parseYuanToFen } from '../../src-shared/money.js';
import type { YuanProblem } from '../../src-shared/money.js';
import type { KioskSettings } from '../../src-shared/kiosk-api.js';
import type { Translate } from '../../src-shared/messages/translator.js';

/** Default of finance.flagAboveYuan: ledger entries above 10,000 yuan are flagged. */
export const DEFAULT_FINANCE_FLAG_FEN = 1_000_000;

// A yuan amount as a JSON number or string, parsed by string arithmetic into integer fen, so
// 12345.67 becomes exactly 1234567 fen. A number is read through its shortest decimal form.
const YuanAmountSchema = z.union([z.number(), z.string()]).transform((value, context) => {
  const parsed = parseYuanToFen(String(value));
  if (parsed.ok) return parsed.fen;

  context.addIssue({ code: 'custom', message: `invalid yuan amount: ${parsed.problem}`, params: { messageKey: 'yuanAmount', problem: parsed.problem } });
  return z.NEVER;
});

// An address the kiosk puts into a QR code or uploads to. Only http(s): a QR code with any other
// scheme would open nothing useful on a villager's phone.
// It must not contain a user name or password, because those would show in logs and QR codes,
// and fetch rejects such a URL.
export const HttpUrlSchema = z
  .string()
  .refine(
    (value) => {
      try {
        const url = new URL(value);
        return url.protocol === 'https:' || url.protocol === 'http:';
      } catch {
        return false;
      }
    },
    { message: 'must be an http(s) URL', params: { messageKey: 'httpUrl' }, abort: true },
  )
  .refine(
    (value) => {
      const url = new URL(value);
      return url.username === '' && url.password === '';
    },
    { message: 'must not contain a user name or password', params: { messageKey: 'httpUrlCredentials' } },
  );

const ReportingSchema = z
  .object({
    // The county's reporting site (for example the discipline commission's 12388 site); every
    // record screen's QR code opens it with the record's reference, region and terminal.
    reportUrl: HttpUrlSchema,
    // The case follow-up page; a receipt's QR code opens it with the case number.
    trackUrl: HttpUrlSchema.optional(),
    // The discipline commission's public key (PEM, X25519 or SM2), relative to the config file.
    // Reports filed on screen are sealed for it; without it the kiosk offers only the QR codes.
    commissionKey: z.string().min(1).optional(),
    // Where the county's receiver (`minsheng receive`) takes uploads, such as
    // https://county.example/minsheng/reports.
    uploadUrl: HttpUrlSchema.optional(),
  })
  .strict()
  .refine((reporting) => (reporting.commissionKey === undefined) === (reporting.uploadUrl === undefined), {
    message: 'commissionKey and uploadUrl are given together',
    path: ['uploadUrl'],
    params: { messageKey: 'keyWithUpload' },
  });

const PrinterSchema = z
  .object({
    enabled: z.boolean().default(true),
    // The printer's device name as the system lists it; absent means the system's default printer.
    name: z.string().min(1).max(200).optional(),
    layout: PrintLayoutSchema.default('receipt-80mm'),
  })
  .strict();

// Electron permission names a county may allow for the kiosk page (for example `media` for a
// card reader's camera). Every permission not listed is denied.
export const KIOSK_PERMISSIONS = [
  'clipboard-read',
  'clipboard-sanitized-write',
  'fullscreen',
  'geolocation',
  'media',
  'notifications',
  'speaker-selection',
] as const;

// "HH:MM" on a 24-hour clock, local time of the terminal.
const CLOCK_TIME_PATTERN = /^([01]\d|2[0-3]):[0-5]\d$/;
const ClockTimeSchema = z.string().regex(CLOCK_TIME_PATTERN);
const TERMINAL_ID_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;
const COUNTY_CODE_PATTERN = /^\d{6}$/;
const HOME_CODE_PATTERN = /^(\d{9}|\d{12})$/;

// A scrypt PIN hash as written by `minsheng provision` (see core/admin/pin-hash.ts):
// scrypt$N$r$p$salt$hash, salt and hash in base64url.
export const PIN_HASH_PATTERN = /^scrypt\$\d{4,7}\$\d{1,2}\$\d{1,2}\$[A-Za-z0-9_-]{16,}\$[A-Za-z0-9_-]{32,}$/;

export const SCREEN_CORNERS = ['top-left', 'top-right', 'bottom-left', 'bottom-right'] as const;

const AdminSchema = z
  .object({
    pinHash: z.string().regex(PIN_HASH_PATTERN),
    // The corner a technician taps five times to open the PIN pad.
    corner: z.enum(SCREEN_CORNERS).default('top-left'),
    // Wrong PINs in a row before the pad locks, and for how long.
    maxAttempts: z.number().int().min(3).max(10).default(5),
    lockoutMinutes: z.number().int().min(1).max(24 * 60).default(15),
  })
  .strict();

const KioskBehaviourSchema = z
  .object({
    // Hides the mouse cursor: the terminal has a touch screen only.
    touchOnly: z.boolean().default(true),
    // Electron permissions the page may get; every other request is denied.
    permissions: z.array(z.enum(KIOSK_PERMISSIONS)).max(KIOSK_PERMISSIONS.length).default([]),
    // Seconds on the untouched home screen before the attract loop starts.
    attractAfterSeconds: z.number().int().min(10).max(3600).default(60),
  })
  .strict();

const WatchdogSchema = z
  .object({
    // The kiosk sends a heartbeat this often; no heartbeat for hangSeconds counts as a hang.
    heartbeatSeconds: z.number().int().min(1).max(300).default(5),
    hangSeconds: z.number().int().min(5).max(3600).default(30),
    // Restart when the kiosk's processes together use more than this.
    memoryLimitMb: z.number().int().min(256).max(65536).default(1536),
    // A daily restart between these local times, when nobody is using the screen.
    dailyRestart: z.object({ from: ClockTimeSchema, to: ClockTimeSchema }).strict().optional(),
  })
  .strict()
  .refine((watchdog) => watchdog.heartbeatSeconds * 2 <= watchdog.hangSeconds, {
    message: 'hangSeconds must be at least twice heartbeatSeconds',
    path: ['hangSeconds'],
    params: { messageKey: 'hangAfterHeartbeat' },
  });

const FleetHeartbeatSchema = z
  .object({
    // The county endpoint that takes terminal heartbeats, for example
    // https://county.example/minsheng/heartbeats (served by `minsheng receive`).
    url: HttpUrlSchema,
    intervalMinutes: z.number().int().min(1).max(24 * 60).default(15),
  })
  .strict();

export const TerminalConfigSchema = z
  .object({
    terminalId: z.string().regex(TERMINAL_ID_PATTERN),
    terminalName: z.string().min(1).max(100),
    regionCode: z.string().regex(COUNTY_CODE_PATTERN),
    language: LanguageSchema.default('zh-CN'),
    // Folder for the installed snapshot and sync state; relative paths start at the config file.
    dataDir: z.string().min(1),
    sync: z.object({
      // An http(s) URL of a bundle folder, or a local folder such as a mounted USB stick.
      source: z.string().min(1),
      // Path to the trust file, relative to the config file: root metadata (N.root.json) or
      // the publisher's public key(s) (PEM). Exactly one of trust and rootKeys is required.
      trust: z.string().min(1).optional(),
      // Root public key files (PEM), relative to the config file. rootThreshold is the number of
      // these keys that must sign root version 1.
      rootKeys: z.array(z.string().min(1)).min(1).max(32).optional(),
      rootThreshold: z.number().int().min(1).max(32).optional(),
      intervalMinutes: z.number().int().min(1).max(7 * 24 * 60).default(60),
      // Minutes between fetches of the emergency notices file alone, a few KiB each.
      noticeIntervalMinutes: z.number().int().min(1).max(24 * 60).default(1),
    })
      .refine((sync) => (sync.trust === undefined) !== (sync.rootKeys === undefined), {
        message: 'exactly one of trust and rootKeys is required',
        path: ['trust'],
        params: { messageKey: 'trustOrRootKeys' },
      })
      .refine((sync) => sync.rootKeys === undefined || (sync.rootThreshold !== undefined && sync.rootThreshold <= sync.rootKeys.length), {
        message: 'rootThreshold is required with rootKeys and must be at most the number of root keys',
        path: ['rootThreshold'],
        params: { messageKey: 'rootThreshold' },
      }),
    idle: z
      .object({
        timeoutSeconds: z.number().int().min(10).max(3600).default(90),
        warningSeconds: z.number().int().min(5).max(600).default(20),
      })
      .refine((idle) => idle.warningSeconds < idle.timeoutSeconds, {
        message: 'warningSeconds must be less than timeoutSeconds',
        path: ['warningSeconds'],
        params: { messageKey: 'warningBeforeTimeout' },
      })
      .default({ timeoutSeconds: 90, warningSeconds: 20 }),
    // Township (9 digits) or village (12 digits) of the county that the boards open on.
    home: z.object({ regionCode: z.string().regex(HOME_CODE_PATTERN) }).strict().optional(),
    finance: z.object({ flagAboveYuan: YuanAmountSchema }).strict().optional(),
    reporting: ReportingSchema.optional(),
    // Absent: the kiosk shows no print buttons.
    printer: PrinterSchema.optional(),
    // Absent: no admin screen on this terminal.
    admin: AdminSchema.optional(),
    kiosk: KioskBehaviourSchema.default({ touchOnly: true, permissions: [], attractAfterSeconds: 60 }),
    watchdog: WatchdogSchema.default({ heartbeatSeconds: 5, hangSeconds: 30, memoryLimitMb: 1536 }),
    // Absent: the terminal reports its state to no county endpoint.
    heartbeat: FleetHeartbeatSchema.optional(),
  })
  .strict()
  .refine((config) => config.home === undefined || config.home.regionCode.startsWith(config.regionCode), {
    message: 'home.regionCode must lie in the county regionCode',
    path: ['home', 'regionCode'],
    params: { messageKey: 'homeInCounty' },
  });

export type TerminalConfig = z.infer<typeof TerminalConfigSchema>;

/** A config whose relative paths have been resolved against the config file's folder. */
export interface LoadedConfig {
  config: TerminalConfig;
  file: string;
  dataDir: string;
  /** Source of the trust anchor: a trust file or root key files, with absolute paths. */
  trust: TrustSetting;
  /** The sync source as an absolute folder, or the URL or `usb` unchanged. */
  source: string;
  /** The commission's public key file (absolute), or null when reports are not taken on screen. */
  commissionKeyFile: string | null;
}

export type TrustSetting = { kind: 'file'; file: string } | { kind: 'root-keys'; files: string[]; threshold: number };

/** The field and zod issue code of a config problem. `invalid_type` on an absent value means a missing field. */
export interface ConfigIssueRef {
  field: string;
  code: string;
}

export class ConfigError extends Error {
  constructor(
    message: string,
    readonly problems: string[],
    /** The config field (dotted path, '' for the root) and zod issue code of each problem, in the same order. */
    readonly issues: ConfigIssueRef[] = [],
  ) {
    super(message);
    this.name = 'ConfigError';
  }
}

function describeType(expected: string, t: Translate): string {
  switch (expected) {
    case 'string':
      return t('config:types.string');
    case 'number':
      return t('config:types.number');
    case 'int':
      return t('config:types.int');
    case 'boolean':
      return t('config:types.boolean');
    case 'object':
      return t('config:types.object');
    case 'array':
      return t('config:types.array');
    default:
      return t('config:types.other', { expected });
  }
}

// Zod's own issue messages are English only, so the common issue codes get catalog text in
// both languages. Any other code falls back to zod's message.
// Keys of validation:amount.* for each problem of parseYuanToFen.
const YUAN_PROBLEM_KEYS: Record<YuanProblem, string> = {
  empty: 'validation:amount.empty',
  'not-a-number': 'validation:amount.notANumber',
  'currency-sign': 'validation:amount.currencySign',
  'bad-grouping': 'validation:amount.badGrouping',
  negative: 'validation:amount.negative',
  'too-many-decimals': 'validation:amount.tooManyDecimals',
  'too-large': 'validation:amount.tooLarge',
};

// The expected form of each pattern in words, for a person who does not read regular expressions.
const FORM_KEYS = new Map<string, string>([
  [String(CLOCK_TIME_PATTERN), 'config:form.clockTime'],
  [String(PIN_HASH_PATTERN), 'config:form.pinHash'],
  [String(TERMINAL_ID_PATTERN), 'config:form.terminalId'],
  [String(COUNTY_CODE_PATTERN), 'config:form.countyCode'],
  [String(HOME_CODE_PATTERN), 'config:form.homeCode'],
]);

function describeDetail(issue: z.core.$ZodIssue, value: unknown, t: Translate, raw: unknown): string {
  switch (issue.code) {
    case 'invalid_type': {
      const expected = describeType(issue.expected, t);
      return value === undefined ? t('config:issue.missing', { expected }) : t('config:issue.wrongType', { expected });
    }
    case 'too_small':
      return issue.origin === 'string'
        ? t('config:issue.tooSmallString', { minimum: String(issue.minimum) })
        : t('config:issue.tooSmallNumber', { minimum: String(issue.minimum) });
    case 'too_big':
      return issue.origin === 'string'
        ? t('config:issue.tooBigString', { maximum: String(issue.maximum) })
        : t('config:issue.tooBigNumber', { maximum: String(issue.maximum) });
    case 'invalid_format': {
      const formKey = issue.pattern === undefined ? undefined : FORM_KEYS.get(issue.pattern);
      if (formKey !== undefined) return t('config:issue.expectedForm', { form: t(formKey) });
      return t('config:issue.badFormat', { pattern: issue.pattern ?? issue.format });
    }
    case 'invalid_value':
      return t('config:issue.notOneOf', { values: issue.values.map((item) => JSON.stringify(item)).join(', ') });
    case 'custom':
      if (issue.params?.['messageKey'] === 'warningBeforeTimeout') return t('config:issue.warningBeforeTimeout');
      if (issue.params?.['messageKey'] === 'trustOrRootKeys') return t('config:issue.trustOrRootKeys');
      if (issue.params?.['messageKey'] === 'rootThreshold') return t('config:issue.rootThreshold');
      if (issue.params?.['messageKey'] === 'httpUrl') return t('config:issue.httpUrl');
      if (issue.params?.['messageKey'] === 'httpUrlCredentials') return t('config:issue.httpUrlCredentials');
      if (issue.params?.['messageKey'] === 'keyWithUpload') return t('config:issue.keyWithUpload');
      if (issue.params?.['messageKey'] === 'hangAfterHeartbeat') return t('config:issue.hangAfterHeartbeat');
      if (issue.params?.['messageKey'] === 'yuanAmount') {
        return t('config:issue.yuanAmount', { problem: t(YUAN_PROBLEM_KEYS[issue.params['problem'] as YuanProblem]) });
      }
      if (issue.params?.['messageKey'] === 'homeInCounty') {
        const county = (raw as { regionCode?: unknown }).regionCode;
        return t('config:issue.homeInCounty', { county: typeof county === 'string' ? county : '' });
      }
      return t('config:issue.other', { message: issue.message });
    default:
      return t('config:issue.other', { message: issue.message });
  }
}

function describeIssue(issue: z.core.$ZodIssue, raw: unknown, t: Translate): string {
  const prefix = issue.path.length > 0 ? `${issue.path.join('.')}.` : '';
  if (issue.code === 'unrecognized_keys') {
    return t('config:unknownField', { field: issue.keys.map((key) => `${prefix}${key}`).join(', ') });
  }

  const field = issue.path.length > 0 ? issue.path.join('.') : '(root)';
  let value: unknown = raw;
  for (const key of issue.path) {
    value = value !== null && typeof value === 'object' ? (value as Record<PropertyKey, unknown>)[key] : undefined;
  }
  // A rule across fields may concern a field left out, whose default then takes part.
  const absent = issue.code === 'custom' ? t('config:absentDefault') : t('config:absent');
  const shown = value === undefined ? absent : JSON.stringify(value);
  return t('config:fieldProblem', { field, value: shown, detail: describeDetail(issue, value, t, raw) });
}

/** Parses an already-read config object; throws ConfigError listing every problem. */
export function parseTerminalConfig(raw: unknown, file: string, t: Translate): LoadedConfig {
  const result = TerminalConfigSchema.safeParse(raw);
  if (!result.success) {
    const problems = result.error.issues.map((issue) => describeIssue(issue, raw, t));
    const issues = result.error.issues.map((issue) => ({ field: issue.path.join('.'), code: issue.code }));
    throw new ConfigError(t('config:invalid', { file, count: problems.length }), problems, issues);
  }

  const config = result.data;
  const base = path.dirname(path.resolve(file));
  const keepsValue = /^https?:\/\//i.test(config.sync.source) || config.sync.source === 'usb';
  const trust: TrustSetting =
    config.sync.rootKeys !== undefined
      ? { kind: 'root-keys', files: config.sync.rootKeys.map((key) => path.resolve(base, key)), threshold: config.sync.rootThreshold! }
      : { kind: 'file', file: path.resolve(base, config.sync.trust!) };
  return {
    config,
    file: path.resolve(file),
    dataDir: path.resolve(base, config.dataDir),
    trust,
    source: keepsValue ? config.sync.source : path.resolve(base, config.sync.source),
    commissionKeyFile: config.reporting?.commissionKey === undefined ? null : path.resolve(base, config.reporting.commissionKey),
  };
}

/** A terminal config is a few hundred bytes; the cap keeps a wrong path such as /dev/zero harmless. */
export const MAX_CONFIG_BYTES = 64 * 1024;

/** A file longer than the limit given to readBoundedFile. */
export class FileTooLargeError extends Error {
  constructor(
    readonly file: string,
    readonly maxBytes: number,
  ) {
    super(`the file is larger than ${maxBytes} bytes`);
    this.name = 'FileTooLargeError';
  }
}

/**
 * Reads at most `maxBytes` of a small file such as a config or a key, and throws
 * FileTooLargeError beyond that. It counts the bytes read, because devices such as /dev/zero and
 * pipes report no size, so a wrong path cannot fill the memory.
 */
export function readBoundedFile(file: string, maxBytes: number): Buffer {
  const descriptor = openSync(file, 'r');
  try {
    const buffer = Buffer.alloc(maxBytes + 1);
    let total = 0;
    for (;;) {
      const bytesRead = readSync(descriptor, buffer, total, buffer.length - total, null);
      if (bytesRead === 0) break;
      total += bytesRead;
      if (total > maxBytes) throw new FileTooLargeError(file, maxBytes);
    }
    return buffer.subarray(0, total);
  } finally {
    closeSync(descriptor);
  }
}

/** Reads and parses the config file; throws ConfigError for a missing file or invalid JSON too. */
export function loadTerminalConfig(file: string, t: Translate): LoadedConfig {
  let text: string;
  try {
    text = readBoundedFile(file, MAX_CONFIG_BYTES).toString('utf8');
  } catch (error) {
    if (error instanceof FileTooLargeError) throw new ConfigError(t('config:tooLarge', { file, maxBytes: MAX_CONFIG_BYTES }), []);
    throw new ConfigError(t('config:unreadable', { file, reason: (error as Error).message }), []);
  }

  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    throw new ConfigError(t('config:notJson', { file, reason: (error as Error).message }), []);
  }
  return parseTerminalConfig(raw, file, t);
}

/** The part of the config the renderer needs. */
export function kioskSettingsOf(config: TerminalConfig): KioskSettings {
  return {
    terminalName: config.terminalName,
    defaultLanguage: config.language,
    idleTimeoutSeconds: config.idle.timeoutSeconds,
    idleWarningSeconds: config.idle.warningSeconds,
    homeRegionCode: config.home?.regionCode ?? config.regionCode,
    financeFlagThresholdFen: config.finance?.flagAboveYuan ?? DEFAULT_FINANCE_FLAG_FEN,
    terminalId: config.terminalId,
    reporting:
      config.reporting === undefined
        ? null
        : {
            reportUrl: config.reporting.reportUrl,
            trackUrl: config.reporting.trackUrl ?? null,
            canFile: config.reporting.commissionKey !== undefined,
          },
    printing: { enabled: config.printer?.enabled ?? false, layout: config.printer?.layout ?? 'receipt-80mm' },
    admin: config.admin === undefined ? null : { corner: config.admin.corner },
    attractAfterSeconds: config.kiosk.attractAfterSeconds,
    touchOnly: config.kiosk.touchOnly,
  };
}

/** Settings used by `minsheng serve` when no terminal config is given. */
export const DEFAULT_KIOSK_SETTINGS: KioskSettings = {
  terminalName: 'minsheng-kiosk',
  defaultLanguage: 'zh-CN',
  idleTimeoutSeconds: 90,
  idleWarningSeconds: 20,
  // No county is configured: the kiosk service serves the installed snapshot's county instead.
  homeRegionCode: '430000',
  financeFlagThresholdFen: DEFAULT_FINANCE_FLAG_FEN,
  terminalId: 'minsheng-kiosk',
  reporting: null,
  printing: { enabled: false, layout: 'receipt-80mm' },
  admin: null,
  attractAfterSeconds: 60,
  touchOnly: false,
};
