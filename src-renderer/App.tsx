// The kiosk's one page. All session state (the typed ID number, the lookup result, the view
// stack, the chosen region) lives in React state only: never in localStorage, sessionStorage or
// the URL. "Done" and the idle timeout wipe it and return to the home menu in the terminal's
// default language and home region.
import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AdminApi } from '../src-shared/admin-api.js';
import type { RecordKind, Region } from '../src-shared/boards-api.js';
import type { Household, KioskApi, KioskSettings, Payment, SnapshotInfo } from '../src-shared/kiosk-api.js';
import type { ReportedRecord } from '../src-shared/reports-api.js';
import { AdminGate } from './admin/AdminGate.js';
import { ServiceUnavailableError } from './api/kiosk-client.js';
import { AttractScreen } from './attract/AttractScreen.js';
import { useAttractLoop } from './attract/use-attract-loop.js';
import { BoardScreen } from './boards/BoardScreen.js';
import { RecordDetailScreen } from './boards/RecordDetailScreen.js';
import { DataAgeBanner } from './components/DataAgeBanner.js';
import { EmergencyNoticeBanner } from './notices/EmergencyNoticeBanner.js';
import { useEmergencyNotices } from './notices/use-emergency-notices.js';
import { idleLoss, IdleWarning } from './components/IdleWarning.js';
import { TopBar } from './components/TopBar.js';
import { applyKey } from './id-input/id-input.js';
import type { KeypadKey } from './id-input/id-input.js';
import { useIdleTimeout } from './idle/use-idle-timeout.js';
import type { MenuTileId } from './navigation/menu.js';
import { RegionBar } from './navigation/RegionBar.js';
import { RegionPicker } from './navigation/RegionPicker.js';
import { CaseStatusScreen } from './reporting/CaseStatusScreen.js';
import { PaymentScreen } from './reporting/PaymentScreen.js';
import { ReportFlowScreen } from './reporting/ReportFlowScreen.js';
import { SearchScreen } from './navigation/SearchScreen.js';
import { createViewStack, currentView, popView, pushView } from './navigation/view-stack.js';
import type { ViewStack } from './navigation/view-stack.js';
import { HOME_VIEW, keepsStateUnderneath, showsRegionBar } from './navigation/views.js';
import type { KioskView } from './navigation/views.js';
import { HomeScreen } from './screens/HomeScreen.js';
import { LookupScreen } from './screens/LookupScreen.js';
import { MessageScreen } from './screens/MessageScreen.js';
import { ResultScreen } from './screens/ResultScreen.js';

/** Interval at which the home and lookup screens request the installed snapshot, so a sync shows without a reload. */
export const SNAPSHOT_REFRESH_INTERVAL_MS = 60_000;

type Startup =
  | { kind: 'loading' }
  | { kind: 'ready'; settings: KioskSettings }
  | { kind: 'unavailable' };

// The county's regions for the installed snapshot version: null while loading, 'failed' when
// the host could not list them.
type RegionList = { version: number; regions: Region[] } | 'failed' | null;

const HOME_STACK = createViewStack<KioskView>(HOME_VIEW);

/** How long the "service unavailable" screen waits before it tries to load again. */
export const UNAVAILABLE_RETRY_MS = 15_000;

