// The hidden admin entry and what it opens: nothing to see until the configured corner is tapped
// five times, then the PIN pad, then the admin screen over the whole kiosk. It renders nothing
// and listens to no tap when the terminal has no admin PIN (settings.admin is null) or the host
// offers no AdminApi.
import { useCallback, useEffect, useState } from 'react';
import type { AdminApi } from '../../src-shared/admin-api.js';
import type { KioskSettings } from '../../src-shared/kiosk-api.js';
import { AdminPinPad } from './AdminPinPad.js';
import { AdminScreen } from './AdminScreen.js';
import { useCornerTaps } from './use-corner-taps.js';
import '../styles/admin.css';

type GateState = { kind: 'closed' } | { kind: 'pin'; expired: boolean } | { kind: 'screen'; token: string };

export interface AdminGateProps {
  api: AdminApi | undefined;
  admin: KioskSettings['admin'];
  /**
   * Wipes the villager's session. Called when the PIN opens the admin screen, so no household
   * waits behind it, and when the screen locks, so the kiosk returns home in its default language.
   */
  resetKiosk(): void;
  /** True while the PIN pad or the admin screen shows, so the villager's idle timer stays off. */
  onActiveChange(active: boolean): void;
}

export function AdminGate({ api, admin, resetKiosk, onActiveChange }: AdminGateProps) {
  const [state, setState] = useState<GateState>({ kind: 'closed' });
  const corner = api !== undefined && admin !== null ? admin.corner : null;

  const openPad = useCallback(() => setState((current) => (current.kind === 'closed' ? { kind: 'pin', expired: false } : current)), []);
  useCornerTaps(corner, openPad);

  const active = state.kind !== 'closed';
  useEffect(() => onActiveChange(active), [active, onActiveChange]);

  const close = useCallback(() => setState({ kind: 'closed' }), []);
  const unlocked = useCallback(
    (token: string) => {
      resetKiosk();
      setState({ kind: 'screen', token });
    },
    [resetKiosk],
  );
  const expired = useCallback(() => setState({ kind: 'pin', expired: true }), []);

  const token = state.kind === 'screen' ? state.token : null;
  const lock = useCallback(() => {
    setState({ kind: 'closed' });
    resetKiosk();
    // The screen closes either way. A host that cannot be reached lets the token expire on its own.
    if (api !== undefined && token !== null) Promise.resolve().then(() => api.adminLock({ token })).catch(() => undefined);
  }, [api, token, resetKiosk]);

  if (api === undefined || state.kind === 'closed') return null;
  if (state.kind === 'pin') return <AdminPinPad api={api} expired={state.expired} onUnlocked={unlocked} onClose={close} />;
  return <AdminScreen api={api} token={state.token} onExpired={expired} onLock={lock} />;
}
