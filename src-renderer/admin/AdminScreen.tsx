// The technician's admin screen, open after the PIN: diagnostics and the actions of
// ADMIN_ACTIONS. Each action shows a busy line, then its result line from the catalog with the
// host's detail. One action runs at a time, and the diagnostics reload after each. An 'expired'
// result from any call returns to the PIN pad. The screen locks itself and returns home after
// 5 minutes without a tap, with a warning that offers more time. It never locks while an action
// runs, because a sync or an import can take longer than that. Taps send adminTouch at most every
// 30 seconds, so the host keeps the token while the technician reads or scrolls.
import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ADMIN_ACTIONS, ADMIN_SCREEN_IDLE_SECONDS, ADMIN_SYNC_WAIT_SECONDS, ADMIN_TOUCH_INTERVAL_SECONDS } from '../../src-shared/admin-api.js';
import type { AdminAction, AdminApi, Diagnostics } from '../../src-shared/admin-api.js';
import { LanguageSwitch } from '../components/LanguageSwitch.js';
import { ACTIVITY_EVENTS, useIdleTimeout } from '../idle/use-idle-timeout.js';
import { formatFiledAt } from '../reporting/ReportReview.js';
import { AdminModal } from './AdminModal.js';
import { DiagnosticsView } from './DiagnosticsView.js';
import { actionLabel, resultLine } from './labels.js';

/**
 * Seconds without a tap before the admin screen locks itself, and how long the warning shows
 * first. The host keeps the token a minute longer (ADMIN_TOKEN_IDLE_SECONDS).
 */
export const ADMIN_IDLE_SECONDS = ADMIN_SCREEN_IDLE_SECONDS;
export const ADMIN_WARNING_SECONDS = 30;

type ActionState =
  | { kind: 'busy' }
  | { kind: 'result'; status: 'done' | 'failed'; code: string; detail: string }
  | { kind: 'unavailable' };

type DiagnosticsState =
  | { kind: 'loading'; previous: Diagnostics | null }
  | { kind: 'ready'; diagnostics: Diagnostics; readAt: string }
  | { kind: 'unavailable'; previous: Diagnostics | null };

export interface AdminScreenProps {
  api: AdminApi;
  token: string;
  /** Called when the host no longer accepts the token, so the gate returns to the PIN pad. */
  onExpired(): void;
  /** Called for 锁定并返回, and when the screen locks itself after 5 minutes without a tap. */
  onLock(): void;
}

function shownDiagnostics(state: DiagnosticsState): Diagnostics | null {
  return state.kind === 'ready' ? state.diagnostics : state.previous;
}

