// The PIN pad of the hidden admin entry: masked dots, the digit keypad with 解锁 beside it, and
// 取消. The host checks the PIN and counts wrong ones, and the pad shows the attempts left, or
// until when it is locked. It asks the host on opening, so a pad reopened during a lockout shows
// the lock at once. It closes itself after 30 seconds without a tap, and at once when the
// terminal has no admin PIN.
import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ADMIN_PIN_MAX, ADMIN_PIN_MIN } from '../../src-shared/admin-api.js';
import type { AdminApi } from '../../src-shared/admin-api.js';
import { useIdleTimeout } from '../idle/use-idle-timeout.js';
import { DigitKeypad } from '../reporting/DigitKeypad.js';
import { applyDigitKey } from '../reporting/report-flow.js';
import type { DigitKey } from '../reporting/report-flow.js';
import { formatFiledAt } from '../reporting/ReportReview.js';

/** Seconds without a tap after which the pad closes itself. */
export const PIN_PAD_TIMEOUT_SECONDS = 30;

type PadState =
  | { kind: 'entering' }
  | { kind: 'checking' }
  | { kind: 'wrong-pin'; attemptsLeft: number }
  | { kind: 'locked'; until: string }
  | { kind: 'unavailable' };

export interface AdminPinPadProps {
  api: Pick<AdminApi, 'adminUnlock'>;
  /** Shown above the keypad when the pad reopens because the admin session expired. */
  expired: boolean;
  onUnlocked(token: string): void;
  onClose(): void;
}

function keyOf(keyboardKey: string): DigitKey | null {
  if (/^[0-9]$/.test(keyboardKey)) return keyboardKey as DigitKey;
  if (keyboardKey === 'Backspace') return 'backspace';
  if (keyboardKey === 'Delete') return 'clear';
  return null;
}

export function AdminPinPad({ api, expired, onUnlocked, onClose }: AdminPinPadProps) {
  const { t } = useTranslation();
  const [pin, setPin] = useState('');
  const [state, setState] = useState<PadState>({ kind: 'entering' });
  // Set once the pad has closed or unlocked, so a late response is ignored.
  const doneRef = useRef(false);
  useEffect(() => {
    doneRef.current = false;
    return () => {
      doneRef.current = true;
    };
  }, []);

  // An empty PIN returns the lockout only; an unreachable host shows when the PIN is sent.
  useEffect(() => {
    Promise.resolve()
      .then(() => api.adminUnlock({ pin: '' }))
      .then(
        (result) => {
          if (doneRef.current) return;
          if (result.status === 'locked') setState((current) => (current.kind === 'entering' ? { kind: 'locked', until: result.until } : current));
          else if (result.status === 'not-configured') {
            doneRef.current = true;
            onClose();
          }
        },
        () => undefined,
      );
    // Once per opening of the pad.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  useIdleTimeout({ timeoutSeconds: PIN_PAD_TIMEOUT_SECONDS, warningSeconds: 0, enabled: true, onTimeout: onClose });

  // While locked, only 取消 works, because the host returns the same lock for every PIN until then.
  const keysLocked = state.kind === 'checking' || state.kind === 'locked';
  const canUnlock = !keysLocked && pin.length >= ADMIN_PIN_MIN;

  const onKey = useCallback((key: DigitKey) => setPin((current) => applyDigitKey(current, key, ADMIN_PIN_MAX)), []);

  const unlock = useCallback(() => {
    if (!canUnlock) return;
    const entered = pin;
    setPin('');
    setState({ kind: 'checking' });

    // Through a promise, so a host that throws instead of rejecting also ends as unavailable.
    Promise.resolve()
      .then(() => api.adminUnlock({ pin: entered }))
      .then(
        (result) => {
          if (doneRef.current) return;
          if (result.status === 'unlocked') {
            doneRef.current = true;
            onUnlocked(result.token);
          } else if (result.status === 'not-configured') {
            doneRef.current = true;
            onClose();
          } else if (result.status === 'wrong-pin') {
            setState({ kind: 'wrong-pin', attemptsLeft: result.attemptsLeft });
          } else if (result.status === 'ready') {
            setState({ kind: 'entering' });
          } else {
            setState({ kind: 'locked', until: result.until });
          }
        },
        () => !doneRef.current && setState({ kind: 'unavailable' }),
      );
  }, [api, canUnlock, onClose, onUnlocked, pin]);

  // A technician's keyboard: digits, Backspace, Delete, Enter to unlock and Escape to cancel.
  const keyboardRef = useRef({ keysLocked, onKey, unlock, onClose });
  useEffect(() => {
    keyboardRef.current = { keysLocked, onKey, unlock, onClose };
  });
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      const current = keyboardRef.current;
      if (event.key === 'Escape') return current.onClose();
      if (event.key === 'Enter') return current.unlock();
      const key = keyOf(event.key);
      if (key !== null && !current.keysLocked) current.onKey(key);
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, []);

  let message: string | null = null;
  if (state.kind === 'checking') message = t('admin.pin.checking');
  else if (state.kind === 'wrong-pin') message = t('admin.pin.wrongPin', { attempts: state.attemptsLeft });
  else if (state.kind === 'locked') message = t('admin.pin.locked', { until: formatFiledAt(state.until) });
  else if (state.kind === 'unavailable') message = t('admin.pin.unavailable');
  else if (expired) message = t('admin.pin.expired');

  return (
    <div className="modal-backdrop admin-layer">
      <div className="modal admin-pin" role="dialog" aria-modal="true" aria-labelledby="admin-pin-title" data-testid="admin-pin-pad">
        <div className="admin-pin-info">
          <h2 id="admin-pin-title" className="modal-title">
            {t('admin.pin.title')}
          </h2>
          <p className="admin-pin-instruction">{t('admin.pin.instruction', { min: ADMIN_PIN_MIN, max: ADMIN_PIN_MAX })}</p>
          <p className="admin-pin-dots" data-testid="admin-pin-dots" aria-label={t('admin.pin.maskLabel', { digits: pin.length })}>
            {'●'.repeat(pin.length)}
          </p>
          <p className="admin-pin-message" role="status" data-testid="admin-pin-message">
            {message}
          </p>
          <p className="admin-pin-note">{t('admin.pin.autoClose')}</p>
          <button type="button" className="big-button" data-testid="admin-pin-cancel" onClick={onClose}>
            {t('admin.pin.cancel')}
          </button>
        </div>
        <DigitKeypad
          input={pin}
          maxDigits={ADMIN_PIN_MAX}
          locked={keysLocked}
          onKey={onKey}
          action={{ label: t('admin.pin.unlock'), enabled: canUnlock, onPress: unlock }}
        />
      </div>
    </div>
  );
}
