import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createSearchIndex,
  deleteDocument,
  indexDocument,
  search,
  searchSql,
} from '../../src-main/core/search/search-index.js';
import { openSnapshot } from '../../src-main/core/store.js';
import type { SqliteDatabase } from '../../src-main/core/store.js';
import { makeTempDir } from '../helpers/temp.js';

// Notices and projects of one township. n3 contains 张 and 三 apart, and n4 has 低保 and 保障 in
// separate runs, so that queries for 张三 and 低保障 must skip them.
const DOCUMENTS: Record<string, { title: string; body: string }> = {
  n1: {
    title: '关于2024年农村低保资金发放情况的公示',
    body: '长沙县黄兴镇张家坪村共有低保户36户，张三、李四等家庭本月领取低保金。',
  },
  n2: {
    title: '危房改造项目验收结果',
    body: '黄兴镇蓝田村危房改造项目已于2023年12月完成验收，施工单位为湖南建工集团。',
  },
  n3: {
    title: '村务公开：集体资产租赁合同',
    body: '张某三承包鱼塘一口，租期五年。',
  },
  n4: {
    title: 'Notice of the 2024 audit',
    body: 'ＡＢＣ公司审计报告：低保，保障房建设资金。',
  },
};

const temp = makeTempDir();
const file = path.join(temp.dir, 'search.sqlite');
let db: SqliteDatabase;

function ids(query: string): string[] {
  return search(db, 'notices', query)
    .map((hit) => hit.id)
    .sort();
}

beforeAll(() => {
  const writer = new Database(file);
  createSearchIndex(writer, 'notices');
  for (const [id, fields] of Object.entries(DOCUMENTS)) indexDocument(writer, 'notices', id, fields);
  writer.close();

  // The kiosk opens its snapshot read-only, so the searches below do too.
  db = openSnapshot(file);
});

afterAll(() => {
  db.close();
  temp.remove();
});

describe('search by query length', () => {
  it('finds one-character queries', () => {
    expect(ids('鱼')).toEqual(['n3']);
    expect(ids('蓝')).toEqual(['n2']);
    expect(ids('村')).toEqual(['n1', 'n2', 'n3']);
  });

  it('finds two-character queries', () => {
    expect(ids('张三')).toEqual(['n1']);
    expect(ids('低保')).toEqual(['n1', 'n4']);
    expect(ids('验收')).toEqual(['n2']);
  });

  it('finds three-character queries', () => {
    expect(ids('张家坪')).toEqual(['n1']);
    expect(ids('黄兴镇')).toEqual(['n1', 'n2']);
    expect(ids('蓝田村')).toEqual(['n2']);
  });

  it('finds four-character queries', () => {
    expect(ids('危房改造')).toEqual(['n2']);
    expect(ids('房改造项')).toEqual(['n2']);
    expect(ids('集体资产')).toEqual(['n3']);
  });
});

describe('search precision', () => {
  it('skips characters that are not adjacent', () => {
    expect(ids('张三')).not.toContain('n3');
    expect(ids('三承')).toEqual(['n3']);
    expect(ids('张某')).toEqual(['n3']);
  });

  it('skips pairs split by punctuation', () => {
    expect(ids('低保障')).toEqual([]);
    expect(ids('保障')).toEqual(['n4']);
  });

  it('skips a phrase in the wrong order', () => {
    expect(ids('改造危房')).toEqual([]);
  });

  it('requires every term of a mixed query', () => {
    expect(ids('2024 低保')).toEqual(['n1', 'n4']);
    expect(ids('2023 低保')).toEqual([]);
    expect(ids('2023 危房')).toEqual(['n2']);
  });

  it('matches words without case or width', () => {
    expect(ids('AUDIT')).toEqual(['n4']);
    expect(ids('ａｂｃ')).toEqual(['n4']);
    expect(ids('２０２４')).toEqual(['n1', 'n4']);
  });
});

