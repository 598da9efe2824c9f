// The region picker: drill down county -> township -> village through lists of large buttons,
// with breadcrumbs to go back up, or type pinyin initials on the letter keys to filter the
// county's townships and villages ("ZJP" finds 张家坪村). Picking a region hands it to onPick;
// the caller then returns to the screen the villager came from.
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Virtuoso } from 'react-virtuoso';
import type { Region } from '../../src-shared/boards-api.js';
import type { SnapshotInfo } from '../../src-shared/kiosk-api.js';
import { ScreenActions } from './ScreenActions.js';
import { LetterKeyboard } from './LetterKeyboard.js';
import { childRegions, countyRegion, filterRegionsByInitials, regionPath } from './region-filter.js';
import type { RegionMatch } from './region-filter.js';

export interface RegionPickerProps {
  /** The county's regions; null when they could not be loaded. */
  regions: readonly Region[] | null;
  currentCode: string;
  onPick(code: string): void;
  onBack(): void;
  onDone(): void;
  snapshot: SnapshotInfo | null;
}

// Virtuoso renders only the rows in view; this many are drawn before the list has measured
// itself, so the first screen is never empty.
const INITIAL_ROWS = 12;

/** Returns the region whose children the list opens on: the current region, or its parent for a village. */
function initialBrowseCode(regions: readonly Region[], currentCode: string): string | null {
  const current = regions.find((region) => region.code === currentCode);
  if (current && childRegions(regions, current.code).length > 0) return current.code;
  if (current?.parentCode && regions.some((region) => region.code === current.parentCode)) return current.parentCode;
  return countyRegion(regions)?.code ?? null;
}

function RegionButton({
  region,
  township,
  current,
  onTap,
}: {
  region: Region;
  township: Region | null;
  current: boolean;
  onTap(): void;
}) {
  const { t } = useTranslation();
  return (
    <div className="region-row">
      <button
        type="button"
        className={current ? 'region-button region-button--current' : 'region-button'}
        data-region={region.code}
        aria-current={current ? 'true' : undefined}
        onClick={onTap}
      >
        <span className="region-button-name">{region.name}</span>
        {township && <span className="region-button-township">{t('navigation.region.inTownship', { township: township.name })}</span>}
        {current && (
          <span className="region-button-current">
            <span aria-hidden="true">✓ </span>
            {t('navigation.region.picked')}
          </span>
        )}
        {region.level !== 'village' && !township && (
          <span className="region-button-more" aria-hidden="true">
            ›
          </span>
        )}
      </button>
    </div>
  );
}

export function RegionPicker({ regions, currentCode, onPick, onBack, onDone, snapshot }: RegionPickerProps) {
  const { t } = useTranslation();
  const list = useMemo(() => regions ?? [], [regions]);
  // Null until the villager moves, so a region list that loads after opening still applies.
  const [movedTo, setBrowseCode] = useState<string | null>(null);
  const browseCode = movedTo ?? initialBrowseCode(list, currentCode);
  const [letters, setLetters] = useState('');

  const path = useMemo(() => (browseCode === null ? [] : regionPath(list, browseCode)), [list, browseCode]);
  const children = useMemo(() => (browseCode === null ? [] : childRegions(list, browseCode)), [list, browseCode]);
  const matches = useMemo(() => (letters === '' ? [] : filterRegionsByInitials(list, letters)), [list, letters]);
  const browsed = path[path.length - 1];

  function tapChild(region: Region) {
    if (childRegions(list, region.code).length > 0) setBrowseCode(region.code);
    else onPick(region.code);
  }

  let body;
  if (list.length === 0 || browseCode === null) {
    body = (
      <p className="region-message" role="alert">
        <span aria-hidden="true">⚠ </span>
        {t('navigation.region.unavailable')}
      </p>
    );
  } else if (letters !== '') {
    body = (
      <>
        <p className="region-message" role="status" data-testid="region-match-count">
          {matches.length === 0
            ? t('navigation.region.noMatch', { letters: letters.toUpperCase() })
            : t('navigation.region.matchCount', { matches: matches.length })}
        </p>
        {matches.length > 0 && (
          <Virtuoso
            className="region-list"
            data-testid="region-matches"
            data={matches}
            initialItemCount={Math.min(INITIAL_ROWS, matches.length)}
            computeItemKey={(_, match: RegionMatch) => match.region.code}
            itemContent={(_, match: RegionMatch) => (
              <RegionButton
                region={match.region}
                township={match.township}
                current={match.region.code === currentCode}
                onTap={() => onPick(match.region.code)}
              />
            )}
          />
        )}
      </>
    );
  } else {
    body = (
      <>
        {browsed && (
          <button
            type="button"
            className={browsed.code === currentCode ? 'region-whole region-button--current' : 'region-whole'}
            data-region={browsed.code}
            data-testid="pick-whole"
            onClick={() => onPick(browsed.code)}
          >
            {browsed.code === currentCode && <span aria-hidden="true">✓ </span>}
            {t('navigation.region.pickWhole', { region: browsed.name })}
          </button>
        )}
        {children.length === 0 ? (
          <p className="region-message">{t('navigation.region.noChildren')}</p>
        ) : (
          <Virtuoso
            className="region-list"
            data-testid="region-children"
            data={children}
            initialItemCount={Math.min(INITIAL_ROWS, children.length)}
            computeItemKey={(_, region: Region) => region.code}
            itemContent={(_, region: Region) => (
              <RegionButton region={region} township={null} current={region.code === currentCode} onTap={() => tapChild(region)} />
            )}
          />
        )}
      </>
    );
  }

  return (
    <main className="region-picker">
      <h2 className="screen-heading">{t('navigation.region.heading')}</h2>

      <section className="region-browse">
        {letters === '' && path.length > 0 && (
          <nav className="breadcrumbs" aria-label={t('navigation.region.path')} data-testid="breadcrumbs">
            {path.map((region, index) =>
              index === path.length - 1 ? (
                <span key={region.code} className="breadcrumb breadcrumb--here" aria-current="location">
                  {region.name}
                </span>
              ) : (
                <button key={region.code} type="button" className="breadcrumb" data-region={region.code} onClick={() => setBrowseCode(region.code)}>
                  {region.name}
                  <span aria-hidden="true"> ›</span>
                </button>
              ),
            )}
          </nav>
        )}
        {body}
      </section>

      <aside className="region-filter">
        <p className="region-filter-hint">{t('navigation.region.filterHint')}</p>
        <p className="typed-letters" data-testid="typed-letters">
          {t('navigation.region.typed', { letters: letters.toUpperCase() })}
        </p>
        <LetterKeyboard
          disabled={list.length === 0}
          onLetter={(letter) => setLetters((typed) => (typed.length < 12 ? typed + letter : typed))}
          onBackspace={() => setLetters((typed) => typed.slice(0, -1))}
          onClear={() => setLetters('')}
        />
      </aside>

      <ScreenActions snapshot={snapshot} onBack={onBack} onDone={onDone} />
    </main>
  );
}