/** adminApi: the technician's admin calls; without it the hidden admin entry stays off. */
export function App({ api, adminApi }: { api: KioskApi; adminApi?: AdminApi }) {
  const { t, i18n } = useTranslation();
  const [startup, setStartup] = useState<Startup>({ kind: 'loading' });
  const [snapshot, setSnapshot] = useState<SnapshotInfo | null>(null);
  const [idInput, setIdInput] = useState('');
  const [stack, setStack] = useState<ViewStack<KioskView>>(HOME_STACK);
  const [regionCode, setRegionCode] = useState<string | null>(null);
  const [regionList, setRegionList] = useState<RegionList>(null);
  const [searching, setSearching] = useState(false);
  // The admin PIN pad or screen is open: not a villager session, so the idle timer is off.
  const [adminActive, setAdminActive] = useState(false);
  // A report flow with a draft not yet filed is open, so the idle warning names the report.
  const [reportDraftOpen, setReportDraftOpen] = useState(false);
  // The emergency notice dialog is open: someone is reading, so the attract loop waits and the
  // idle timer runs with its warning, as on any other screen.
  const [noticeOpen, setNoticeOpen] = useState(false);
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
      setRegionCode(settings.homeRegionCode);
      setStartup({ kind: 'ready', settings });
    } catch (error) {
      if (!(error instanceof ServiceUnavailableError)) throw error;
      setStartup({ kind: 'unavailable' });
    }
  }, [api]);

  useEffect(() => {
    void load();
  }, [load]);

  // While the host cannot be reached, loading is retried on a timer. The kiosk then recovers by
  // itself once the host is back, even when no villager taps "retry".
  const unavailable = startup.kind === 'unavailable';
  useEffect(() => {
    if (!unavailable) return undefined;
    const timer = setTimeout(() => void load(), UNAVAILABLE_RETRY_MS);
    return () => clearTimeout(timer);
  }, [unavailable, load]);

  useEffect(() => {
    document.documentElement.lang = i18n.language;
    document.title = t('app.title');
  }, [i18n.language, t]);

  // The region list belongs to a snapshot: a sync that installs a new version reloads it.
  const snapshotVersion = snapshot?.version ?? null;
  useEffect(() => {
    if (snapshotVersion === null) return undefined;
    let current = true;
    // Through a promise, so a host that throws instead of rejecting also ends in 'failed'.
    Promise.resolve()
      .then(() => api.getRegions())
      .then(
        (regions) => current && setRegionList({ version: snapshotVersion, regions }),
        () => current && setRegionList('failed'),
      );
    return () => {
      current = false;
    };
  }, [api, snapshotVersion]);

  const settings = startup.kind === 'ready' ? startup.settings : null;
  const defaultLanguage = settings?.defaultLanguage ?? 'zh-CN';
  const homeRegionCode = settings?.homeRegionCode ?? null;

  // Back to the home view, every other view unmounts and drops what it holds: board pages,
  // search results, keyboard candidates, the report draft and the print state. The renderer has
  // no module-level cache of results and fetches with no-store, so nothing else keeps the
  // session; tests/e2e/idle-wipe.spec.ts looks for its strings in the heap after a wipe.
  // A failed refresh keeps the last known state: a lookup that fails shows its own message, and
  // one host restart during a wipe must not take the kiosk out of service.
  const refreshSnapshot = useCallback(() => {
    api.getSnapshotInfo().then(setSnapshot, () => undefined);
  }, [api]);

  const wipeSession = useCallback(() => {
    sessionRef.current += 1;
    setIdInput('');
    setStack(HOME_STACK);
    setRegionCode(homeRegionCode);
    setSearching(false);
    setNoticeOpen(false);
    void i18nRef.current.changeLanguage(defaultLanguage);

    // A sync may have installed a newer snapshot since the last session.
    refreshSnapshot();
  }, [defaultLanguage, homeRegionCode, refreshSnapshot]);

  const open = useCallback((view: KioskView) => setStack((current) => pushView(current, view)), []);
  const back = useCallback(() => setStack((current) => popView(current)), []);

  // Back from a lookup's result or message returns to the keypad with the number kept.
  const backToLookup = useCallback(() => {
    back();
    refreshSnapshot();
  }, [back, refreshSnapshot]);

  // Leaving the lookup for the menu clears the number: the villager is done with it.
  const leaveLookup = useCallback(() => {
    setIdInput('');
    back();
  }, [back]);

  const top = currentView(stack);
  const resting = startup.kind === 'ready' && (top.kind === 'home' || top.kind === 'lookup');
  useEffect(() => {
    if (!resting) return;
    const timer = setInterval(refreshSnapshot, SNAPSHOT_REFRESH_INTERVAL_MS);
    return () => clearInterval(timer);
  }, [resting, refreshSnapshot]);

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

    // The result opens over the lookup screen only, because a villager who left it has moved on.
    const showOverLookup = (view: KioskView) =>
      setStack((current) => (currentView(current).kind === 'lookup' ? pushView(current, view) : current));

    api.lookupHousehold(requested).then(
      (result) => {
        if (session !== sessionRef.current) return;
        setSearching(false);
        // Never show a household for a number other than the one on screen.
        if (idInputRef.current !== requested) return;
        if (result.status === 'found') {
          showOverLookup({ kind: 'result', household: result.household });
        } else if (result.status === 'not-found' && snapshot && !requested.startsWith(snapshot.regionCode.slice(0, 6))) {
          showOverLookup({ kind: 'message', message: 'not-found', otherRegionName: snapshot.regionName });
        } else {
          showOverLookup({ kind: 'message', message: result.status });
        }
      },
      () => {
        if (session !== sessionRef.current) return;
        setSearching(false);
        showOverLookup({ kind: 'message', message: 'unavailable' });
      },
    );
  }, [api, idInput, snapshot]);

  const onOpenTile = useCallback(
    (tile: MenuTileId) => {
      if (tile === 'lookup') open({ kind: 'lookup' });
      else if (tile === 'search') open({ kind: 'search' });
      else if (tile === 'report') open({ kind: 'report', record: null });
      else if (tile === 'case-status') open({ kind: 'case-status' });
      else open({ kind: 'board', board: tile });
    },
    [open],
  );

  const openRegionPicker = useCallback(() => open({ kind: 'region' }), [open]);
  const openRecord = useCallback((recordKind: RecordKind, id: string) => open({ kind: 'detail', recordKind, id }), [open]);
  const openPayment = useCallback((household: Household, payment: Payment) => open({ kind: 'payment', household, payment }), [open]);
  const openReport = useCallback((record: ReportedRecord) => open({ kind: 'report', record }), [open]);

  // Picking returns to the screen the picker was opened from, now scoped to the new region.
  const pickRegion = useCallback(
    (code: string) => {
      setRegionCode(code);
      back();
    },
    [back],
  );

  // Shown on every screen and over the attract loop, so the list lives here, above both.
  const emergencyNotices = useEmergencyNotices(api);
  // The dialog closes by itself when the last notice in it ends, and stays closed for the next one.
  if (noticeOpen && emergencyNotices.length === 0) setNoticeOpen(false);
  const sessionActive =
    idInput.length > 0 || stack.length > 1 || i18n.language !== defaultLanguage || regionCode !== homeRegionCode || noticeOpen;
  const idle = useIdleTimeout({
    timeoutSeconds: settings?.idleTimeoutSeconds ?? 90,
    warningSeconds: settings?.idleWarningSeconds ?? 20,
    enabled: settings !== null && sessionActive && !adminActive,
    onTimeout: wipeSession,
  });
  // The attract loop starts on the home screen left untouched, with no session to wipe.
  const attract = useAttractLoop({
    afterSeconds: settings?.attractAfterSeconds ?? null,
    resting: top.kind === 'home' && !sessionActive && !adminActive,
  });

  const regions = regionList !== null && regionList !== 'failed' && regionList.version === snapshotVersion ? regionList.regions : null;
  let regionName: string | null = null;
  if (regionCode !== null) {
    regionName = regions?.find((region) => region.code === regionCode)?.name ?? null;
    // Before the list loads (or if it fails), the snapshot names its own county.
    if (regionName === null && snapshot?.regionCode === regionCode) regionName = snapshot.regionName;
    regionName ??= regionCode;
  }

  function renderView(view: KioskView, readySettings: KioskSettings, scope: string) {
    switch (view.kind) {
      case 'home':
        return (
          <HomeScreen
            snapshot={snapshot}
            terminalName={readySettings.terminalName}
            regionName={regionName}
            reporting={readySettings.reporting}
            onOpen={onOpenTile}
            onChangeRegion={openRegionPicker}
          />
        );
      case 'lookup':
        return (
          <LookupScreen
            idInput={idInput}
            snapshot={snapshot}
            terminalName={readySettings.terminalName}
            searching={searching}
            onKey={onKey}
            onSearch={onSearch}
            onBack={leaveLookup}
          />
        );
      case 'result':
        return (
          <ResultScreen
            household={view.household}
            snapshot={snapshot}
            api={api}
            settings={readySettings}
            onOpenPayment={(payment) => openPayment(view.household, payment)}
            onBack={backToLookup}
            onDone={wipeSession}
          />
        );
      case 'message':
        return (
          <MessageScreen kind={view.message} otherRegionName={view.otherRegionName} onBack={backToLookup} onDone={wipeSession} />
        );
      case 'board':
        return (
          <BoardScreen
            api={api}
            board={view.board}
            regionCode={scope}
            snapshot={snapshot}
            settings={readySettings}
            onOpenRecord={openRecord}
            onBack={back}
            onDone={wipeSession}
          />
        );
      case 'detail':
        return (
          <RecordDetailScreen
            api={api}
            kind={view.recordKind}
            id={view.id}
            snapshot={snapshot}
            settings={readySettings}
            onReport={openReport}
            onBack={back}
            onDone={wipeSession}
          />
        );
      case 'region':
        return (
          <RegionPicker
            regions={regionList === 'failed' ? null : (regions ?? [])}
            currentCode={scope}
            onPick={pickRegion}
            onBack={back}
            onDone={wipeSession}
            snapshot={snapshot}
          />
        );
      case 'search':
        return (
          <SearchScreen api={api} regionCode={scope} snapshot={snapshot} onOpenRecord={openRecord} onBack={back} onDone={wipeSession} />
        );
      case 'payment':
        return (
          <PaymentScreen
            household={view.household}
            payment={view.payment}
            settings={readySettings}
            onReport={openReport}
            onBack={back}
            onDone={wipeSession}
          />
        );
      case 'report':
        return (
          <ReportFlowScreen
            api={api}
            settings={readySettings}
            record={view.record}
            regionCode={scope}
            onExit={back}
            onDone={wipeSession}
            onDraftOpenChange={setReportDraftOpen}
          />
        );
      case 'case-status':
        return <CaseStatusScreen api={api} snapshot={snapshot} onBack={back} onDone={wipeSession} />;
    }
  }

  let content;
  if (startup.kind === 'unavailable') {
    content = <MessageScreen kind="unavailable" onBack={load} onDone={load} onRetry={load} />;
  } else if (startup.kind === 'ready' && regionCode !== null) {
    const topIndex = stack.length - 1;
    // The view on screen, plus the views under it that keep their state (see keepsStateUnderneath).
    content = stack.map((view, index) => {
      if (index !== topIndex && !keepsStateUnderneath(view)) return null;
      return (
        <div key={`${index}:${view.kind}`} className="view-layer" hidden={index !== topIndex} data-view={view.kind}>
          {showsRegionBar(view) && regionName !== null && <RegionBar regionName={regionName} onChangeRegion={openRegionPicker} />}
          {renderView(view, startup.settings, regionCode)}
        </div>
      );
    });
  } else {
    content = <p className="loading">{t('app.loading')}</p>;
  }

  if (attract.showing && homeRegionCode !== null) {
    return (
      <>
        <AttractScreen api={api} regionCode={homeRegionCode} snapshot={snapshot} onLeave={attract.leave} />
        {/* A tap opens the dialog, which ends the loop's rest, so closing it leaves the villager on the home menu. */}
        <EmergencyNoticeBanner notices={emergencyNotices} open={false} onOpenChange={setNoticeOpen} overlay={{ onSwipe: attract.leave }} />
      </>
    );
  }

  return (
    <div className="app">
      <TopBar />
      <DataAgeBanner snapshot={snapshot} />
      <EmergencyNoticeBanner notices={emergencyNotices} open={noticeOpen} onOpenChange={setNoticeOpen} />
      {content}
      <AdminGate api={adminApi} admin={settings?.admin ?? null} resetKiosk={wipeSession} onActiveChange={setAdminActive} />
      {idle.warningSecondsLeft !== null && (
        <IdleWarning
          secondsLeft={idle.warningSecondsLeft}
          clears={idleLoss({ views: stack, idInput, reportDraftOpen })}
          onMoreTime={idle.extend}
        />
      )}
    </div>
  );
}
