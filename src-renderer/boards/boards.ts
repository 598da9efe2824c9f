// The disclosure boards of the kiosk menu and the tabs each board shows. A tab lists one record
// kind, narrowed to one notice board where two boards share the notice kind.
import type { NOTICE_BOARD_VALUES, RecordKind } from '../../src-shared/boards-api.js';

export type BoardId = 'projects' | 'poverty' | 'finance' | 'village-affairs' | 'township-affairs' | 'complaints';

export type NoticeBoard = (typeof NOTICE_BOARD_VALUES)[number];

export interface BoardTab {
  kind: RecordKind;
  noticeBoard?: NoticeBoard;
}

export interface BoardDefinition {
  id: BoardId;
  tabs: readonly BoardTab[];
  // Notice boards the board shows: empty unless a tab lists notices.
  noticeBoards: readonly NoticeBoard[];
  // The finance board opens on the village's income and expenditure chart before its lists.
  hasFinanceSummary: boolean;
}

export const BOARDS: readonly BoardDefinition[] = [
  {
    id: 'projects',
    tabs: [{ kind: 'project' }, { kind: 'fund-allocation' }],
    noticeBoards: [],
    hasFinanceSummary: false,
  },
  {
    id: 'poverty',
    tabs: [{ kind: 'poverty-household' }],
    noticeBoards: [],
    hasFinanceSummary: false,
  },
  {
    id: 'finance',
    tabs: [{ kind: 'finance-entry' }, { kind: 'finance-balance' }, { kind: 'collective-asset' }],
    noticeBoards: [],
    hasFinanceSummary: true,
  },
  {
    id: 'village-affairs',
    tabs: [{ kind: 'notice', noticeBoard: '村务公开' }],
    noticeBoards: ['村务公开'],
    hasFinanceSummary: false,
  },
  {
    id: 'township-affairs',
    tabs: [
      { kind: 'notice', noticeBoard: '党务公开' },
      { kind: 'notice', noticeBoard: '政务公开' },
    ],
    noticeBoards: ['党务公开', '政务公开'],
    hasFinanceSummary: false,
  },
  {
    id: 'complaints',
    tabs: [{ kind: 'complaint-outcome' }, { kind: 'accountability-notice' }],
    noticeBoards: [],
    hasFinanceSummary: false,
  },
];

/** Returns the definition of a board; throws on an id outside BOARDS, which is a programming error. */
export function boardDefinition(id: BoardId): BoardDefinition {
  const board = BOARDS.find((candidate) => candidate.id === id);
  if (!board) throw new Error(`unknown board id "${id}": expected one of ${BOARDS.map((b) => b.id).join(', ')}`);
  return board;
}
