// The household lookup ("查我家补贴"): the instruction, the ID number as typed (grouped 6-8-4),
// instant feedback, the keypad and the "data as of" line. The digits stay visible: the number
// is the villager's own.
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import type { SnapshotInfo } from '../../src-shared/kiosk-api.js';
import { BackButton } from '../components/BackDoneButtons.js';
import { IdFeedback } from '../components/IdFeedback.js';
import { IdKeypad } from '../components/IdKeypad.js';
import { describeIdInput, groupIdDigits, keypadKeyOf } from '../id-input/id-input.js';
import type { KeypadKey } from '../id-input/id-input.js';

export interface LookupScreenProps {
  idInput: string;
  snapshot: SnapshotInfo | null;
  terminalName: string;
  searching: boolean;
  onKey(key: KeypadKey): void;
  onSearch(): void;
  /** Returns to the home menu; the caller also clears the number, as the villager is leaving. */
  onBack(): void;
}

export function LookupScreen({ idInput, snapshot, terminalName, searching, onKey, onSearch, onBack }: LookupScreenProps) {
  const { t } = useTranslation();
  const state = describeIdInput(idInput);
  const dataInstalled = snapshot !== null;
  // Without data nothing can be looked up, so the keypad is locked as during a lookup.
  const locked = searching || !dataInstalled;
  const canSearch = state.kind === 'valid' && !locked;

  // A physical keyboard is optional on a kiosk; when one is attached it types like the keypad.
  useEffect(() => {
    function onKeyDown(event: KeyboardEvent) {
      // Enter on a focused button activates that button (the browser's default), never search.
      if (event.key === 'Enter') {
        if (event.target instanceof HTMLButtonElement) return;
        if (canSearch) onSearch();
        return;
      }
      const key = keypadKeyOf(event.key);
      if (key && !locked) onKey(key);
    }
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [canSearch, locked, onKey, onSearch]);

  return (
    <main className="home lookup">
      <section className="home-input">
        <p className="instruction">{t('home.instruction')}</p>

        <p id="id-label" className="id-label">
          {t('home.idLabel')}
        </p>
        <div className="id-display" role="textbox" aria-readonly="true" aria-labelledby="id-label" data-testid="id-display">
          {groupIdDigits(idInput).map((group, index) => (
            <span key={index} className="id-group">
              {group}
            </span>
          ))}
          <span className="id-caret" aria-hidden="true" />
        </div>
        <IdFeedback state={state} dataInstalled={dataInstalled} />

        {searching && (
          <p className="searching" role="status" data-testid="searching">
            <span aria-hidden="true">⏳ </span>
            {t('home.searching')}
          </p>
        )}

        <div className="lookup-actions">
          <BackButton onBack={onBack} />
        </div>

        <footer className="data-info" data-testid="data-info">
          {snapshot && (
            <>
              <p>{t('home.region', { region: snapshot.regionName })}</p>
              <p>
                {t('home.dataAsOf', { date: snapshot.dataAsOf })}
                {' · '}
                {t('home.householdCount', { households: snapshot.householdCount })}
              </p>
            </>
          )}
          <p data-testid="terminal-name">{t('home.terminal', { name: terminalName })}</p>
        </footer>
      </section>

      <IdKeypad input={idInput} locked={locked} searching={searching} canSearch={canSearch} onKey={onKey} onSearch={onSearch} />
    </main>
  );
}
