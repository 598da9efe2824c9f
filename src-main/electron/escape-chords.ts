// Keyboard chords that would close, reload or inspect the kiosk page, leave it, or open browser UI
// over it. The window's before-input-event handler blocks them (see lockdown.ts).
// globalShortcut is deliberately not used: it registers system-wide, and by Electron's
// documentation a registration silently fails when another application has taken the accelerator.
// Chords the operating system handles before any window sees them (Ctrl+Alt+Delete, Alt+Tab, the
// Windows or Super key's own shortcuts) are out of reach here and belong to the OS kiosk setup.
import type { Input } from 'electron';

/**
 * One blocked chord, written as in Electron's accelerator strings. `Ctrl` stands for Control or
 * Meta (Command on macOS), so each entry also blocks its macOS variant. The key is a
 * KeyboardEvent.key value, compared without case.
 */
export interface EscapeChord {
  chord: string;
  effect: string;
}

const NAMED_CHORDS: readonly EscapeChord[] = [
  { chord: 'Alt+F4', effect: 'closes the window' },
  { chord: 'Ctrl+W', effect: 'closes the window' },
  { chord: 'Ctrl+Shift+W', effect: 'closes the window' },
  { chord: 'Ctrl+F4', effect: 'closes the window' },
  { chord: 'Ctrl+Q', effect: 'quits the app' },
  { chord: 'Ctrl+H', effect: 'hides the app (macOS), opens history (browsers)' },
  { chord: 'Ctrl+M', effect: 'minimises the window (macOS)' },
  { chord: 'Ctrl+R', effect: 'reloads the page' },
  { chord: 'Ctrl+Shift+R', effect: 'reloads the page without cache' },
  { chord: 'BrowserRefresh', effect: 'reloads the page' },
  { chord: 'Ctrl+Shift+I', effect: 'opens DevTools' },
  { chord: 'Ctrl+Shift+J', effect: 'opens the DevTools console' },
  { chord: 'Ctrl+Shift+C', effect: 'opens the DevTools element picker' },
  { chord: 'Ctrl+Alt+I', effect: 'opens DevTools (macOS)' },
  { chord: 'Ctrl+Alt+J', effect: 'opens the DevTools console (macOS)' },
  { chord: 'Ctrl+Alt+C', effect: 'opens the DevTools element picker (macOS)' },
  { chord: 'Ctrl+U', effect: 'shows the page source' },
  { chord: 'Alt+ArrowLeft', effect: 'goes back' },
  { chord: 'Alt+ArrowRight', effect: 'goes forward' },
  { chord: 'Alt+Home', effect: 'opens the home page' },
  { chord: 'Ctrl+[', effect: 'goes back (macOS)' },
  { chord: 'Ctrl+]', effect: 'goes forward (macOS)' },
  { chord: 'BrowserBack', effect: 'goes back' },
  { chord: 'BrowserForward', effect: 'goes forward' },
  { chord: 'BrowserHome', effect: 'opens the home page' },
  { chord: 'BrowserSearch', effect: 'opens a search' },
  { chord: 'BrowserFavorites', effect: 'opens bookmarks' },
  { chord: 'Ctrl+L', effect: 'focuses the address bar' },
  { chord: 'Alt+D', effect: 'focuses the address bar' },
  { chord: 'Ctrl+E', effect: 'starts a web search' },
  { chord: 'Ctrl+K', effect: 'starts a web search' },
  { chord: 'Ctrl+O', effect: 'opens a file' },
  { chord: 'Ctrl+S', effect: 'saves the page' },
  { chord: 'Ctrl+P', effect: 'opens the print dialog' },
  { chord: 'Ctrl+F', effect: 'opens find in page' },
  { chord: 'Ctrl+G', effect: 'finds the next match' },
  { chord: 'Ctrl+J', effect: 'opens downloads' },
  { chord: 'Ctrl+D', effect: 'bookmarks the page' },
  { chord: 'Ctrl+N', effect: 'opens a new window' },
  { chord: 'Ctrl+Shift+N', effect: 'opens a private window' },
  { chord: 'Ctrl+T', effect: 'opens a new tab' },
  { chord: 'Ctrl+Shift+T', effect: 'reopens a closed tab' },
  { chord: 'Ctrl+Tab', effect: 'switches tabs' },
  { chord: 'Ctrl+PageUp', effect: 'switches tabs' },
  { chord: 'Ctrl+PageDown', effect: 'switches tabs' },
  { chord: 'Ctrl+Shift+Delete', effect: 'opens clear browsing data' },
  { chord: 'Ctrl+Shift+B', effect: 'shows the bookmarks bar' },
  { chord: 'Ctrl+Shift+O', effect: 'opens the bookmark manager' },
  { chord: 'Ctrl+=', effect: 'zooms in' },
  { chord: 'Ctrl++', effect: 'zooms in' },
  { chord: 'Ctrl+-', effect: 'zooms out' },
  { chord: 'Ctrl+_', effect: 'zooms out' },
  { chord: 'Alt', effect: 'shows the menu bar' },
  { chord: 'Meta', effect: 'opens the desktop launcher where the OS passes it on' },
  { chord: 'ContextMenu', effect: 'opens the context menu' },
];

