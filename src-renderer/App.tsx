// The kiosk's one page. All session state (the typed ID number, the lookup result) lives in
// React state only: never in localStorage, sessionStorage or the URL. "Done" and the idle
// timeout wipe it and return to the home screen in the terminal's default language.
import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Household, KioskApi, KioskSettings, SnapshotInfo } from '../src-shared/kiosk-api.js';
import { ServiceUnavailableError } from './api/kiosk-client.js';
import { DataAgeBanner } from './components/DataAgeBanner.js';
import { IdleWarning } from './components/IdleWarning.js';
import { TopBar } from './components/TopBar.js';
import { applyKey } from './id-input/id-input.js';
import type { KeypadKey } from './id-input/id-input.js';
import { useIdleTimeout } from './idle/use-idle-timeout.js';
import { HomeScreen } from './screens/HomeScreen.js';
import { MessageScreen } from './screens/MessageScreen.js';
import type { MessageKind } from './screens/MessageScreen.js';
import { ResultScreen } from './screens/ResultScreen.js';

type View =
  | { kind: 'home' }
  | { kind: 'result'; household: Household }
  | { kind: 'message'; message: MessageKind; otherRegionName?: string };

/** Interval at which the home screen requests the installed snapshot, so a sync shows without a reload. */
export const SNAPSHOT_REFRESH_INTERVAL_MS = 60_000;

type Startup =
  | { kind: 'loading' }
  | { kind: 'ready'; settings: KioskSettings }
  | { kind: 'unavailable' };

export function App({ api }: { api: KioskApi }) {
  const { t, i18n } = useTranslation();
  const [startup, setStartup] = useState<Startup>({ kind: 'loading' });
  const [snapshot, setSnapshot] = useState<SnapshotInfo | null>(null);
  const [idInput, setIdInput] = useState('');
  const [view, setView] = useState<View>({ kind: 'home' });
  const [searching, setSearching] = useState(false);
  // Bumped on every wipe, so a lookup result that arrives after the session ended is dropped.
  const sessionRef = useRef(0);
  // The latest input and lookup state for callbacks that outlive a render: a lookup result is
  // shown only if the number on screen is still the one that was looked up.
  const idInputRef = useRef(idInput);
  const searchingRef = useRef(searching);
  useEffect(() => {
    idInputRef.current = idInput;
    searchingRef.current = searching;
  });
  // useTranslation returns a new i18n wrapper on each language change. The callbacks below
  // must not change with it, because loading would then rerun and undo the switch.
  const i18nRef = useRef(i18n);
  useEffect(() => {
    i18nRef.current = i18n;
  });

  const load = useCallback(async () => {
    setStartup({ kind: 'loading' });
    try {
      const [settings, info] = await Promise.all([api.getSettings(), api.getSnapshotInfo()]);
      // Switch before the screens show, so this cannot undo a tap on the language switch.
      await i18nRef.current.changeLanguage(settings.defaultLanguage);
      setSnapshot(info);
      setStartup({ kind: 'ready', settings });
    } catch (error) {
      if (!(error instanceof ServiceUnavailableError)) throw error;
      setStartup({ kind: 'unavailable' });
    }
  }, [api]);

  useEffect(() => {
    void load();
  }, [load]);

  useEffect(() => {
    document.documentElement.lang = i18n.language;
    document.title = t('app.title');
  }, [i18n.language, t]);

  const defaultLanguage = startup.kind === 'ready' ? startup.settings.defaultLanguage : 'zh-CN';

  const wipeSession = useCallback(() => {
    sessionRef.current += 1;
    setIdInput('');
    setView({ kind: 'home' });
    setSearching(false);
    void i18nRef.current.changeLanguage(defaultLanguage);

    // A sync may have installed a newer snapshot since the last session.
    api.getSnapshotInfo().then(setSnapshot, () => setStartup({ kind: 'unavailable' }));
  }, [api, defaultLanguage]);

  // A failed refresh keeps the last known state: a lookup that fails shows its own message.
  const refreshSnapshot = useCallback(() => {
    api.getSnapshotInfo().then(setSnapshot, () => undefined);
  }, [api]);

  const goHome = useCallback(() => {
    setView({ kind: 'home' });
    refreshSnapshot();
  }, [refreshSnapshot]);

  const onHome = startup.kind === 'ready' && view.kind === 'home';
  useEffect(() => {
    if (!onHome) return;
    const timer = setInterval(refreshSnapshot, SNAPSHOT_REFRESH_INTERVAL_MS);
    return () => clearInterval(timer);
  }, [onHome, refreshSnapshot]);

  // The keypad is locked during a lookup; this also stops a physical keyboard.
  const onKey = useCallback((key: KeypadKey) => {
    if (searchingRef.current) return;
    setIdInput((current) => applyKey(current, key));
  }, []);

  const onSearch = useCallback(() => {
    if (searchingRef.current) return;
    const session = sessionRef.current;
    const requested = idInput;
    searchingRef.current = true;
    setSearching(true);
    api.lookupHousehold(requested).then(
      (result) => {
        if (session !== sessionRef.current) return;
        setSearching(false);
        // Never show a household for a number other than the one on screen.
        if (idInputRef.current !== requested) return;
        if (result.status === 'found') {
          setView({ kind: 'result', household: result.household });
        } else if (result.status === 'not-found' && snapshot && !requested.startsWith(snapshot.regionCode.slice(0, 6))) {
          setView({ kind: 'message', message: 'not-found', otherRegionName: snapshot.regionName });
        } else {
          setView({ kind: 'message', message: result.status });
        }
      },
      () => {
        if (session !== sessionRef.current) return;
        setSearching(false);
        setView({ kind: 'message', message: 'unavailable' });
      },
    );
  }, [api, idInput, snapshot]);

  const sessionActive = idInput.length > 0 || view.kind !== 'home' || i18n.language !== defaultLanguage;
  const idle = useIdleTimeout({
    timeoutSeconds: startup.kind === 'ready' ? startup.settings.idleTimeoutSeconds : 90,
    warningSeconds: startup.kind === 'ready' ? startup.settings.idleWarningSeconds : 20,
    enabled: startup.kind === 'ready' && sessionActive,
    onTimeout: wipeSession,
  });

  let content;
  if (startup.kind === 'loading') {
    content = <p className="loading">{t('app.loading')}</p>;
  } else if (startup.kind === 'unavailable') {
    content = <MessageScreen kind="unavailable" onBack={load} onDone={load} onRetry={load} />;
  } else if (view.kind === 'result') {
    content = <ResultScreen household={view.household} snapshot={snapshot} onBack={goHome} onDone={wipeSession} />;
  } else if (view.kind === 'message') {
    content = (
      <MessageScreen kind={view.message} otherRegionName={view.otherRegionName} onBack={goHome} onDone={wipeSession} />
    );
  } else {
    content = (
      <HomeScreen
        idInput={idInput}
        snapshot={snapshot}
        terminalName={startup.settings.terminalName}
        searching={searching}
        onKey={onKey}
        onSearch={onSearch}
      />
    );
  }

  return (
    <div className="app">
      <TopBar />
      <DataAgeBanner snapshot={snapshot} />
      {content}
      {idle.warningSecondsLeft !== null && (
        <IdleWarning secondsLeft={idle.warningSecondsLeft} onMoreTime={idle.extend} />
      )}
    </div>
  );
}
