// Pinyin initials of region names for the region picker's quick filter (张家坪村 -> zjpc).
// Place names are converted in pinyin-pro's ordinary mode, because its surname mode reads every
// character that can be a surname as one (3.29: 单家湾村 as shàn, 长乐乡 as cháng yuè). Such
// readings come in as extra spellings instead (曾家村 -> cjc zjc).
import { pinyin, polyphonic } from 'pinyin-pro';

/** Maximum spellings kept for one name, so a name full of polyphonic characters stays short. */
export const MAX_INITIALS_SPELLINGS = 8;

// ASCII letters and digits pass through. Brackets and other punctuation (塘基上（青山里）村) drop
// out, and so does a rare character that pinyin-pro 3.29 has no reading for (㴩 in 㴩湖社区),
// because the picker's keypad could not type it.
const KEPT_CHARACTER = /^[a-z0-9]$/;

function normaliseInitial(initial: string): string {
  const lower = initial.toLowerCase();
  return KEPT_CHARACTER.test(lower) ? lower : '';
}

/**
 * Lists the initials each character of `name` may have: pinyin-pro's reading in the context of
 * the whole name first, then the character's other readings. A character without pinyin keeps
 * itself when it is an ASCII letter (in lower case) or digit, and nothing otherwise.
 */
function initialsPerCharacter(name: string): string[][] {
  // NFKC turns full-width digits and letters (１组) into ASCII ones.
  name = name.normalize('NFKC');
  const inContext = pinyin(name, { pattern: 'first', toneType: 'none', type: 'array' });
  const alternatives = polyphonic(name, { pattern: 'first', toneType: 'none', type: 'array' });

  return inContext.map((primary, index) => {
    const choices = [normaliseInitial(primary)];
    for (const other of alternatives[index] ?? []) {
      const initial = normaliseInitial(other);
      if (!choices.includes(initial)) choices.push(initial);
    }
    return choices;
  });
}

/**
 * Returns the spellings of a name's initials, separated by spaces: first the reading in context
 * (长乐乡 -> clx), then spellings that change one character to another reading (zlx, cyx), then
 * two, and so on, at most MAX_INITIALS_SPELLINGS in all. Returns '' for a name without letters.
 */
export function regionInitials(name: string): string {
  const choices = initialsPerCharacter(name);
  const spellings: string[] = [];

  // Breadth-first over the number of characters read otherwise than in context, so the most
  // plausible spellings come first and the bound cuts off the least plausible ones.
  let frontier: number[][] = [choices.map(() => 0)];
  while (frontier.length > 0 && spellings.length < MAX_INITIALS_SPELLINGS) {
    const next: number[][] = [];
    for (const picks of frontier) {
      const spelling = picks.map((pick, index) => choices[index]![pick]).join('');
      if (spelling !== '' && !spellings.includes(spelling)) spellings.push(spelling);
      if (spellings.length === MAX_INITIALS_SPELLINGS) break;

      // Only characters after the last changed one change next, so each combination comes once.
      const lastChanged = picks.findLastIndex((pick) => pick > 0);
      for (let index = lastChanged + 1; index < picks.length; index += 1) {
        for (let pick = 1; pick < choices[index]!.length; pick += 1) {
          const changed = [...picks];
          changed[index] = pick;
          next.push(changed);
        }
      }
    }
    frontier = next;
  }

  return spellings.join(' ');
}
