// The views of the kiosk's view stack (see view-stack.ts) and which of them stay mounted while
// a view is opened on top of them.
import type { RecordKind } from '../../src-shared/boards-api.js';
import type { Household, Payment } from '../../src-shared/kiosk-api.js';
import type { ReportedRecord } from '../../src-shared/reports-api.js';
import type { BoardId } from '../boards/boards.js';
import type { MessageKind } from '../screens/MessageScreen.js';

export type KioskView =
  | { kind: 'home' }
  | { kind: 'lookup' }
  | { kind: 'result'; household: Household }
  | { kind: 'message'; message: MessageKind; otherRegionName?: string }
  | { kind: 'board'; board: BoardId }
  | { kind: 'detail'; recordKind: RecordKind; id: string }
  | { kind: 'region' }
  | { kind: 'search' }
  | { kind: 'payment'; household: Household; payment: Payment }
  // The 一键举报 flow, about a record or (from the home menu) about none.
  | { kind: 'report'; record: ReportedRecord | null }
  | { kind: 'case-status' };

export const HOME_VIEW: KioskView = { kind: 'home' };

/**
 * True for views whose screen keeps state the villager comes back to: a board's tab and
 * filters, the search query and its result pages, or the scroll position of a household's
 * payments. They stay mounted, hidden, while a detail, a payment or the region picker is open
 * over them, so "back" shows them as they were left.
 */
export function keepsStateUnderneath(view: KioskView): boolean {
  return view.kind === 'board' || view.kind === 'search' || view.kind === 'result';
}

/** True for views that are scoped to the session's region and show the region bar. */
export function showsRegionBar(view: KioskView): boolean {
  return view.kind === 'board' || view.kind === 'search';
}
