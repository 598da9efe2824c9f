// Home: the instruction, the ID number as typed (grouped 6-8-4), instant feedback, the keypad
// and the "data as of" line. The digits stay visible: the number is the villager's own.
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import type { SnapshotInfo } from '../../src-shared/kiosk-api.js';
import { IdFeedback } from '../components/IdFeedback.js';
import { Keypad } from '../components/Keypad.js';
import { describeIdInput, groupIdDigits, keypadKeyOf } from '../id-input/id-input.js';
import type { KeypadKey } from '../id-input/id-input.js';

export interface HomeScreenProps {
  idInput: string;
  snapshot: SnapshotInfo | null;
  searching: boolean;
  onKey(key: KeypadKey): void;
  onSearch(): void;
}

export function HomeScreen({ idInput, snapshot, searching, onKey, onSearch }: HomeScreenProps) {
  const { t } = useTranslation();
  const state = describeIdInput(idInput);
  const canSearch = state.kind === 'valid' && snapshot !== null && !searching;

  // A physical keyboard is optional on a kiosk; when one is attached it types like the keypad.
  useEffect(() => {
    function onKeyDown(event: KeyboardEvent) {
      if (event.key === 'Enter' && canSearch) {
        onSearch();
        return;
      }
      const key = keypadKeyOf(event.key);
      if (key) onKey(key);
    }
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [canSearch, onKey, onSearch]);

  return (
    <main className="home">
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
        <IdFeedback state={state} />

        {searching && (
          <p className="searching" role="status">
            {t('home.searching')}
          </p>
        )}

        <footer className="data-info" data-testid="data-info">
          {snapshot ? (
            <>
              <p>{t('home.region', { region: snapshot.regionName })}</p>
              <p>
                {t('home.dataAsOf', { date: snapshot.dataAsOf })}
                {' · '}
                {t('home.householdCount', { households: snapshot.householdCount })}
              </p>
            </>
          ) : (
            <p className="no-data" role="alert">
              <span aria-hidden="true">⚠ </span>
              {t('home.noData')}
            </p>
          )}
        </footer>
      </section>

      <Keypad input={idInput} canSearch={canSearch} onKey={onKey} onSearch={onSearch} />
    </main>
  );
}
