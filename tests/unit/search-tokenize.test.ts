import { describe, expect, it } from 'vitest';
import { findHighlights } from '../../src-main/core/search/highlight.js';
import { buildMatchExpression } from '../../src-main/core/search/match-expression.js';
import { indexTokens, queryTerms, RUN_BREAK, segmentText } from '../../src-main/core/search/tokenize.js';

describe('segmentText', () => {
  it('splits CJK runs from words', () => {
    const segments = segmentText('张三2024年，Audit report');

    expect(segments.map((segment) => [segment.kind, segment.chars.join('')])).toEqual([
      ['cjk', '张三'],
      ['word', '2024'],
      ['cjk', '年'],
      ['word', 'Audit'],
      ['word', 'report'],
    ]);
  });

  it('maps full-width forms with NFKC', () => {
    const [segment] = segmentText('２０２４ＡＢ');

    expect(segment!.kind).toBe('word');
    expect(segment!.chars.join('')).toBe('2024AB');
    expect(segment!.starts).toEqual([0, 1, 2, 3, 4, 5]);
    expect(segment!.ends).toEqual([1, 2, 3, 4, 5, 6]);
  });

  it('gives an expansion its source range', () => {
    const [segment] = segmentText('㍻元年');

    expect(segment!.chars).toEqual(['平', '成', '元', '年']);
    expect(segment!.starts).toEqual([0, 0, 1, 2]);
    expect(segment!.ends).toEqual([1, 1, 2, 3]);
  });

  it('keeps combining marks inside a word', () => {
    const segments = segmentText('cafe\u0301 bar');

    expect(segments).toHaveLength(2);
    expect(segments[0]!.chars.join('')).toBe('café');
    expect(segments[0]!.ends.at(-1)).toBe(5);
    expect(segments[1]!.starts[0]).toBe(6);
  });

  it('counts surrogate pairs as one character', () => {
    const [segment] = segmentText('𠀀村');

    expect(segment!.chars).toEqual(['𠀀', '村']);
    expect(segment!.starts).toEqual([0, 2]);
    expect(segment!.ends).toEqual([2, 3]);
  });

  it('drops punctuation, symbols and lone surrogates', () => {
    expect(segmentText('"*-:^(){}[]、。！？\uD800 \uE000😀')).toEqual([]);
  });
});

describe('indexTokens', () => {
  it('emits bigrams and unigrams of a CJK run', () => {
    expect(indexTokens('张三丰')).toEqual({ bigrams: '张三 三丰', unigrams: '张 三 丰' });
  });

  it('emits a single character as unigram only', () => {
    expect(indexTokens('村')).toEqual({ bigrams: '', unigrams: '村' });
  });

  it('folds words and keeps them in the bigram stream', () => {
    expect(indexTokens('2024年 Zhāng ＡＢＣ')).toEqual({ bigrams: '2024 zhang abc', unigrams: '年' });
  });

  it('separates adjacent CJK runs with a break', () => {
    expect(indexTokens('低保，保障').bigrams).toBe(`低保 ${RUN_BREAK} 保障`);
  });

  it('keeps the break across a one-character run', () => {
    expect(indexTokens('低保，和，保障').bigrams).toBe(`低保 ${RUN_BREAK} 保障`);
  });

  it('needs no break after a word', () => {
    expect(indexTokens('低保 2024 保障').bigrams).toBe('低保 2024 保障');
  });
});

describe('queryTerms', () => {
  it('returns CJK runs and folded words', () => {
    expect(queryTerms('2024 低保 村')).toEqual([
      { kind: 'word', token: '2024' },
      { kind: 'cjk', chars: ['低', '保'] },
      { kind: 'cjk', chars: ['村'] },
    ]);
  });

  it('removes duplicate terms', () => {
    expect(queryTerms('Zhāng ZHANG 低保 低保')).toEqual([
      { kind: 'word', token: 'zhang' },
      { kind: 'cjk', chars: ['低', '保'] },
    ]);
  });

  it('turns FTS5 operators into words or nothing', () => {
    expect(queryTerms('NEAR(低保* -张三) OR "x":')).toEqual([
      { kind: 'word', token: 'near' },
      { kind: 'cjk', chars: ['低', '保'] },
      { kind: 'cjk', chars: ['张', '三'] },
      { kind: 'word', token: 'or' },
      { kind: 'word', token: 'x' },
    ]);
  });
});

describe('buildMatchExpression', () => {
  const fields = ['title', 'body'];

  it('matches one character in the unigram columns', () => {
    expect(buildMatchExpression(queryTerms('村'), fields)).toBe('{title_unigrams body_unigrams} : "村"');
  });

  it('matches two characters as one bigram', () => {
    expect(buildMatchExpression(queryTerms('张三'), fields)).toBe('{title_bigrams body_bigrams} : "张三"');
  });

  it('matches four characters as a bigram phrase', () => {
    expect(buildMatchExpression(queryTerms('危房改造'), fields)).toBe('{title_bigrams body_bigrams} : "危房 房改 改造"');
  });

  it('joins mixed terms with AND', () => {
    expect(buildMatchExpression(queryTerms('2024 低保'), fields)).toBe(
      '{title_bigrams body_bigrams} : "2024" AND {title_bigrams body_bigrams} : "低保"',
    );
  });

  it('returns undefined without terms', () => {
    expect(buildMatchExpression(queryTerms(' ，。*'), fields)).toBeUndefined();
  });
});

describe('findHighlights', () => {
  it('finds every occurrence of a name', () => {
    const text = '张三和张三丰';

    expect(findHighlights(text, queryTerms('张三'))).toEqual([
      { start: 0, end: 2 },
      { start: 3, end: 5 },
    ]);
  });

  it('merges overlapping matches', () => {
    expect(findHighlights('低保保障', queryTerms('低保 保障'))).toEqual([{ start: 0, end: 4 }]);
  });

  it('ignores characters that are not adjacent', () => {
    expect(findHighlights('张某三，低保，保障', queryTerms('张三 低保障'))).toEqual([]);
  });

  it('maps offsets back to full-width text', () => {
    const text = '（ＡＢＣ公司）２０２４年';
    const ranges = findHighlights(text, queryTerms('abc 2024'));

    expect(ranges.map((range) => text.slice(range.start, range.end))).toEqual(['ＡＢＣ', '２０２４']);
  });

  it('counts offsets in UTF-16 units', () => {
    const text = '𠀀村委会';
    const [range] = findHighlights(text, queryTerms('村委'));

    expect(range).toEqual({ start: 2, end: 4 });
    expect(text.slice(range!.start, range!.end)).toBe('村委');
  });

  it('matches whole words only', () => {
    expect(findHighlights('2024 20245', queryTerms('2024'))).toEqual([{ start: 0, end: 4 }]);
  });
});
