// The frame of the kiosk's line drawings: a 64x64 view box stroked in the text colour with round
// 4-unit lines. The drawings are inline SVG, so the terminal needs no emoji font. Every icon is
// decorative and hidden from screen readers, because the words beside it name the choice.
import type { ReactNode } from 'react';

export function LineIcon({ className, children }: { className: string; children: ReactNode }) {
  return (
    <svg
      className={className}
      viewBox="0 0 64 64"
      aria-hidden="true"
      focusable="false"
      fill="none"
      stroke="currentColor"
      strokeWidth="4"
      strokeLinecap="round"
      strokeLinejoin="round"
    >
      {children}
    </svg>
  );
}