export function AdminScreen({ api, token, onExpired, onLock }: AdminScreenProps) {
  const { t } = useTranslation();
  const [diagnostics, setDiagnostics] = useState<DiagnosticsState>({ kind: 'loading', previous: null });
  const [actions, setActions] = useState<Partial<Record<AdminAction, ActionState>>>({});
  const [running, setRunning] = useState<AdminAction | null>(null);
  const [confirmingExit, setConfirmingExit] = useState(false);
  // Bumped by every diagnostics request, so only the newest response is shown.
  const requestRef = useRef(0);
  const mountedRef = useRef(true);
  useEffect(() => {
    mountedRef.current = true;
    return () => {
      mountedRef.current = false;
    };
  }, []);

  const loadDiagnostics = useCallback(() => {
    const request = ++requestRef.current;
    setDiagnostics((current) => ({ kind: 'loading', previous: shownDiagnostics(current) }));

    // Through a promise, so a host that throws instead of rejecting also ends as unavailable.
    Promise.resolve()
      .then(() => api.adminDiagnostics({ token }))
      .then(
        (result) => {
          if (!mountedRef.current || request !== requestRef.current) return;
          if (result.status === 'expired') return onExpired();
          setDiagnostics({ kind: 'ready', diagnostics: result.diagnostics, readAt: new Date().toISOString() });
        },
        () => {
          if (!mountedRef.current || request !== requestRef.current) return;
          setDiagnostics((current) => ({ kind: 'unavailable', previous: shownDiagnostics(current) }));
        },
      );
  }, [api, token, onExpired]);

  useEffect(() => {
    loadDiagnostics();
  }, [loadDiagnostics]);

  // The time of the last adminTouch; the diagnostics request above restarted the host's idle time.
  const touchedRef = useRef(Date.now());
  const touch = useCallback(
    (force: boolean) => {
      const now = Date.now();
      if (!force && now - touchedRef.current < ADMIN_TOUCH_INTERVAL_SECONDS * 1000) return;
      touchedRef.current = now;
      Promise.resolve()
        .then(() => api.adminTouch({ token }))
        .then(
          (result) => mountedRef.current && result.status === 'expired' && onExpired(),
          // An unreachable host shows on the next diagnostics or action.
          () => undefined,
        );
    },
    [api, token, onExpired],
  );
  useEffect(() => {
    const onActivity = () => touch(false);
    for (const name of ACTIVITY_EVENTS) window.addEventListener(name, onActivity, { capture: true, passive: true });
    return () => {
      for (const name of ACTIVITY_EVENTS) window.removeEventListener(name, onActivity, { capture: true });
    };
  }, [touch]);

  const run = useCallback(
    (action: AdminAction) => {
      if (running !== null) return;
      setConfirmingExit(false);
      setRunning(action);
      setActions((current) => ({ ...current, [action]: { kind: 'busy' } }));

      const finish = (state: ActionState) => {
        setRunning(null);
        setActions((current) => ({ ...current, [action]: state }));
      };
      Promise.resolve()
        .then(() => api.adminAction({ token, action }))
        .then(
          (result) => {
            if (!mountedRef.current) return;
            if (result.status === 'expired') return onExpired();
            finish({ kind: 'result', status: result.status, code: result.code, detail: result.detail });
            // A sync, an import or a test print changes what the diagnostics show.
            if (action !== 'exit-to-desktop') loadDiagnostics();
          },
          () => mountedRef.current && finish({ kind: 'unavailable' }),
        );
    },
    [api, token, running, onExpired, loadDiagnostics],
  );

  const press = (action: AdminAction) => (action === 'exit-to-desktop' ? setConfirmingExit(true) : run(action));

  const idle = useIdleTimeout({
    timeoutSeconds: ADMIN_IDLE_SECONDS,
    warningSeconds: ADMIN_WARNING_SECONDS,
    enabled: running === null,
    onTimeout: onLock,
  });

  const visibleDiagnostics = shownDiagnostics(diagnostics);
  let status: string;
  if (diagnostics.kind === 'loading') status = t('admin.screen.loading');
  else if (diagnostics.kind === 'unavailable') status = t('admin.screen.unavailable');
  else status = t('admin.screen.readAt', { time: formatFiledAt(diagnostics.readAt) });

  return (
    <div className="admin-screen admin-layer" data-testid="admin-screen">
      <header className="admin-header">
        <h2 className="admin-title">{t('admin.screen.title')}</h2>
        <div className="admin-header-buttons">
          <button type="button" className="big-button" data-testid="admin-refresh" onClick={loadDiagnostics}>
            {t('admin.screen.refresh')}
          </button>
          <button type="button" className="big-button big-button--primary" data-testid="admin-lock" onClick={onLock}>
            {t('admin.screen.lock')}
          </button>
          <LanguageSwitch />
        </div>
      </header>

      <div className="admin-body">
        <section className="admin-panel" data-testid="admin-actions">
          <h3 className="admin-card-title">{t('admin.section.actions')}</h3>
          <ul className="admin-actions">
            {ADMIN_ACTIONS.map((action) => (
              <li key={action} className="admin-action">
                <button
                  type="button"
                  className="big-button admin-action-button"
                  data-action={action}
                  disabled={running !== null}
                  onClick={() => press(action)}
                >
                  {actionLabel(t, action)}
                </button>
                <ActionLine action={action} state={actions[action]} />
              </li>
            ))}
          </ul>
        </section>

        <div className="admin-diagnostics">
          <p className={diagnostics.kind === 'unavailable' ? 'admin-status admin-line--problem' : 'admin-status'} role="status" data-testid="admin-status">
            {status}
          </p>
          {visibleDiagnostics !== null && <DiagnosticsView diagnostics={visibleDiagnostics} />}
        </div>
      </div>

      {confirmingExit && (
        <AdminModal
          title={t('admin.confirmExit.title')}
          text={t('admin.confirmExit.text')}
          confirm={{ label: t('admin.confirmExit.confirm'), onPress: () => run('exit-to-desktop') }}
          cancel={{ label: t('admin.confirmExit.cancel'), onPress: () => setConfirmingExit(false) }}
        />
      )}
      {idle.warningSecondsLeft !== null && (
        <AdminModal
          title={t('admin.lockWarning.title')}
          text={t('admin.lockWarning.countdown', { seconds: idle.warningSecondsLeft })}
          confirm={{
            label: t('admin.lockWarning.more'),
            onPress: () => {
              idle.extend();
              touch(true);
            },
          }}
        />
      )}
    </div>
  );
}

function ActionLine({ action, state }: { action: AdminAction; state: ActionState | undefined }) {
  const { t } = useTranslation();
  if (state === undefined) return <p className="admin-result" data-testid={`admin-result-${action}`} />;

  let line: string;
  let detail: string | null = null;
  if (state.kind === 'busy') {
    line = action === 'sync-now' || action === 'import-usb' ? t('admin.busySync', { seconds: ADMIN_SYNC_WAIT_SECONDS }) : t('admin.busy');
  }
  else if (state.kind === 'unavailable') line = t('admin.unavailable');
  else {
    line = resultLine(t, action, state.status, state.code);
    detail = state.detail === '' ? null : state.detail;
  }

  const failed = state.kind === 'unavailable' || (state.kind === 'result' && state.status === 'failed');
  return (
    <p
      className={failed ? 'admin-result admin-line--problem' : 'admin-result'}
      role="status"
      data-testid={`admin-result-${action}`}
      data-status={state.kind === 'result' ? state.status : state.kind}
    >
      <span className="admin-result-line">{line}</span>
      {detail !== null && <span className="admin-result-detail">{detail}</span>}
    </p>
  );
}