describe('search highlights', () => {
  it('marks a name in the body', () => {
    const [hit] = search(db, 'notices', '张三');
    const body = DOCUMENTS.n1!.body;

    expect(hit!.fields.body).toBe(body);
    expect(hit!.highlights.body).toEqual([{ start: body.indexOf('张三'), end: body.indexOf('张三') + 2 }]);
    expect(hit!.highlights.title).toEqual([]);
  });

  it('marks every term of a mixed query', () => {
    const hit = search(db, 'notices', '2024 低保').find((candidate) => candidate.id === 'n1')!;
    const title = hit.fields.title!;
    const body = hit.fields.body!;

    expect(hit.highlights.title!.map((range) => title.slice(range.start, range.end))).toEqual(['2024', '低保']);
    expect(hit.highlights.body!.map((range) => body.slice(range.start, range.end))).toEqual(['低保', '低保']);
  });

  it('marks full-width text in place', () => {
    const [hit] = search(db, 'notices', 'abc');
    const body = hit!.fields.body!;

    expect(hit!.highlights.body).toEqual([{ start: 0, end: 3 }]);
    expect(body.slice(0, 3)).toBe('ＡＢＣ');
  });

  it('marks one character everywhere', () => {
    const [hit] = search(db, 'notices', '鱼');

    expect(hit!.highlights.body).toEqual([{ start: 5, end: 6 }]);
    expect(hit!.fields.body!.slice(5, 6)).toBe('鱼');
  });
});

describe('search with hostile input', () => {
  const HOSTILE = [
    '',
    '   ',
    '"',
    '""低保"',
    'AND',
    'OR 低保',
    '低保 NOT 张三',
    'NEAR(低保 张三, 2)',
    '*',
    '低保*',
    '-低保',
    '+低保',
    '^低保',
    'title: 低保',
    '{title_bigrams}: 低保',
    'title_bigrams:低保',
    '(低保',
    "'; DROP TABLE notices; --",
    '\u0000低保',
    '\uD800',
    '\uE000',
    '😀🇨🇳',
    'a'.repeat(100_000),
    '低'.repeat(100_000),
    '低保 '.repeat(10_000),
  ];

  it('never throws', () => {
    for (const query of HOSTILE) {
      expect(() => search(db, 'notices', query), JSON.stringify(query.slice(0, 40))).not.toThrow();
    }
  });

  it('reads operators as plain text', () => {
    expect(ids('低保*')).toEqual(['n1', 'n4']);
    expect(ids('-低保')).toEqual(['n1', 'n4']);
    expect(ids('"低保"')).toEqual(['n1', 'n4']);
    expect(ids('低保 NOT 张三')).toEqual([]);
    expect(ids('title: 低保')).toEqual([]);
  });

  it('returns nothing without terms', () => {
    expect(ids('')).toEqual([]);
    expect(ids('，。！*')).toEqual([]);
    expect(ids('\uE000')).toEqual([]);
  });
});

describe('search query plan', () => {
  it('uses the FTS index and the source rowid', () => {
    const plan = db.prepare(`EXPLAIN QUERY PLAN ${searchSql('notices')}`).all('"低保"', 10, 0) as { detail: string }[];
    const details = plan.map((row) => row.detail);

    expect(details).toHaveLength(2);
    expect(details[0]).toMatch(/^SCAN notices VIRTUAL TABLE INDEX \d+:M/);
    expect(details[1]).toBe('SEARCH source USING INTEGER PRIMARY KEY (rowid=?)');
    expect(details.join('\n')).not.toMatch(/TEMP B-TREE/);
  });
});

