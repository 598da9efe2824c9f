// The tiles of the home menu, in screen order: the household lookup first, then the disclosure
// boards in the order of the province's platform, then reporting and case progress, then search.
import type { KioskSettings } from '../../src-shared/kiosk-api.js';
import type { BoardId } from '../boards/boards.js';

export type MenuTileId = 'lookup' | BoardId | 'report' | 'case-status' | 'search';

export const MENU_TILES: readonly MenuTileId[] = [
  'lookup',
  'projects',
  'poverty',
  'finance',
  'village-affairs',
  'township-affairs',
  'complaints',
  'report',
  'case-status',
  'search',
];

/**
 * Returns the tiles this terminal shows: 我要举报 only when it takes reports itself (a commission key is
 * configured), 查进度 only when the county configured reporting at all.
 */
export function menuTiles(reporting: KioskSettings['reporting']): MenuTileId[] {
  return MENU_TILES.filter((tile) => {
    if (tile === 'report') return reporting?.canFile === true;
    if (tile === 'case-status') return reporting !== null;
    return true;
  });
}

/**
 * True for tiles that read the installed snapshot, which need data to show anything: the boards,
 * search, and case progress (published in the snapshot). Lookup and reporting work without it.
 */
export function needsBoardData(tile: MenuTileId): boolean {
  return tile !== 'lookup' && tile !== 'report';
}
