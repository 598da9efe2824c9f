// The words that pinyin suggestions offer, taken from the indexed text itself so that every
// suggestion finds something. Chinese has no spaces between words, so the words are guessed
// from statistics, in the way of frequent n-gram mining:
// 1. Seeds: region names (with and without the suffix 村, 镇, 乡, 社区...) and the records'
//    category values. They are always kept, counted by the records that carry them.
// 2. Every run of two to five Han characters is counted once per record (document frequency).
//    A run of n + 1 characters is only counted when both of its n-character parts reached
//    MIN_DOCUMENT_FREQUENCY, so the counts stay small on long bodies.
// 3. A run is dropped when it starts or ends with a function character (的, 和, 在...), because
//    such runs cross word boundaries (年农村, 保的).
// 4. A run is dropped when at most MAX_EXTENSIONS runs one character longer, all extending it
//    on the same side, account for SUBSUMED_SHARE of its records: 家坪 goes when it almost only
//    occurs as 张家坪, and 务公开 when it occurs as 村务公开, 政务公开 and 党务公开. A word such
//    as 低保 follows many different characters in real text, so it stays.
// 5. The most frequent MAX_VOCABULARY_SIZE words are kept, seeds first among equals.
// The result still contains some fragments of frequent phrases (资金发 in 资金发放); ranking by
// frequency tends to put whole words first, and the villager picks from the list.

export interface VocabularyWord {
  word: string;
  /** Number of records that contain the word (seeds: that carry it). */
  count: number;
}

export const MAX_VOCABULARY_SIZE = 20_000;
export const MIN_DOCUMENT_FREQUENCY = 2;
const SUBSUMED_SHARE = 0.9;
const MAX_EXTENSIONS = 3;
const MAX_WORD_LENGTH = 5;
const MAX_SEED_LENGTH = 12;

const HAN_RUN = /\p{Script=Han}{2,}/gu;
const ONLY_HAN = /^\p{Script=Han}+$/u;
const NOT_AT_START = new Set('的了和与及在对是为于等或并将已被把从由向之其这那也就都而个年月日');
const NOT_AT_END = new Set('的了和与及在对是为于等或并将已被把从由向之其这那也就都而');
const REGION_SUFFIXES = ['居委会', '村委会', '街道', '社区', '村', '镇', '乡', '县', '市', '区'];

export class VocabularyBuilder {
  // The Han runs of each record, kept for the counting passes of longer runs.
  private readonly records: string[][] = [];
  private readonly seeds = new Map<string, number>();

  /** Adds the texts of one record. */
  addRecord(texts: readonly string[]): void {
    const runs: string[] = [];
    for (const text of texts) {
      for (const match of text.normalize('NFKC').matchAll(HAN_RUN)) runs.push(match[0]);
    }
    this.records.push(runs);
  }

  /** Adds a word that is kept whatever its frequency, such as a region name or a category. */
  addSeed(word: string, count = 1): void {
    const normalized = word.normalize('NFKC').trim();
    if (normalized.length < 2 || normalized.length > MAX_SEED_LENGTH || !ONLY_HAN.test(normalized)) return;
    this.seeds.set(normalized, (this.seeds.get(normalized) ?? 0) + count);
  }

  /** Adds a region name and the name without its level suffix (张家坪村 -> 张家坪). */
  addRegionName(name: string, count = 1): void {
    this.addSeed(name, count);

    const suffix = REGION_SUFFIXES.find((candidate) => name.endsWith(candidate) && name.length - candidate.length >= 2);
    if (suffix) this.addSeed(name.slice(0, -suffix.length), count);
  }

  /** Returns the vocabulary, most frequent first, at most maxSize words. */
  build(maxSize = MAX_VOCABULARY_SIZE): VocabularyWord[] {
    const counts: Map<string, number>[] = [];
    for (let length = 2; length <= MAX_WORD_LENGTH; length++) {
      counts[length] = this.countRuns(length, counts[length - 1]);
    }

    const words = new Map<string, number>();
    for (let length = 2; length <= MAX_WORD_LENGTH; length++) {
      const extensions = extensionCounts(counts[length + 1]);
      for (const [word, count] of counts[length]!) {
        if (NOT_AT_START.has(word[0]!) || NOT_AT_END.has(word.at(-1)!)) continue;
        if (isSubsumed(count, extensions.left.get(word)) || isSubsumed(count, extensions.right.get(word))) continue;
        words.set(word, count);
      }
    }

    const seeded = [...this.seeds].map(([word, count]) => ({ word, count: Math.max(count, words.get(word) ?? 0), seed: true }));
    const mined = [...words].filter(([word]) => !this.seeds.has(word)).map(([word, count]) => ({ word, count, seed: false }));

    return [...seeded, ...mined]
      .sort((a, b) => b.count - a.count || Number(b.seed) - Number(a.seed) || a.word.length - b.word.length || compare(a.word, b.word))
      .slice(0, maxSize)
      .map(({ word, count }) => ({ word, count }));
  }

  // Counts runs of `length` characters once per record. Above two characters, only runs whose
  // two shorter parts are frequent are counted.
  private countRuns(length: number, shorter: Map<string, number> | undefined): Map<string, number> {
    const counts = new Map<string, number>();

    for (const runs of this.records) {
      const seen = new Set<string>();
      for (const run of runs) {
        for (let i = 0; i + length <= run.length; i++) {
          const gram = run.slice(i, i + length);
          if (shorter && !(shorter.has(gram.slice(0, -1)) && shorter.has(gram.slice(1)))) continue;
          seen.add(gram);
        }
      }
      for (const gram of seen) counts.set(gram, (counts.get(gram) ?? 0) + 1);
    }

    for (const [gram, count] of counts) {
      if (count < MIN_DOCUMENT_FREQUENCY) counts.delete(gram);
    }
    return counts;
  }
}

// Lists, for each run, the counts of the runs one character longer that end with it (left)
// or start with it (right).
function extensionCounts(longer: Map<string, number> | undefined): { left: Map<string, number[]>; right: Map<string, number[]> } {
  const left = new Map<string, number[]>();
  const right = new Map<string, number[]>();

  for (const [gram, count] of longer ?? []) {
    appendCount(left, gram.slice(1), count);
    appendCount(right, gram.slice(0, -1), count);
  }
  return { left, right };
}

function appendCount(map: Map<string, number[]>, key: string, count: number): void {
  const counts = map.get(key);
  if (counts) counts.push(count);
  else map.set(key, [count]);
}

function isSubsumed(count: number, extensions: number[] | undefined): boolean {
  if (!extensions) return false;

  const largest = [...extensions].sort((a, b) => b - a).slice(0, MAX_EXTENSIONS);
  return largest.reduce((sum, value) => sum + value, 0) >= count * SUBSUMED_SHARE;
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
