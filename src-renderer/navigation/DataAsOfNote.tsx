// The snapshot's "data as of" date on screens without a source line of their own (search
// results, the region picker), because every screen must state how current its data is.
import { useTranslation } from 'react-i18next';
import type { SnapshotInfo } from '../../src-shared/kiosk-api.js';
import { formatDate } from '../boards/format.js';

export function DataAsOfNote({ snapshot }: { snapshot: SnapshotInfo | null }) {
  const { t, i18n } = useTranslation();
  if (!snapshot) return null;
  return (
    <p className="data-as-of-note" data-testid="data-as-of">
      {t('boards.source.dataAsOf', { date: formatDate(snapshot.dataAsOf, i18n.language) })}
    </p>
  );
}
