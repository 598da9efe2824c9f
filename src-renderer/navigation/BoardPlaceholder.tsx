// Stand-ins for the board screens until src-renderer/boards/ provides them, with the same props.
import type { RecordKind } from '../../src-shared/boards-api.js';
import type { KioskApi, KioskSettings, SnapshotInfo } from '../../src-shared/kiosk-api.js';
import type { BoardId } from '../boards/boards.js';
import { BackButton, DoneButton } from '../components/BackDoneButtons.js';

export function BoardScreen(props: {
  api: KioskApi;
  board: BoardId;
  regionCode: string;
  snapshot: SnapshotInfo | null;
  settings: KioskSettings;
  onOpenRecord(kind: RecordKind, id: string): void;
  onBack(): void;
  onDone(): void;
}) {
  return (
    <main className="board-placeholder" data-board={props.board}>
      <div className="button-row">
        <BackButton onBack={props.onBack} />
        <DoneButton onDone={props.onDone} />
      </div>
    </main>
  );
}

export function RecordDetailScreen(props: {
  api: KioskApi;
  kind: RecordKind;
  id: string;
  snapshot: SnapshotInfo | null;
  onBack(): void;
  onDone(): void;
}) {
  return (
    <main className="detail-placeholder" data-record={`${props.kind}:${props.id}`}>
      <div className="button-row">
        <BackButton onBack={props.onBack} />
        <DoneButton onDone={props.onDone} />
      </div>
    </main>
  );
}
