// Catalog texts of board titles and tab names. Each key is written out, because the catalog
// test finds used keys by their literal text.
import type { TFunction } from 'i18next';
import type { RecordKind } from '../../src-shared/boards-api.js';
import type { BoardId, BoardTab } from './boards.js';

/** Returns a board's title, e.g. 民生项目和资金. */
export function boardTitle(t: TFunction, board: BoardId): string {
  switch (board) {
    case 'projects':
      return t('boards.board.projects');
    case 'poverty':
      return t('boards.board.poverty');
    case 'finance':
      return t('boards.board.finance');
    case 'village-affairs':
      return t('boards.board.villageAffairs');
    case 'township-affairs':
      return t('boards.board.townshipAffairs');
    case 'complaints':
      return t('boards.board.complaints');
  }
}

/** Returns the name of a record kind, e.g. 收支明细 for finance entries. */
export function kindLabel(t: TFunction, kind: RecordKind): string {
  switch (kind) {
    case 'project':
      return t('boards.kind.project');
    case 'fund-allocation':
      return t('boards.kind.fundAllocation');
    case 'poverty-household':
      return t('boards.kind.povertyHousehold');
    case 'finance-entry':
      return t('boards.kind.financeEntry');
    case 'finance-balance':
      return t('boards.kind.financeBalance');
    case 'collective-asset':
      return t('boards.kind.collectiveAsset');
    case 'notice':
      return t('boards.kind.notice');
    case 'complaint-outcome':
      return t('boards.kind.complaintOutcome');
    case 'accountability-notice':
      return t('boards.kind.accountabilityNotice');
  }
}

/** Returns a tab's label: the notice board for notice tabs, else the record kind. */
export function tabLabel(t: TFunction, tab: BoardTab): string {
  switch (tab.noticeBoard) {
    case '党务公开':
      return t('boards.noticeBoard.party');
    case '政务公开':
      return t('boards.noticeBoard.government');
    case '村务公开':
      return t('boards.noticeBoard.village');
    case undefined:
      return kindLabel(t, tab.kind);
  }
}
