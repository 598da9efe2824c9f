// The line under every board list and record: which department published the data, when, and
// up to which date the installed snapshot is complete.
import { useTranslation } from 'react-i18next';
import type { Source } from '../../src-shared/boards-api.js';
import type { SnapshotInfo } from '../../src-shared/kiosk-api.js';
import { formatDate } from './format.js';

export interface SourceLineProps {
  sources: readonly Source[];
  snapshot: SnapshotInfo | null;
}

export function SourceLine({ sources, snapshot }: SourceLineProps) {
  const { t, i18n } = useTranslation();
  const language = i18n.language;

  const published =
    sources.length === 0
      ? t('boards.source.unknown')
      : sources
          .map((source) =>
            t('boards.source.item', { department: source.department, date: formatDate(source.publishedOn, language) }),
          )
          .join(t('boards.source.separator'));

  return (
    <p className="source-line" data-testid="source-line">
      <span className="source-line-part">{t('boards.source.label', { sources: published })}</span>
      {snapshot && (
        <span className="source-line-part">{t('boards.source.dataAsOf', { date: formatDate(snapshot.dataAsOf, language) })}</span>
      )}
    </p>
  );
}