describe('search index maintenance', () => {
  const maintenance = makeTempDir();
  let writer: SqliteDatabase;

  beforeAll(() => {
    writer = new Database(path.join(maintenance.dir, 'maintenance.sqlite'));
    createSearchIndex(writer, 'projects', { fields: ['name', 'summary'], weights: { name: 10 } });
  });

  afterAll(() => {
    writer.close();
    maintenance.remove();
  });

  it('replaces a document with the same id', () => {
    indexDocument(writer, 'projects', 'p1', { name: '道路硬化', summary: '张家坪村组道路' });
    indexDocument(writer, 'projects', 'p1', { name: '饮水工程', summary: '蓝田村安全饮水' });

    expect(search(writer, 'projects', '道路')).toEqual([]);
    expect(search(writer, 'projects', '饮水').map((hit) => hit.id)).toEqual(['p1']);
  });

  it('deletes a document', () => {
    indexDocument(writer, 'projects', 'p2', { name: '光伏扶贫', summary: '' });

    expect(deleteDocument(writer, 'projects', 'p2')).toBe(true);
    expect(deleteDocument(writer, 'projects', 'p2')).toBe(false);
    expect(search(writer, 'projects', '光伏')).toEqual([]);
  });

  it('ranks by field weight', () => {
    indexDocument(writer, 'projects', 'body-hit', { name: '产业项目', summary: '茶叶基地带动脱贫户增收' });
    indexDocument(writer, 'projects', 'name-hit', { name: '茶叶基地', summary: '产业项目带动增收' });
    const hits = search(writer, 'projects', '茶叶');

    expect(hits.map((hit) => hit.id)).toEqual(['name-hit', 'body-hit']);
    expect(hits[0]!.score).toBeGreaterThan(hits[1]!.score);
  });

  it('pages with limit and offset', () => {
    indexDocument(writer, 'projects', 'page-a', { name: '增收' });
    const all = search(writer, 'projects', '增收').map((hit) => hit.id);
    const paged = [
      ...search(writer, 'projects', '增收', { limit: 1 }),
      ...search(writer, 'projects', '增收', { limit: 1, offset: 1 }),
      ...search(writer, 'projects', '增收', { limit: 1, offset: 2 }),
    ].map((hit) => hit.id);

    expect(all).toHaveLength(3);
    expect(paged).toEqual(all);
  });

  it('indexes a missing field as empty', () => {
    indexDocument(writer, 'projects', 'p3', { name: '村部维修' });
    const [hit] = search(writer, 'projects', '维修');

    expect(hit!.fields).toEqual({ name: '村部维修', summary: '' });
    expect(hit!.highlights.summary).toEqual([]);
  });

  it('rejects an unknown field', () => {
    expect(() => indexDocument(writer, 'projects', 'p4', { title: 'x' })).toThrow(
      'search index "projects" has no field "title". Its fields are name, summary.',
    );
  });

  it('rejects a missing index', () => {
    expect(() => search(writer, 'nothing', '低保')).toThrow('search index "nothing" not found');
  });

  it('accepts SQL keywords as names', () => {
    createSearchIndex(writer, 'order', { fields: ['select', 'from'] });
    indexDocument(writer, 'order', 'k1', { select: '低保名单', from: '民政局' });

    expect(search(writer, 'order', '名单').map((hit) => hit.id)).toEqual(['k1']);
    expect(deleteDocument(writer, 'order', 'k1')).toBe(true);
  });

  it('rejects invalid names and weights', () => {
    expect(() => createSearchIndex(writer, 'Bad Name')).toThrow('invalid search index name "Bad Name"');
    expect(() => createSearchIndex(writer, 'other', { fields: ['a_b'] })).toThrow('invalid search field name "a_b"');
    expect(() => createSearchIndex(writer, 'other', { fields: [] })).toThrow('at least one field');
    expect(() => createSearchIndex(writer, 'other', { fields: ['a', 'a'] })).toThrow('"a" is listed twice');
    expect(() => createSearchIndex(writer, 'other', { weights: { title: 0 } })).toThrow('invalid weight 0');
    expect(() => createSearchIndex(writer, 'other', { weights: { name: 2 } })).toThrow('unknown field "name"');
  });

  it('rejects an invalid limit or offset', () => {
    expect(() => search(writer, 'projects', '增收', { limit: 0 })).toThrow('invalid search limit 0');
    expect(() => search(writer, 'projects', '增收', { limit: 1.5 })).toThrow('invalid search limit 1.5');
    expect(() => search(writer, 'projects', '增收', { offset: -1 })).toThrow('invalid search offset -1');
  });
});
