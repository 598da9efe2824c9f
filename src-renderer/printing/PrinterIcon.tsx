// A printer drawn inline, so it needs no emoji font on the terminal. Decorative: the button's
// words name the action.
export function PrinterIcon() {
  return (
    <svg className="printer-icon" viewBox="0 0 64 64" aria-hidden="true" focusable="false">
      <path d="M18 24 V8 H46 V24" />
      <rect x="8" y="24" width="48" height="22" rx="4" />
      <rect x="18" y="38" width="28" height="18" />
      <path d="M24 46 H40 M24 51 H36" />
      <circle cx="48" cy="31" r="2" />
    </svg>
  );
}
