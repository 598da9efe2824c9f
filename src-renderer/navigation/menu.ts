// The tiles of the home menu, in screen order: the household lookup first, then the disclosure
// boards in the order of the province's platform, then search.
import type { BoardId } from '../boards/boards.js';

export type MenuTileId = 'lookup' | BoardId | 'search';

export const MENU_TILES: readonly MenuTileId[] = [
  'lookup',
  'projects',
  'poverty',
  'finance',
  'village-affairs',
  'township-affairs',
  'complaints',
  'search',
];

/** True for tiles that read the installed snapshot's boards, which need data to show anything. */
export function needsBoardData(tile: MenuTileId): boolean {
  return tile !== 'lookup';
}
