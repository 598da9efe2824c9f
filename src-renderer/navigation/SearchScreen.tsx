// Full-text search of the published records in the session's region. A villager types pinyin on
// the on-screen letter keys and taps one of the candidate words from api.suggestTerms, or taps a
// common word. A physical keyboard or an input method types into the box directly. Results show
// their matches in <mark>, with kind, date and region, and load further pages on request.
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import type { RecordKind, SearchHit } from '../../src-shared/boards-api.js';
import type { KioskApi, SnapshotInfo } from '../../src-shared/kiosk-api.js';
import { ScreenActions } from './ScreenActions.js';
import { HighlightedText } from './HighlightedText.js';
import { LetterKeyboard } from './LetterKeyboard.js';

/**
 * Words villagers ask about most, offered as one-tap searches. They are search terms in the
 * records' own language, so both screen languages show them in Chinese, like the records.
 */
export const QUICK_WORDS = ['低保', '危房改造', '道路', '补贴', '村务', '医疗救助', '养老', '扶贫'] as const;

const PAGE_SIZE = 20;
const CANDIDATE_LIMIT = 12;
// SuggestRequestSchema accepts at most 30 letters.
const MAX_PINYIN_LETTERS = 30;
// SearchRequestSchema accepts a query of at most 200 characters.
const MAX_QUERY_LENGTH = 200;

export interface SearchScreenProps {
  api: KioskApi;
  regionCode: string;
  onOpenRecord(kind: RecordKind, id: string): void;
  onBack(): void;
  onDone(): void;
  snapshot: SnapshotInfo | null;
}

type Results =
  | { status: 'empty' }
  | { status: 'loading'; query: string }
  | { status: 'failed'; query: string }
  | { status: 'ready'; query: string; hits: SearchHit[]; more: boolean; loadingMore: boolean };

// Literal keys, so the catalog test can see each one.
function kindLabel(t: TFunction, kind: SearchHit['kind']): string {
  switch (kind) {
    case 'project':
      return t('navigation.search.kindProject');
    case 'notice':
      return t('navigation.search.kindNotice');
    case 'complaint-outcome':
      return t('navigation.search.kindComplaintOutcome');
    case 'accountability-notice':
      return t('navigation.search.kindAccountabilityNotice');
  }
}

function HitButton({ hit, onOpen }: { hit: SearchHit; onOpen(): void }) {
  const { t } = useTranslation();
  return (
    <li>
      <button type="button" className="search-hit" data-testid="search-hit" data-record={`${hit.kind}:${hit.id}`} onClick={onOpen}>
        <span className="search-hit-title">
          <HighlightedText text={hit.title} ranges={hit.titleHighlights} />
        </span>
        {hit.snippet !== '' && (
          <span className="search-hit-snippet">
            <HighlightedText text={hit.snippet} ranges={hit.snippetHighlights} />
          </span>
        )}
        <span className="search-hit-meta">
          {kindLabel(t, hit.kind)} · {hit.date} · {hit.regionName}
        </span>
      </button>
    </li>
  );
}

