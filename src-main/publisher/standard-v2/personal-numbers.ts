// Personal numbers in free text (titles, summaries, bodies): an ID number, a mobile phone number
// or a bank card number there would be published as written, because only the personal columns
// are masked. Masked forms such as 139****5678 contain no such digit run and pass.
import { computeCheckCharacter, maskIdNumber } from '../../../src-shared/id-number.js';

export type PersonalNumberKind = 'idNumber' | 'mobile' | 'bankCard';

export interface PersonalNumber {
  kind: PersonalNumberKind;
  /** The number with its middle digits replaced by stars, safe to print. */
  masked: string;
}

// Each pattern needs the run to stand alone, so a mobile number inside a longer digit run (an
// amount, an order number) is not one.
const ID_NUMBER = /(?<![\dXx])\d{17}[\dXx](?![\dXx])/g;
const MOBILE = /(?<!\d)1[3-9]\d{9}(?!\d)/;
// Bank card numbers issued in China have 16 to 19 digits. An 18-digit run whose check character
// fails is reported as one too, because an ID number with a typo is still personal.
const BANK_CARD = /(?<!\d)\d{16,19}(?!\d)/;

/** Finds the first ID number with a valid check character, mobile number or card-like digit run in `text`. */
export function findPersonalNumber(text: string): PersonalNumber | null {
  if (!/\d{11}/.test(text)) return null;

  for (const match of text.matchAll(ID_NUMBER)) {
    const candidate = match[0].toUpperCase();
    if (computeCheckCharacter(candidate.slice(0, 17)) === candidate[17]) {
      return { kind: 'idNumber', masked: maskIdNumber(candidate) };
    }
  }

  const mobile = MOBILE.exec(text);
  if (mobile !== null) return { kind: 'mobile', masked: `${mobile[0].slice(0, 3)}****${mobile[0].slice(7)}` };

  const card = BANK_CARD.exec(text);
  if (card !== null) return { kind: 'bankCard', masked: `${card[0].slice(0, 4)}${'*'.repeat(card[0].length - 8)}${card[0].slice(-4)}` };

  return null;
}
