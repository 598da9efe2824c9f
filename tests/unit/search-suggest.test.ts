import { describe, expect, it } from 'vitest';
import { matchesSyllables, wordSyllables } from '../../src-main/core/search/pinyin-match.js';
import { VocabularyBuilder } from '../../src-main/core/search/suggest-vocabulary.js';
import { COUNTY, LANTIAN, ZHANGJIAPING } from './search-snapshot-fixture.js';
import { useSearchSnapshot } from './search-snapshot-session.js';

const searcher = useSearchSnapshot();

function suggest(pinyin: string, regionCode = COUNTY, limit = 12): string[] {
  return searcher.suggest({ pinyin, regionCode, limit }).terms;
}

describe('pinyin matching', () => {
  const lowIncome = ['di', 'bao'];

  it('matches full pinyin', () => {
    expect(matchesSyllables('dibao', lowIncome)).toBe(true);
  });

  it('matches initials', () => {
    expect(matchesSyllables('db', lowIncome)).toBe(true);
  });

  it('matches mixed prefixes', () => {
    expect(matchesSyllables('dib', lowIncome)).toBe(true);
    expect(matchesSyllables('dba', lowIncome)).toBe(true);
    expect(matchesSyllables('d', lowIncome)).toBe(true);
  });

  it('rejects letters out of order', () => {
    expect(matchesSyllables('bd', lowIncome)).toBe(false);
    expect(matchesSyllables('dibaox', lowIncome)).toBe(false);
    expect(matchesSyllables('ibao', lowIncome)).toBe(false);
    expect(matchesSyllables('', lowIncome)).toBe(false);
  });

  it('reads words in context', () => {
    expect(wordSyllables('长沙')).toEqual(['chang', 'sha']);
    expect(wordSyllables('绿色')).toEqual(['lv', 'se']);
  });

  it('accepts u for ü', () => {
    expect(matchesSyllables('lus', ['lv', 'se'])).toBe(true);
    expect(matchesSyllables('lvs', ['lv', 'se'])).toBe(true);
  });

  it('stays fast on repeated letters', () => {
    const syllables = Array.from({ length: 12 }, () => 'a');
    expect(matchesSyllables('a'.repeat(13), syllables)).toBe(false);
  });
});

describe('suggestion vocabulary', () => {
  it('keeps frequent words and drops fragments', () => {
    const builder = new VocabularyBuilder();
    builder.addRecord(['张家坪村低保公示']);
    builder.addRecord(['张家坪低保户名单']);
    builder.addRecord(['低保资金的发放']);

    const words = builder.build().map((entry) => entry.word);

    expect(words).toContain('低保');
    expect(words).toContain('张家坪');
    expect(words).not.toContain('家坪');
    expect(words).not.toContain('保资');
  });

  it('counts a word once per record', () => {
    const builder = new VocabularyBuilder();
    builder.addRecord(['低保低保低保']);
    builder.addRecord(['低保']);

    expect(builder.build().find((entry) => entry.word === '低保')?.count).toBe(2);
  });

  it('drops words below two records', () => {
    const builder = new VocabularyBuilder();
    builder.addRecord(['危房改造']);

    expect(builder.build()).toEqual([]);
  });

  it('keeps seeds and region names without suffix', () => {
    const builder = new VocabularyBuilder();
    builder.addRegionName('张家坪村', 3);
    builder.addSeed('社会救助', 2);
    builder.addSeed('A组');

    expect(builder.build()).toEqual([
      { word: '张家坪', count: 3 },
      { word: '张家坪村', count: 3 },
      { word: '社会救助', count: 2 },
    ]);
  });

  it('bounds its size', () => {
    const builder = new VocabularyBuilder();
    for (let i = 0; i < 3; i++) builder.addRecord(['低保资金', '危房改造', '集体资产']);

    expect(builder.build(2)).toHaveLength(2);
  });
});

describe('snapshot suggestions', () => {
  it('suggests a word for full pinyin', () => {
    expect(suggest('dibao')[0]).toBe('低保');
  });

  it('suggests a word for initials', () => {
    expect(suggest('db')).toContain('低保');
  });

  it('suggests a place name for initials', () => {
    const terms = suggest('zjp');

    expect(terms).toContain('张家坪');
    expect(terms).toContain('张家坪村');
  });

  it('suggests the categories of records', () => {
    expect(suggest('weifang')).toContain('危房改造');
  });

  it('orders words by frequency', () => {
    const terms = suggest('d', COUNTY, 50);

    expect(terms.indexOf('低保')).toBeGreaterThanOrEqual(0);
    expect(terms.indexOf('低保')).toBeLessThan(terms.indexOf('党务公开'));
  });

  it('limits the number of words', () => {
    expect(suggest('d', COUNTY, 2)).toHaveLength(2);
  });

  it('offers only words found in the region', () => {
    expect(suggest('lantian', ZHANGJIAPING)).toEqual([]);
    expect(suggest('lantian', LANTIAN)).toContain('蓝田村');
  });

  it('returns nothing for unknown letters', () => {
    expect(suggest('xq')).toEqual([]);
  });

  it('rejects letters outside the schema', () => {
    expect(() => searcher.suggest({ pinyin: 'DiBao', regionCode: COUNTY })).toThrow();
    expect(() => searcher.suggest({ pinyin: 'di bao', regionCode: COUNTY })).toThrow();
  });
});
