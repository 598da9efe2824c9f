// A modal of the admin screen: the confirmation before exiting to the desktop, and the warning
// before the screen locks itself.
import { useId } from 'react';

interface ModalButton {
  label: string;
  onPress(): void;
}

export function AdminModal({ title, text, confirm, cancel }: { title: string; text: string; confirm: ModalButton; cancel?: ModalButton }) {
  const titleId = useId();
  const textId = useId();
  return (
    <div className="modal-backdrop admin-layer">
      <div className="modal" role="alertdialog" aria-modal="true" aria-labelledby={titleId} aria-describedby={textId}>
        <h2 id={titleId} className="modal-title">
          <span aria-hidden="true">⚠ </span>
          {title}
        </h2>
        <p id={textId} className="modal-text" data-testid="admin-modal-text">
          {text}
        </p>
        <div className="button-row">
          {cancel !== undefined && (
            <button type="button" className="big-button" onClick={cancel.onPress}>
              {cancel.label}
            </button>
          )}
          <button type="button" className="big-button big-button--primary" onClick={confirm.onPress} autoFocus>
            {confirm.label}
          </button>
        </div>
      </div>
    </div>
  );
}
