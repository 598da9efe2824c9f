// Word-boundary statistics of candidate words, the unsupervised word-discovery measures of
// Chinese text without spaces:
// - branching entropy: the entropy of the characters just before (left) and just after (right)
//   a candidate. A word is used in many contexts, so both sides vary. A fragment of a longer
//   phrase (度比 in 按季度比较) has one fixed neighbour on at least one side. The edge of a run of
//   Han characters (punctuation, a digit, the end of the text) counts as a new neighbour at each
//   occurrence, as accessor variety counts sentence edges, because a word ends there.
// - cohesion: the minimum pointwise mutual information over the ways to cut a candidate in two.
//   The parts of a word occur together much more often than chance; a run that joins the end of
//   one word to the start of the next (村危 in 长潭村危桥) does not.
// Counts are per record (each record adds a neighbour once), so that one long text repeating a
// phrase does not make its neighbours look varied.

export interface BoundaryStatistics {
  /** Branching entropy of the left neighbours, in bits. */
  leftEntropy: number;
  /** Branching entropy of the right neighbours, in bits. */
  rightEntropy: number;
  /** Minimum pointwise mutual information over the cuts of the word in two, in bits. */
  cohesion: number;
}

// Prefixes of the keys of the neighbour counts; the key is side, gram, a tab, then the neighbour.
const LEFT = 'L';
const RIGHT = 'R';
const EDGE = '';

/**
 * Computes the boundary statistics of each candidate over the records. `documentFrequency`
 * gives the number of records that contain a run, for every run of one character and for
 * every part of a candidate, and `recordCount` the number of records.
 */
export function computeBoundaryStatistics(
  records: readonly (readonly string[])[],
  candidates: ReadonlySet<string>,
  documentFrequency: (run: string) => number,
  recordCount: number,
): Map<string, BoundaryStatistics> {
  const neighbours = countNeighbours(records, candidates);

  const result = new Map<string, BoundaryStatistics>();
  for (const word of candidates) {
    result.set(word, {
      leftEntropy: entropy(neighbours.get(LEFT + word)),
      rightEntropy: entropy(neighbours.get(RIGHT + word)),
      cohesion: cohesion(word, documentFrequency, recordCount),
    });
  }
  return result;
}

// Maps side + candidate to the number of records per neighbour; EDGE counts records where the
// candidate touches the edge of a run, each of which is a distinct neighbour.
function countNeighbours(records: readonly (readonly string[])[], candidates: ReadonlySet<string>): Map<string, Map<string, number>> {
  const lengths = [...new Set([...candidates].map((word) => word.length))];
  const counts = new Map<string, Map<string, number>>();

  for (const runs of records) {
    const seen = new Set<string>();
    for (const run of runs) {
      for (const length of lengths) {
        for (let i = 0; i + length <= run.length; i++) {
          const gram = run.slice(i, i + length);
          if (!candidates.has(gram)) continue;

          const before = i > 0 ? run[i - 1]! : EDGE;
          const after = i + length < run.length ? run[i + length]! : EDGE;
          seen.add(`${LEFT}${gram}\t${before}`);
          seen.add(`${RIGHT}${gram}\t${after}`);
        }
      }
    }

    for (const key of seen) {
      const tab = key.indexOf('\t');
      const side = key.slice(0, tab);
      const neighbour = key.slice(tab + 1);
      const perNeighbour = counts.get(side) ?? new Map<string, number>();
      perNeighbour.set(neighbour, (perNeighbour.get(neighbour) ?? 0) + 1);
      counts.set(side, perNeighbour);
    }
  }
  return counts;
}

// Shannon entropy in bits; each record at an edge is a neighbour of its own.
function entropy(perNeighbour: Map<string, number> | undefined): number {
  if (!perNeighbour) return 0;

  let total = 0;
  for (const count of perNeighbour.values()) total += count;

  let result = 0;
  for (const [neighbour, count] of perNeighbour) {
    if (neighbour === EDGE) {
      result += count * (1 / total) * Math.log2(total);
    } else {
      const share = count / total;
      result -= share * Math.log2(share);
    }
  }
  return result;
}

function cohesion(word: string, documentFrequency: (run: string) => number, recordCount: number): number {
  const probability = (run: string): number => documentFrequency(run) / recordCount;
  const whole = probability(word);

  let result = Infinity;
  for (let cut = 1; cut < word.length; cut++) {
    const parts = probability(word.slice(0, cut)) * probability(word.slice(cut));
    result = Math.min(result, parts > 0 ? Math.log2(whole / parts) : Infinity);
  }
  return result;
}