// F1 to F24 have no use on the kiosk and several act on the window: F3 find, F5 reload, F6 address
// bar, F7 caret browsing, F10 menu, F11 full screen, F12 DevTools. With any modifier they stay
// blocked (Alt+F4, Ctrl+F5, Shift+F10).
const FUNCTION_KEYS: readonly EscapeChord[] = Array.from({ length: 24 }, (_, index) => ({
  chord: `F${index + 1}`,
  effect: 'function key: reload, full screen, DevTools, caret browsing or menu',
}));

// Ctrl+0 resets the zoom, Ctrl+1 to Ctrl+9 select a tab.
const CONTROL_DIGITS: readonly EscapeChord[] = Array.from({ length: 10 }, (_, digit) => ({
  chord: `Ctrl+${digit}`,
  effect: digit === 0 ? 'resets the zoom' : 'selects a tab',
}));

/** Every chord the kiosk window blocks, in one table. */
export const ESCAPE_CHORDS: readonly EscapeChord[] = [...NAMED_CHORDS, ...FUNCTION_KEYS, ...CONTROL_DIGITS];

interface ParsedChord {
  key: string;
  control: boolean;
  alt: boolean;
  shift: boolean;
}

// "Ctrl++" is Ctrl with the "+" key, so modifiers are taken from the front one at a time.
function parseChord(chord: string): ParsedChord {
  const parsed: ParsedChord = { key: '', control: false, alt: false, shift: false };
  let rest = chord;
  for (let match = /^(Ctrl|Alt|Shift)\+(.+)$/.exec(rest); match; match = /^(Ctrl|Alt|Shift)\+(.+)$/.exec(rest)) {
    if (match[1] === 'Ctrl') parsed.control = true;
    if (match[1] === 'Alt') parsed.alt = true;
    if (match[1] === 'Shift') parsed.shift = true;
    rest = match[2]!;
  }
  parsed.key = rest.toLowerCase();
  return parsed;
}

const PARSED_CHORDS = ESCAPE_CHORDS.map((entry) => parseChord(entry.chord));

// KeyboardEvent.code names of keys whose key value is a character, mapped to the character on a
// US layout, so a chord also matches on layouts that move or relabel the key.
const CODE_CHARACTERS: Record<string, string> = {
  Equal: '=',
  Minus: '-',
  BracketLeft: '[',
  BracketRight: ']',
  NumpadAdd: '+',
  NumpadSubtract: '-',
};

function keyOfCode(code: string): string {
  if (/^Key[A-Z]$/.test(code)) return code.slice(3).toLowerCase();
  if (/^(Digit|Numpad)\d$/.test(code)) return code.slice(-1);
  return CODE_CHARACTERS[code] ?? code.toLowerCase();
}

/**
 * True when the input is one of ESCAPE_CHORDS. A chord matches when its key is pressed with at
 * least its modifiers, so Ctrl+Alt+W is blocked as Ctrl+W is. Plain typing (letters, digits,
 * Backspace, Enter, Shift with a letter) never matches.
 */
export function isEscapeChord(input: Pick<Input, 'key' | 'code' | 'control' | 'meta' | 'alt' | 'shift'>): boolean {
  const keys = new Set([input.key.toLowerCase(), keyOfCode(input.code)]);
  const control = input.control || input.meta;

  return PARSED_CHORDS.some(
    (chord) =>
      keys.has(chord.key) && (!chord.control || control) && (!chord.alt || input.alt) && (!chord.shift || input.shift),
  );
}
