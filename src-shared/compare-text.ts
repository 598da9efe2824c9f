// Ordering by UTF-16 code units, independent of locale, so sorted output (signed JSON, snapshot
// rows) is the same on every machine.

export function compareText(a: string, b: string): number {
  if (a < b) return -1;
  if (a > b) return 1;
  return 0;
}
