// Plain text of a Markdown body for the search index and its snippets. The index stores this
// text, so highlights and snippets never show Markdown syntax (#, **, [](), | tables, images).
// It covers the CommonMark block and inline forms that notices use but is not a full parser.
// So text that only looks like Markdown (a literal ` *a* ` between spaces) may lose characters.

/** Returns the readable text of Markdown, with runs of white space folded to one space. */
export function stripMarkdown(markdown: string): string {
  const lines: string[] = [];
  let inFence = false;

  for (const rawLine of markdown.split(/\r\n|\r|\n/)) {
    // Fenced code keeps its text but loses the fence lines.
    if (/^\s{0,3}(```|~~~)/.test(rawLine)) {
      inFence = !inFence;
      continue;
    }
    lines.push(inFence ? rawLine : stripBlock(rawLine));
  }

  return foldWhiteSpace(stripInline(lines.join('\n')));
}

/** Folds every run of white space (including new lines) to one space and trims the ends. */
export function foldWhiteSpace(text: string): string {
  return text.replace(/\s+/gu, ' ').trim();
}

// Block syntax sits at the start of a line: headings, quotes, list markers, rules and tables.
function stripBlock(line: string): string {
  if (/^\s{0,3}([-*_])(\s*\1){2,}\s*$/.test(line)) return '';
  if (/^\s*\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)*\|?\s*$/.test(line)) return '';
  if (/^\s{0,3}(=+|-+)\s*$/.test(line)) return '';

  let text = line;
  text = text.replace(/^\s{0,3}(>\s?)+/, '');
  text = text.replace(/^\s{0,3}#{1,6}(\s+|$)/, '');
  text = text.replace(/\s+#+\s*$/, '');
  text = text.replace(/^\s*([-*+]|\d{1,9}[.)])\s+(\[[ xX]\]\s+)?/, '');

  // Table cells become text separated by spaces.
  if (/^\s*\|.*\|\s*$/.test(text)) text = text.trim().slice(1, -1).replaceAll('|', ' ');
  return text;
}

// Escaped characters are parked on private-use code points until the markers are gone, so that
// \* stays a literal star. Text that already contains U+F000 to U+F07F gets ASCII there instead.
const ESCAPE_BASE = 0xf000;

function stripInline(text: string): string {
  let result = text.replace(/\\([\\`*_{}[\]()#+\-.!|>~])/g, (_match, char: string) =>
    String.fromCharCode(ESCAPE_BASE + char.charCodeAt(0)),
  );

  // 1. Images and links keep their visible text: ![alt](file) -> alt, [text](url "t") -> text.
  result = result.replace(/!\[([^\]]*)\]\([^)]*\)/g, '$1');
  result = result.replace(/!\[([^\]]*)\]\[[^\]]*\]/g, '$1');
  result = result.replace(/\[([^\]]+)\]\([^)]*\)/g, '$1');
  result = result.replace(/\[([^\]]+)\]\[[^\]]*\]/g, '$1');
  result = result.replace(/^\s{0,3}\[[^\]]+\]:\s+\S+.*$/gm, '');
  result = result.replace(/<(https?:\/\/[^>\s]+)>/g, '$1');

  // 2. HTML tags go, their text stays.
  result = result.replace(/<\/?[A-Za-z][^>]*>/g, '');

  // 3. Emphasis, strike-through and code spans lose their markers.
  result = result.replace(/(`+)([^`]*?)\1/g, '$2');
  result = result.replace(/(\*\*|__)(?=\S)([\s\S]*?\S)\1/g, '$2');
  result = result.replace(/~~(?=\S)([\s\S]*?\S)~~/g, '$1');
  // A single * or _ counts only outside words: masked names such as 李*明、王*华 keep their stars.
  result = result.replace(/(^|[^\p{L}\p{N}])(\*|_)(?=\S)([^*_\n]*?\S)\2(?![\p{L}\p{N}])/gu, '$1$3');

  // 4. Backslash escapes show the character itself.
  return result.replace(/[\uF000-\uF07F]/g, (char) => String.fromCharCode(char.charCodeAt(0) - ESCAPE_BASE));
}
