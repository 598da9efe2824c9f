// A strip under the top bar on every screen while the installed data has passed its signed
// expiry. The kiosk keeps serving expired data rather than nothing, so this strip states how old
// the data is. It is part of the page layout, never an overlay, so it cannot hide the keypad or
// a button, and it needs no tap. The warning sign and the words carry the meaning, not colour.
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import type { SnapshotInfo } from '../../src-shared/kiosk-api.js';

// Literal keys, so the catalog test can see each one.
function ageText(t: TFunction, ageDays: number): string {
  // dataAge() returns age 0 for dates it cannot read, so an expired snapshot of age 0 gets no number.
  if (ageDays === 0) return t('dataAge.expired');
  if (ageDays === 1) return t('dataAge.oneDayOld');
  return t('dataAge.daysOld', { days: ageDays });
}

export function DataAgeBanner({ snapshot }: { snapshot: SnapshotInfo | null }) {
  const { t } = useTranslation();
  if (!snapshot?.expired) return null;

  return (
    <div className="data-age-banner" role="status" data-testid="data-age-banner">
      <span className="data-age-icon" aria-hidden="true">
        ⚠
      </span>
      <p className="data-age-text">
        <strong>{ageText(t, snapshot.ageDays)}</strong> <span>{t('dataAge.asOf', { date: snapshot.dataAsOf })}</span>
      </p>
    </div>
  );
}
