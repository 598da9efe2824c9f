// The form in which the import compares the names of villages, townships and subsidy items: the
// departments' spelling varies in width ("１组"), spaces ("锦 和 镇") and case of item codes.

/** Returns `text` in NFKC form (full-width letters and digits become ASCII), without white space. */
export function nameKey(text: string): string {
  return text.normalize('NFKC').replace(/\s+/gu, '');
}
