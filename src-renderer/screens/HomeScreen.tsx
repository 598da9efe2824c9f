// Home: the menu of big tiles (the household lookup, the disclosure boards, reporting and
// search), the session's region with the button that changes it, the terminal's name and the
// "data as of" line. Board tiles are disabled while no data is installed, with the reason
// written on them.
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import type { KioskSettings, SnapshotInfo } from '../../src-shared/kiosk-api.js';
import { MenuIcon } from '../navigation/MenuIcon.js';
import { menuTiles, needsBoardData } from '../navigation/menu.js';
import type { MenuTileId } from '../navigation/menu.js';
import { RegionBar } from '../navigation/RegionBar.js';

export interface HomeScreenProps {
  snapshot: SnapshotInfo | null;
  terminalName: string;
  /** Name of the session's region, or null before the region list has loaded. */
  regionName: string | null;
  /** Decides whether the 我要举报 and 查进度 tiles show. */
  reporting: KioskSettings['reporting'];
  onOpen(tile: MenuTileId): void;
  onChangeRegion(): void;
}

// Literal keys, so the catalog test can see each one.
function tileTexts(t: TFunction, tile: MenuTileId): { title: string; hint: string } {
  switch (tile) {
    case 'lookup':
      return { title: t('navigation.menu.lookup'), hint: t('navigation.menu.lookupHint') };
    case 'projects':
      return { title: t('navigation.menu.projects'), hint: t('navigation.menu.projectsHint') };
    case 'poverty':
      return { title: t('navigation.menu.poverty'), hint: t('navigation.menu.povertyHint') };
    case 'finance':
      return { title: t('navigation.menu.finance'), hint: t('navigation.menu.financeHint') };
    case 'village-affairs':
      return { title: t('navigation.menu.villageAffairs'), hint: t('navigation.menu.villageAffairsHint') };
    case 'township-affairs':
      return { title: t('navigation.menu.townshipAffairs'), hint: t('navigation.menu.townshipAffairsHint') };
    case 'complaints':
      return { title: t('navigation.menu.complaints'), hint: t('navigation.menu.complaintsHint') };
    case 'report':
      return { title: t('reporting.menu.report'), hint: t('reporting.menu.reportHint') };
    case 'case-status':
      return { title: t('reporting.menu.track'), hint: t('reporting.menu.trackHint') };
    case 'search':
      return { title: t('navigation.menu.search'), hint: t('navigation.menu.searchHint') };
  }
}

export function HomeScreen({ snapshot, terminalName, regionName, reporting, onOpen, onChangeRegion }: HomeScreenProps) {
  const { t } = useTranslation();
  const dataInstalled = snapshot !== null;

  return (
    <main className="menu-screen">
      {dataInstalled && regionName !== null && <RegionBar regionName={regionName} onChangeRegion={onChangeRegion} />}

      <h2 className="menu-heading">{t('navigation.menu.heading')}</h2>
      <nav className="menu-tiles" aria-label={t('navigation.menu.heading')}>
        {menuTiles(reporting).map((tile) => {
          const texts = tileTexts(t, tile);
          const disabled = needsBoardData(tile) && !dataInstalled;
          return (
            <button
              key={tile}
              type="button"
              className={tile === 'lookup' ? 'tile menu-tile menu-tile--primary' : 'tile menu-tile'}
              data-tile={tile}
              disabled={disabled}
              onClick={() => onOpen(tile)}
            >
              <MenuIcon tile={tile} />
              <span className="menu-tile-title">{texts.title}</span>
              <span className="menu-tile-hint">{disabled ? t('navigation.menu.unavailable') : texts.hint}</span>
            </button>
          );
        })}
      </nav>

      <footer className="data-info menu-footer" data-testid="data-info">
        {snapshot ? (
          <p>
            {t('home.dataAsOf', { date: snapshot.dataAsOf })}
            {' · '}
            {t('home.householdCount', { households: snapshot.householdCount })}
          </p>
        ) : (
          <p className="no-data" role="alert">
            <span aria-hidden="true">⚠ </span>
            {t('home.noData')}
          </p>
        )}
        <p data-testid="terminal-name">{t('home.terminal', { name: terminalName })}</p>
      </footer>
    </main>
  );
}
