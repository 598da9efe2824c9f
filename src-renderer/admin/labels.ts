// Catalog lines for the values the admin API returns as codes. Each key is written out, so the
// catalog test can see it. A code the catalog does not know falls back to a generic line that
// shows the code, so a newer host never leaves the technician with a blank line.
import type { TFunction } from 'i18next';
import type { AdminAction, AdminResultCode, Diagnostics } from '../../src-shared/admin-api.js';
import type { PrintLayout } from '../../src-shared/kiosk-api.js';

type Line = (t: TFunction) => string;

const ACTION_LABELS: Record<AdminAction, Line> = {
  'sync-now': (t) => t('admin.action.sync-now'),
  'network-check': (t) => t('admin.action.network-check'),
  'test-print': (t) => t('admin.action.test-print'),
  'import-usb': (t) => t('admin.action.import-usb'),
  'export-logs': (t) => t('admin.action.export-logs'),
  'exit-to-desktop': (t) => t('admin.action.exit-to-desktop'),
};

// Every code of ADMIN_RESULT_CODES has a line, which the compiler checks.
const RESULT_LINES: { [A in AdminAction]: Record<AdminResultCode<A>, Line> } = {
  'sync-now': {
    installed: (t) => t('admin.result.sync-now.installed'),
    'up-to-date': (t) => t('admin.result.sync-now.up-to-date'),
    rejected: (t) => t('admin.result.sync-now.rejected'),
    network: (t) => t('admin.result.sync-now.network'),
    io: (t) => t('admin.result.sync-now.io'),
    'disk-full': (t) => t('admin.result.sync-now.disk-full'),
    'read-only': (t) => t('admin.result.sync-now.read-only'),
    busy: (t) => t('admin.result.sync-now.busy'),
    'still-running': (t) => t('admin.result.sync-now.still-running'),
    'trust-unreadable': (t) => t('admin.result.sync-now.trust-unreadable'),
    internal: (t) => t('admin.result.sync-now.internal'),
  },
  'network-check': {
    reachable: (t) => t('admin.result.network-check.reachable'),
    unreachable: (t) => t('admin.result.network-check.unreachable'),
    'nothing-to-check': (t) => t('admin.result.network-check.nothing-to-check'),
    internal: (t) => t('admin.result.network-check.internal'),
  },
  'test-print': {
    printed: (t) => t('admin.result.test-print.printed'),
    'not-configured': (t) => t('admin.result.test-print.not-configured'),
    failed: (t) => t('admin.result.test-print.failed'),
    internal: (t) => t('admin.result.test-print.internal'),
  },
  'import-usb': {
    installed: (t) => t('admin.result.import-usb.installed'),
    'up-to-date': (t) => t('admin.result.import-usb.up-to-date'),
    'no-usb': (t) => t('admin.result.import-usb.no-usb'),
    'not-regular-file': (t) => t('admin.result.import-usb.not-regular-file'),
    rejected: (t) => t('admin.result.import-usb.rejected'),
    network: (t) => t('admin.result.import-usb.network'),
    io: (t) => t('admin.result.import-usb.io'),
    'disk-full': (t) => t('admin.result.import-usb.disk-full'),
    'read-only': (t) => t('admin.result.import-usb.read-only'),
    busy: (t) => t('admin.result.import-usb.busy'),
    'still-running': (t) => t('admin.result.import-usb.still-running'),
    'trust-unreadable': (t) => t('admin.result.import-usb.trust-unreadable'),
    internal: (t) => t('admin.result.import-usb.internal'),
  },
  'export-logs': {
    exported: (t) => t('admin.result.export-logs.exported'),
    'no-usb': (t) => t('admin.result.export-logs.no-usb'),
    'write-failed': (t) => t('admin.result.export-logs.write-failed'),
    internal: (t) => t('admin.result.export-logs.internal'),
  },
  'exit-to-desktop': {
    exiting: (t) => t('admin.result.exit-to-desktop.exiting'),
    'not-supported': (t) => t('admin.result.exit-to-desktop.not-supported'),
    internal: (t) => t('admin.result.exit-to-desktop.internal'),
  },
};

export function actionLabel(t: TFunction, action: AdminAction): string {
  return ACTION_LABELS[action](t);
}

/**
 * Returns the result line of an action, led by ✓ or ✗ for the host's status, so the outcome
 * never rests on colour. A code the catalog lacks is shown inside a generic line.
 */
export function resultLine(t: TFunction, action: AdminAction, status: 'done' | 'failed', code: string): string {
  const lines: Record<string, Line> = RESULT_LINES[action];
  const known = Object.hasOwn(lines, code) ? lines[code] : undefined;
  let text: string;
  if (known !== undefined) text = known(t);
  else text = status === 'done' ? t('admin.result.done', { code }) : t('admin.result.failed', { code });
  return `${status === 'done' ? '✓' : '✗'} ${text}`;
}

const PROBLEM_LINES: Record<string, Line> = {
  'outbox-damaged': (t) => t('admin.problemCode.outbox-damaged'),
  'reports-stuck': (t) => t('admin.problemCode.reports-stuck'),
  'disk-full': (t) => t('admin.problemCode.disk-full'),
  'read-only': (t) => t('admin.problemCode.read-only'),
  'corrupt-current': (t) => t('admin.problemCode.corrupt-current'),
  'corrupt-previous': (t) => t('admin.problemCode.corrupt-previous'),
  'damaged-state': (t) => t('admin.problemCode.damaged-state'),
  'sync-failing': (t) => t('admin.problemCode.sync-failing'),
  'data-expired': (t) => t('admin.problemCode.data-expired'),
};

/** Names a problem code of the terminal status; an unknown code is shown as it came. */
export function problemLabel(t: TFunction, code: string): string {
  return Object.hasOwn(PROBLEM_LINES, code) ? PROBLEM_LINES[code]!(t) : code;
}

const PRINTER_STATE_LINES: Record<Diagnostics['printer']['state'], Line> = {
  ready: (t) => t('admin.printerState.ready'),
  'not-configured': (t) => t('admin.printerState.not-configured'),
  'not-found': (t) => t('admin.printerState.not-found'),
  error: (t) => t('admin.printerState.error'),
  unknown: (t) => t('admin.printerState.unknown'),
};

export function printerStateLabel(t: TFunction, state: Diagnostics['printer']['state']): string {
  return PRINTER_STATE_LINES[state](t);
}

export function layoutLabel(t: TFunction, layout: PrintLayout): string {
  return layout === 'a4' ? t('admin.layout.a4') : t('admin.layout.receipt-80mm');
}

/** Formats a byte count as MB below 1 GiB and as GB with one decimal from there. */
export function formatBytes(t: TFunction, bytes: number): string {
  const mib = bytes / (1024 * 1024);
  if (mib < 1024) return t('admin.size.mb', { size: Math.round(mib) });
  return t('admin.size.gb', { size: (mib / 1024).toFixed(1) });
}
