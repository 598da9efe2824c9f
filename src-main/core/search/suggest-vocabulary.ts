// The words that pinyin suggestions offer, taken from the indexed text itself so that every
// suggestion finds something. Chinese has no spaces between words, so the words are guessed
// from statistics, in the way of frequent n-gram mining:
// 1. Seeds: region names (with and without the suffix 村, 镇, 乡, 社区...), the records'
//    category values, subsidy item names and project name heads (suggest-seeds.ts). They are always kept, counted by the records that carry them.
// 2. Every run of two to five Han characters is counted once per record (document frequency).
//    A run of n + 1 characters is only counted when both of its n-character parts reached
//    MIN_DOCUMENT_FREQUENCY, so the counts stay small on long bodies.
// 3. A run is dropped when it starts or ends with a function character (的, 和, 在...), because
//    such runs cross word boundaries (年农村, 保的). A run is also dropped when one neighbour
//    takes most of its records on either side (branching entropy below MIN_BRANCHING_ENTROPY).
//    It is dropped, too, when its parts rarely occur together (cohesion below MIN_COHESION).
//    suggest-boundaries.ts defines both measures.
//    Template text makes fragments frequent (代表准时 in every 请各位代表准时参会), and only their
//    fixed neighbours tell them from words.
// 4. A run is dropped when a kept run one character longer contains it in at least
//    SUBSUMED_SHARE of its records: 家坪 goes when it almost only occurs as 张家坪. Runs of six
//    characters are counted for this step only, so that 危房改造 is not dropped for a fragment
//    such as 危房改造补 when every occurrence is followed by 补助.
// 5. The most frequent MAX_VOCABULARY_SIZE words are kept, seeds first among equals.
// NOTE: a phrase always set between punctuation (、低保户免交；) passes step 3 as a whole, and a
// word seen in one fixed context only (危房 in 农村危房改造补助) is dropped unless it is a seed.

import { computeBoundaryStatistics } from './suggest-boundaries.js';

export interface VocabularyWord {
  word: string;
  /** Number of records that contain the word (seeds: that carry it). */
  count: number;
}

export const MAX_VOCABULARY_SIZE = 20_000;
export const MIN_DOCUMENT_FREQUENCY = 2;
const SUBSUMED_SHARE = 0.9;
const MAX_WORD_LENGTH = 5;
// Runs one character longer than a word are counted only to find the words they contain.
const MAX_COUNTED_LENGTH = MAX_WORD_LENGTH + 1;
const MAX_SEED_LENGTH = 12;
// Bits: below it, one neighbour takes about 80% or more of the records on that side (代表准时 is
// always followed by 参, 度比 always follows 季).
const MIN_BRANCHING_ENTROPY = 0.75;
// Bits: below it, the parts share fewer than half the records that independent parts would.
// Counts are per record, and a character such as 村 is in almost every record. So real words
// (村务, 财务) can fall slightly below zero, and the limit only drops clear joins such as 委反映.
const MIN_COHESION = -1;

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
    for (let length = 1; length <= MAX_COUNTED_LENGTH; length++) {
      counts[length] = this.countRuns(length, counts[length - 1]);
    }

    // Boundary statistics of every run that may be a word or may contain one (step 4).
    const candidates = new Set<string>();
    for (let length = 2; length <= MAX_COUNTED_LENGTH; length++) {
      for (const word of counts[length]!.keys()) if (hasWordEdges(word)) candidates.add(word);
    }
    const statistics = computeBoundaryStatistics(
      this.records,
      candidates,
      (run) => counts[run.length]?.get(run) ?? 0,
      this.records.length,
    );
    const isWordLike = (word: string): boolean => {
      const entry = statistics.get(word);
      return (
        entry !== undefined &&
        Math.min(entry.leftEntropy, entry.rightEntropy) >= MIN_BRANCHING_ENTROPY &&
        entry.cohesion >= MIN_COHESION
      );
    };

    // From the longest runs down, so that a run is only dropped for a longer run that is kept.
    const kept: Map<string, number>[] = [];
    kept[MAX_COUNTED_LENGTH] = new Map([...counts[MAX_COUNTED_LENGTH]!].filter(([word]) => isWordLike(word)));
    for (let length = MAX_COUNTED_LENGTH - 1; length >= 2; length--) {
      const containing = maxContainingCounts(kept[length + 1]!);
      kept[length] = new Map(
        [...counts[length]!].filter(([word, count]) => isWordLike(word) && (containing.get(word) ?? 0) < count * SUBSUMED_SHARE),
      );
    }

    const words = new Map<string, number>();
    for (let length = 2; length <= MAX_WORD_LENGTH; length++) {
      for (const [word, count] of kept[length]!) words.set(word, count);
    }

    // A seed counts at least as often as the text contains it, even where step 4 dropped it.
    const seeded = [...this.seeds].map(([word, count]) => ({
      word,
      count: Math.max(count, counts[word.length]?.get(word) ?? 0),
      seed: true,
    }));
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

// Maps each run to the highest count of a run one character longer that starts or ends with it.
function maxContainingCounts(longer: Map<string, number>): Map<string, number> {
  const result = new Map<string, number>();
  for (const [gram, count] of longer) {
    for (const part of [gram.slice(0, -1), gram.slice(1)]) {
      result.set(part, Math.max(result.get(part) ?? 0, count));
    }
  }
  return result;
}

function hasWordEdges(word: string): boolean {
  return !NOT_AT_START.has(word[0]!) && !NOT_AT_END.has(word.at(-1)!);
}

// Code-point order, so that the ranking does not depend on the locale.
function compare(a: string, b: string): number {
  if (a === b) return 0;
  return a < b ? -1 : 1;
}
