// The line under every board list and record: which department published the data, when, and
// up to which date the installed snapshot is complete. A list may draw on many departments;
// the line names the two newest and counts the rest, so it stays within two lines of text.
import { useTranslation } from 'react-i18next';
import type { Source } from '../../src-shared/boards-api.js';
import type { SnapshotInfo } from '../../src-shared/kiosk-api.js';
import { formatDate } from './format.js';

/** Sources named in full on the line; the others are counted. */
export const NAMED_SOURCES = 2;

export interface SourceLineProps {
  sources: readonly Source[];
  snapshot: SnapshotInfo | null;
  // While the records load, their sources are not known yet: not the same as "none given".
  loading?: boolean;
  // True when a filter matched no rows. The source part is then left out, because "no publisher"
  // would wrongly state that the board has none.
  empty?: boolean;
}

/** Returns the newest sources first (ISO dates sort as text), split into named and counted. */
export function shownSources(sources: readonly Source[]): { named: Source[]; others: number; total: number } {
  const newestFirst = [...sources].sort((a, b) => b.publishedOn.localeCompare(a.publishedOn));
  return {
    named: newestFirst.slice(0, NAMED_SOURCES),
    others: Math.max(0, newestFirst.length - NAMED_SOURCES),
    total: newestFirst.length,
  };
}

export function SourceLine({ sources, snapshot, loading = false, empty = false }: SourceLineProps) {
  const { t, i18n } = useTranslation();
  const language = i18n.language;
  const { named, others, total } = shownSources(sources);

  let published: string;
  if (loading) {
    published = t('boards.source.loading');
  } else if (named.length === 0) {
    published = t('boards.source.unknown');
  } else {
    published = named
      .map((source) => t('boards.source.item', { department: source.department, date: formatDate(source.publishedOn, language) }))
      .join(t('boards.source.separator'));
    if (others > 0) published += t('boards.source.others', { others, total });
  }

  return (
    <p className="source-line" data-testid="source-line">
      {!empty && <span className="source-line-part">{t('boards.source.label', { sources: published })}</span>}
      {snapshot && (
        <span className="source-line-part">{t('boards.source.dataAsOf', { date: formatDate(snapshot.dataAsOf, language) })}</span>
      )}
    </p>
  );
}
