// The Chinese layout of simple-keyboard-layouts: its letter rows and its pinyin -> characters
// table (syllables without tones, each mapped to characters in rough order of frequency).
import { z } from 'zod';
import * as chineseLayoutModule from 'simple-keyboard-layouts/build/layouts/chinese.js';

/** Characters for each toneless pinyin syllable, most frequent first. */
export type CandidateTable = ReadonlyMap<string, readonly string[]>;

const ChineseLayoutSchema = z.object({
  layout: z.object({ default: z.array(z.string()) }),
  layoutCandidates: z.record(z.string(), z.string()),
});
type ChineseLayout = z.infer<typeof ChineseLayoutSchema>;

// The package ships ES module syntax in .js files without "type": "module". TypeScript therefore
// types the file as CommonJS (the layout one `default` deeper), while Vite and Node load it as an
// ES module, so the layout is looked for at both depths and checked by schema.
function readChineseLayout(): ChineseLayout {
  const outer: unknown = chineseLayoutModule.default;
  const direct = ChineseLayoutSchema.safeParse(outer);
  if (direct.success) return direct.data;

  const nested = ChineseLayoutSchema.safeParse((outer as { default?: unknown } | undefined)?.default);
  if (nested.success) return nested.data;
  throw new Error('simple-keyboard-layouts/build/layouts/chinese.js has no layout with layoutCandidates');
}

const chineseLayout = readChineseLayout();

/** Splits the layout's space-separated candidate strings into a table keyed by syllable. */
export function parseCandidateTable(candidates: Readonly<Record<string, string>>): CandidateTable {
  const table = new Map<string, string[]>();
  for (const [syllable, characters] of Object.entries(candidates)) {
    if (!/^[a-z]+$/.test(syllable)) continue;
    table.set(
      syllable,
      characters.split(' ').filter((character) => character !== ''),
    );
  }
  return table;
}

export const CHINESE_CANDIDATE_TABLE: CandidateTable = parseCandidateTable(chineseLayout.layoutCandidates);

/**
 * The three QWERTY letter rows of the Chinese layout, without its punctuation and function keys
 * (tab, caps lock, enter), which a villager writing a report does not need.
 */
export const CHINESE_LETTER_ROWS: readonly (readonly string[])[] = chineseLayout.layout.default
  .map((row) => row.split(' ').filter((key) => /^[a-z]$/.test(key)))
  .filter((row) => row.length > 0);
