import { describe, expect, it } from 'vitest';
import { BoardRequestError } from '../../src-main/core/boards/request-error.js';
import type { SearchHit, SearchRequest } from '../../src-shared/boards-api.js';
import { COUNTY, HUANGXING, LANTIAN, LIJIA, ZHANGJIAPING } from './search-snapshot-fixture.js';
import { useSearchSnapshot } from './search-snapshot-session.js';

const searcher = useSearchSnapshot();

function search(query: string, regionCode = COUNTY, extra: Partial<SearchRequest> = {}): SearchHit[] {
  return searcher.search({ query, regionCode, limit: 100, ...extra }).hits;
}

function ids(query: string, regionCode = COUNTY, extra: Partial<SearchRequest> = {}): string[] {
  return search(query, regionCode, extra)
    .map((hit) => hit.id)
    .sort();
}

function marked(text: string, ranges: readonly [number, number][]): string[] {
  return ranges.map(([start, end]) => text.slice(start, end));
}

describe('snapshot search queries', () => {
  it('finds a one-character name', () => {
    expect(ids('李')).toEqual(['N1', 'N2', 'WZ2024-3']);
  });

  it('finds a two-character word', () => {
    expect(ids('低保')).toEqual(['N1', 'N3', 'N4', 'N6', 'N7', 'TS2024-0012', 'WZ2024-3']);
  });

  it('finds three and four characters', () => {
    expect(ids('危房改')).toEqual(['N2', 'N5', 'P1']);
    expect(ids('危房改造')).toEqual(['N2', 'N5', 'P1']);
  });

  it('finds place names', () => {
    expect(ids('张家坪')).toEqual(['N1', 'N7', 'P1', 'TS2024-0012']);
    expect(ids('蓝田村')).toEqual(['N4']);
  });

  it('requires every term of a mixed query', () => {
    expect(ids('2024 低保')).toEqual(['N1', 'N3']);
    expect(ids('２０２４　低保')).toEqual(['N1', 'N3']);
  });

  it('returns the folded query', () => {
    expect(searcher.search({ query: ' ２０２４，低保 ', regionCode: COUNTY }).query).toBe('2024 低保');
  });

  it('searches project labels and progress', () => {
    expect(ids('湖南建工')).toEqual(['P1']);
    expect(ids('竣工验收')).toEqual(['P1']);
    expect(ids('乡村振兴')).toEqual(['P1']);
  });
});

describe('snapshot search region scope', () => {
  it('shows a village its own, township and county records', () => {
    expect(ids('低保', ZHANGJIAPING)).toEqual(['N1', 'N3', 'N6', 'N7', 'TS2024-0012', 'WZ2024-3']);
  });

  it('hides another village of the same township', () => {
    expect(ids('危房改造', ZHANGJIAPING)).toEqual(['N5', 'P1']);
    expect(ids('危房改造', LIJIA)).toEqual(['N2', 'N5']);
  });

  it('hides another township village', () => {
    expect(ids('蓝田', ZHANGJIAPING)).toEqual([]);
    expect(ids('蓝田', LANTIAN)).toEqual(['N4']);
  });

  it('shows a township every record under it', () => {
    expect(ids('危房改造', HUANGXING)).toEqual(['N2', 'N5', 'P1']);
  });

  it('rejects a region the snapshot lacks', () => {
    for (const regionCode of ['439999', '431226999', '431226101299']) {
      expect(() => ids('低保', regionCode)).toThrow(BoardRequestError);
      expect(() => searcher.suggest({ pinyin: 'db', regionCode })).toThrow(`Region ${regionCode} is not`);
    }
  });

  it('rejects a code of no region level', () => {
    for (const regionCode of ['4312261', '43122610', '4312261012', '43122610120']) {
      expect(() => ids('低保', regionCode)).toThrow('county (6 digits), township (9 digits) or village (12 digits)');
    }
  });
});