export function SearchScreen({ api, regionCode, onOpenRecord, onBack, onDone, snapshot }: SearchScreenProps) {
  const { t } = useTranslation();
  const [query, setQuery] = useState('');
  const [composing, setComposing] = useState(false);
  const [pinyin, setPinyin] = useState('');
  const [candidates, setCandidates] = useState<{ pinyin: string; terms: string[] } | null>(null);
  const [results, setResults] = useState<Results>({ status: 'empty' });
  // Bumped for every new query, so a slow result for an older query is dropped.
  const searchGeneration = useRef(0);

  const trimmedQuery = query.trim();

  useEffect(() => {
    if (pinyin === '') return undefined;
    let current = true;
    api.suggestTerms({ pinyin, regionCode, limit: CANDIDATE_LIMIT }).then(
      (result) => current && setCandidates({ pinyin, terms: result.terms }),
      () => current && setCandidates({ pinyin, terms: [] }),
    );
    return () => {
      current = false;
    };
  }, [api, pinyin, regionCode]);

  useEffect(() => {
    // An input method's unfinished letters are not a query yet.
    if (composing) return;

    searchGeneration.current += 1;
    const generation = searchGeneration.current;
    if (trimmedQuery === '') {
      setResults({ status: 'empty' });
      return;
    }

    setResults({ status: 'loading', query: trimmedQuery });
    api.search({ query: trimmedQuery, regionCode, offset: 0, limit: PAGE_SIZE }).then(
      (result) => {
        if (generation !== searchGeneration.current) return;
        setResults({ status: 'ready', query: trimmedQuery, hits: result.hits, more: result.more, loadingMore: false });
      },
      () => {
        if (generation !== searchGeneration.current) return;
        setResults({ status: 'failed', query: trimmedQuery });
      },
    );
  }, [api, composing, regionCode, trimmedQuery]);

  function loadMore() {
    if (results.status !== 'ready' || !results.more || results.loadingMore) return;
    const generation = searchGeneration.current;
    const shown = results;
    setResults({ ...shown, loadingMore: true });
    api.search({ query: shown.query, regionCode, offset: shown.hits.length, limit: PAGE_SIZE }).then(
      (result) => {
        if (generation !== searchGeneration.current) return;
        setResults({ ...shown, hits: [...shown.hits, ...result.hits], more: result.more, loadingMore: false });
      },
      () => {
        if (generation !== searchGeneration.current) return;
        // The pages already shown stay; the button stays for another try.
        setResults({ ...shown, loadingMore: false });
      },
    );
  }

  function addTerm(term: string) {
    setQuery((current) => (current.trim() === '' ? term : `${current.trim()} ${term}`).slice(0, MAX_QUERY_LENGTH));
    setPinyin('');
  }

  function backspace() {
    if (pinyin !== '') setPinyin((letters) => letters.slice(0, -1));
    // Array.from splits by code point, so a character outside the BMP goes in one step.
    else setQuery((current) => Array.from(current).slice(0, -1).join(''));
  }

  const shownCandidates = pinyin !== '' && candidates?.pinyin === pinyin ? candidates.terms : null;

  let resultsBody;
  if (results.status === 'empty') {
    resultsBody = <p className="search-message">{t('navigation.search.emptyQuery')}</p>;
  } else if (results.status === 'loading') {
    resultsBody = (
      <p className="search-message" role="status">
        <span aria-hidden="true">⏳ </span>
        {t('navigation.search.searching')}
      </p>
    );
  } else if (results.status === 'failed') {
    resultsBody = (
      <p className="search-message search-message--problem" role="alert">
        <span aria-hidden="true">⚠ </span>
        {t('navigation.search.failed')}
      </p>
    );
  } else if (results.hits.length === 0) {
    resultsBody = (
      <p className="search-message" role="status" data-testid="search-no-hits">
        {t('navigation.search.noHits', { query: results.query })}
      </p>
    );
  } else {
    resultsBody = (
      <>
        <p className="search-count" role="status" data-testid="search-count">
          {t('navigation.search.shown', { hits: results.hits.length })}
        </p>
        <ol className="search-hits">
          {results.hits.map((hit) => (
            <HitButton key={`${hit.kind}:${hit.id}`} hit={hit} onOpen={() => onOpenRecord(hit.kind, hit.id)} />
          ))}
        </ol>
        {results.more && (
          <button type="button" className="big-button search-more" data-testid="search-more" disabled={results.loadingMore} onClick={loadMore}>
            {results.loadingMore && <span aria-hidden="true">⏳ </span>}
            {t('navigation.search.more')}
          </button>
        )}
      </>
    );
  }

  return (
    <main className="search-screen">
      <h2 className="screen-heading">{t('navigation.search.heading')}</h2>

      <section className="search-main">
        <label className="search-label" htmlFor="search-query">
          {t('navigation.search.inputLabel')}
        </label>
        <input
          id="search-query"
          className="search-query"
          data-testid="search-query"
          type="search"
          // No system keyboard pops up on a touch screen; a physical keyboard still types.
          inputMode="none"
          autoComplete="off"
          maxLength={MAX_QUERY_LENGTH}
          placeholder={t('navigation.search.placeholder')}
          value={query}
          onChange={(event) => setQuery(event.target.value)}
          onCompositionStart={() => setComposing(true)}
          onCompositionEnd={(event) => {
            setComposing(false);
            setQuery(event.currentTarget.value);
          }}
        />

        {pinyin !== '' ? (
          shownCandidates !== null && shownCandidates.length === 0 ? (
            <p className="search-message" data-testid="no-candidates">
              {t('navigation.search.noCandidates', { letters: pinyin })}
            </p>
          ) : (
            <div className="chip-row" role="group" aria-label={t('navigation.search.candidates')}>
              <span className="chip-row-label">{t('navigation.search.candidates')}</span>
              {(shownCandidates ?? []).map((term) => (
                <button key={term} type="button" className="chip chip--candidate" data-testid="candidate" lang="zh-CN" onClick={() => addTerm(term)}>
                  {term}
                </button>
              ))}
            </div>
          )
        ) : (
          <div className="chip-row" role="group" aria-label={t('navigation.search.quickWords')}>
            <span className="chip-row-label">{t('navigation.search.quickWords')}</span>
            {QUICK_WORDS.map((word) => (
              <button
                key={word}
                type="button"
                className="chip"
                data-testid="quick-word"
                lang="zh-CN"
                onClick={() => {
                  setQuery(word);
                  setPinyin('');
                }}
              >
                {word}
              </button>
            ))}
          </div>
        )}

        <div className="search-results" aria-live="polite">
          {resultsBody}
        </div>
      </section>

      <aside className="search-keys">
        <p className="typed-letters" data-testid="pinyin-letters">
          {t('navigation.search.pinyin', { letters: pinyin })}
        </p>
        <LetterKeyboard
          onLetter={(letter) => setPinyin((letters) => (letters.length < MAX_PINYIN_LETTERS ? letters + letter : letters))}
          onBackspace={backspace}
          onClear={() => {
            setPinyin('');
            setQuery('');
          }}
        />
      </aside>

      <ScreenActions snapshot={snapshot} onBack={onBack} onDone={onDone} />
    </main>
  );
}
