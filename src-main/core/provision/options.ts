// The options of `minsheng provision` and the terminal config field each one sets. The table is
// the single place that ties a command-line option to a config field, so a problem found in a
// field can name the option the technician typed.

/** The conversion of an option's text into a config value. */
export type OptionKind =
  // Text copied as given.
  | 'text'
  // A whole number such as 90.
  | 'integer'
  // yes or no (also true/false, y/n, 是/否).
  | 'yes-no'
  // A file or folder path; a relative one is rewritten relative to the config file.
  | 'path'
  // An http(s) URL, a folder path or `usb`.
  | 'source'
  // HH:MM-HH:MM, local time.
  | 'time-window';

export interface ProvisionOption {
  /** The command-line option without its leading dashes. */
  name: string;
  /** The dotted path of the config field it sets. */
  field: string;
  kind: OptionKind;
  /** The option may be repeated; the field is a list. */
  multiple?: boolean;
  /** The config cannot be written without it (sync.trust and sync.rootKeys are checked as a pair). */
  required?: boolean;
}

export const PROVISION_OPTIONS = [
  { name: 'terminal-id', field: 'terminalId', kind: 'text', required: true },
  { name: 'terminal-name', field: 'terminalName', kind: 'text', required: true },
  { name: 'region', field: 'regionCode', kind: 'text', required: true },
  { name: 'home-region', field: 'home.regionCode', kind: 'text' },
  { name: 'language', field: 'language', kind: 'text' },
  { name: 'data-dir', field: 'dataDir', kind: 'path', required: true },
  { name: 'source', field: 'sync.source', kind: 'source', required: true },
  { name: 'trust', field: 'sync.trust', kind: 'path' },
  { name: 'root-key', field: 'sync.rootKeys', kind: 'path', multiple: true },
  { name: 'threshold', field: 'sync.rootThreshold', kind: 'integer' },
  { name: 'sync-interval', field: 'sync.intervalMinutes', kind: 'integer' },
  { name: 'idle-timeout', field: 'idle.timeoutSeconds', kind: 'integer' },
  { name: 'idle-warning', field: 'idle.warningSeconds', kind: 'integer' },
  { name: 'flag-above-yuan', field: 'finance.flagAboveYuan', kind: 'text' },
  { name: 'report-url', field: 'reporting.reportUrl', kind: 'text' },
  { name: 'track-url', field: 'reporting.trackUrl', kind: 'text' },
  { name: 'commission-key', field: 'reporting.commissionKey', kind: 'path' },
  { name: 'upload-url', field: 'reporting.uploadUrl', kind: 'text' },
  { name: 'printer', field: 'printer.enabled', kind: 'yes-no' },
  { name: 'printer-name', field: 'printer.name', kind: 'text' },
  { name: 'printer-layout', field: 'printer.layout', kind: 'text' },
  { name: 'admin-corner', field: 'admin.corner', kind: 'text' },
  { name: 'admin-max-attempts', field: 'admin.maxAttempts', kind: 'integer' },
  { name: 'admin-lockout-minutes', field: 'admin.lockoutMinutes', kind: 'integer' },
  { name: 'touch-only', field: 'kiosk.touchOnly', kind: 'yes-no' },
  { name: 'allow', field: 'kiosk.permissions', kind: 'text', multiple: true },
  { name: 'attract-after', field: 'kiosk.attractAfterSeconds', kind: 'integer' },
  { name: 'watchdog-heartbeat', field: 'watchdog.heartbeatSeconds', kind: 'integer' },
  { name: 'watchdog-hang', field: 'watchdog.hangSeconds', kind: 'integer' },
  { name: 'watchdog-memory', field: 'watchdog.memoryLimitMb', kind: 'integer' },
  { name: 'restart-window', field: 'watchdog.dailyRestart', kind: 'time-window' },
  { name: 'heartbeat-url', field: 'heartbeat.url', kind: 'text' },
  { name: 'heartbeat-interval', field: 'heartbeat.intervalMinutes', kind: 'integer' },
] as const satisfies readonly ProvisionOption[];

export type ProvisionOptionName = (typeof PROVISION_OPTIONS)[number]['name'];

/** The admin PIN is not a config value option: it is read from a file, stdin or a prompt and stored hashed. */
export const PIN_FIELD = 'admin.pinHash';

/**
 * The values given for the config options, as text: from the command line or from prompts.
 * A repeated option has a list.
 */
export type ProvisionAnswers = Partial<Record<ProvisionOptionName, string | string[]>>;

/** The origin of the admin PIN. Messages about the PIN name this source, never the PIN. */
export type PinSource = 'admin-pin-file' | 'admin-pin-stdin' | 'prompt';

export interface ProvisionPin {
  pin: string;
  source: PinSource;
}

/** Returns the option whose field is `field` or contains it (sync.rootKeys for sync.rootKeys.1). */
export function optionOfField(field: string): ProvisionOption | undefined {
  let best: ProvisionOption | undefined;
  for (const option of PROVISION_OPTIONS) {
    const matches = field === option.field || field.startsWith(`${option.field}.`);
    if (matches && (best === undefined || option.field.length > best.field.length)) best = option;
  }
  return best;
}

export function optionNamed(name: ProvisionOptionName): ProvisionOption {
  return PROVISION_OPTIONS.find((option) => option.name === name)!;
}
