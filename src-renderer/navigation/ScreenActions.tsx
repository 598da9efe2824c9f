// The footer of the region picker and the search screen: the data date, then back and done.
import type { SnapshotInfo } from '../../src-shared/kiosk-api.js';
import { BackButton, DoneButton } from '../components/BackDoneButtons.js';
import { DataAsOfNote } from './DataAsOfNote.js';

interface ScreenActionsProps {
  snapshot: SnapshotInfo | null;
  onBack: () => void;
  onDone: () => void;
}

export function ScreenActions({ snapshot, onBack, onDone }: ScreenActionsProps) {
  return (
    <footer className="screen-actions button-row">
      <DataAsOfNote snapshot={snapshot} />
      <BackButton onBack={onBack} />
      <DoneButton onDone={onDone} />
    </footer>
  );
}