describe('snapshot search results', () => {
  it('highlights the title on its original text', () => {
    const hit = search('2024 低保').find((candidate) => candidate.id === 'N1')!;

    expect(hit.title).toBe('关于2024年农村低保资金发放情况的公示');
    expect(marked(hit.title, hit.titleHighlights)).toEqual(['2024', '低保']);
  });

  it('strips markdown from the snippet', () => {
    const hit = search('低保').find((candidate) => candidate.id === 'N1')!;

    for (const syntax of ['**', '|', '# ', '![', '](', '> ', '---']) expect(hit.snippet).not.toContain(syntax);
    expect(hit.snippet).toContain('本村共有低保户36户，名单附件如下');
  });

  it('highlights the snippet text', () => {
    const hit = search('低保').find((candidate) => candidate.id === 'N1')!;

    expect(hit.snippetHighlights.length).toBeGreaterThan(0);
    for (const text of marked(hit.snippet, hit.snippetHighlights)) expect(text).toBe('低保');
  });

  it('cuts a long body around its first match', () => {
    const hit = search('低保').find((candidate) => candidate.id === 'N6')!;

    expect(hit.snippet.startsWith('…')).toBe(true);
    expect(hit.snippet.length).toBeLessThanOrEqual(122);
    expect(marked(hit.snippet, hit.snippetHighlights)).toEqual(['低保']);
  });

  it('starts the snippet at the body start without a body match', () => {
    const hit = search('党员大会').find((candidate) => candidate.id === 'N7')!;

    // 大会 alone is not the query 党员大会, so the body has no match.
    expect(hit.snippet).toBe('大会讨论了低保评议和集体资产租赁事项。');
    expect(hit.snippetHighlights).toEqual([]);
  });

  it('shows matching labels without a body match', () => {
    // The issuer 示例县人民政府 is a label of N5; neither its title nor its body contains 人民政府.
    const hit = search('人民政府', COUNTY, { kinds: ['notice'] }).find((candidate) => candidate.id === 'N5')!;

    expect(hit.snippet).toContain('示例县人民政府');
    expect(marked(hit.snippet, hit.snippetHighlights)).toEqual(['人民政府']);
  });

  it('keeps the body snippet on a body match', () => {
    const hit = search('危房改造', COUNTY, { kinds: ['notice'] }).find((candidate) => candidate.id === 'N5')!;

    expect(hit.snippet).toBe('会议要求各乡镇年底前完成危房改造任务。');
  });

  it('returns kind, date and region name', () => {
    const hit = search('湖南建工')[0]!;

    expect(hit).toMatchObject({ kind: 'project', id: 'P1', date: '2024-02-20', regionName: '张家坪村' });
  });

  it('ranks a title match above a body match', () => {
    // N1, N2 and N4 have 公示 in their titles; the complaint TS2024-0012 only in its text.
    const hits = search('公示');

    expect(hits.map((hit) => hit.id).sort()).toEqual(['N1', 'N2', 'N4', 'TS2024-0012']);
    expect(hits.at(-1)!.id).toBe('TS2024-0012');
  });

  it('filters by kind', () => {
    expect(ids('低保', COUNTY, { kinds: ['notice'] })).toEqual(['N1', 'N3', 'N4', 'N6', 'N7']);
    expect(ids('低保', COUNTY, { kinds: ['complaint-outcome', 'accountability-notice'] })).toEqual(['TS2024-0012', 'WZ2024-3']);
    expect(() => ids('低保', COUNTY, { kinds: [] })).toThrow('>=1 items');
  });

  it('pages through hits with more', () => {
    const all = search('低保').map((hit) => hit.id);
    const pages: string[] = [];
    let offset = 0;
    let more = true;

    while (more) {
      const page = searcher.search({ query: '低保', regionCode: COUNTY, offset, limit: 3 });
      pages.push(...page.hits.map((hit) => hit.id));
      more = page.more;
      offset += 3;
    }

    expect(pages).toEqual(all);
    expect(searcher.search({ query: '低保', regionCode: COUNTY, offset: 0, limit: 7 }).more).toBe(false);
    expect(searcher.search({ query: '低保', regionCode: COUNTY, offset: 0, limit: 6 }).more).toBe(true);
  });
});

describe('snapshot search hostile queries', () => {
  const queries = [
    '',
    '   ',
    '"',
    '"低保',
    '低保"',
    '*',
    '低*',
    'NEAR(低保 资金)',
    '低保 AND OR NOT',
    '^低保',
    'title:低保',
    '{title}: 低保',
    '(((',
    '-低保',
    '\u0000低保',
    '\uD800低保',
    '低保\uDFFF',
    '🙂低保🙂',
    '\u200B低\u200B保',
    "'; DROP TABLE records; --",
    '%_%',
    '低'.repeat(200),
    '低保 '.repeat(40),
    '\uE000',
  ];

  for (const query of queries) {
    it(`accepts ${JSON.stringify(query.slice(0, 20))}`, () => {
      const result = searcher.search({ query, regionCode: COUNTY });
      expect(Array.isArray(result.hits)).toBe(true);
    });
  }

  it('treats operators as words', () => {
    expect(ids('NEAR(低保 资金)')).toEqual([]);
    expect(ids('"低保"')).toEqual(ids('低保'));
  });

  it('rejects a request outside the schema', () => {
    expect(() => searcher.search({ query: '低保', regionCode: 'x' })).toThrow();
    expect(() => searcher.search({ query: '低'.repeat(201), regionCode: COUNTY })).toThrow();
  });
});
