// Search over a county-size board: 5,000 notices of about 1,500 characters and 500 projects.
// The test checks results only; the build time, cache size and query times it prints are the
// measurements for docs and reviews, never asserted.
import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSnapshotSearch } from '../../src-main/core/search/snapshot-search.js';
import type { SnapshotSearch } from '../../src-main/core/search/snapshot-search.js';
import { META_KEYS, SNAPSHOT_FORMAT } from '../../src-main/core/snapshot/schema.js';
import { openSnapshot } from '../../src-main/core/store.js';
import type { SqliteDatabase } from '../../src-main/core/store.js';
import { createSnapshotWriter } from '../helpers/snapshot-writer.js';
import { makeTempDir } from '../helpers/temp.js';

const NOTICE_COUNT = 5000;
const PROJECT_COUNT = 500;
const BODY_LENGTH = 1500;
const TOWNSHIPS = 10;
const VILLAGES_PER_TOWNSHIP = 20;

const PHRASES = [
  '根据上级有关文件精神',
  '经村民代表大会民主评议',
  '现将农村低保对象名单予以公示',
  '公示期为七天',
  '如有异议请向镇纪委反映',
  '危房改造补助资金已拨付到户',
  '集体资产租赁合同按期履行',
  '村级财务收支情况如下',
  '脱贫户和监测户帮扶措施落实到位',
  '产业发展资金用于茶叶基地建设',
  '道路硬化工程完成验收',
  '饮水安全巩固提升项目进展顺利',
  '医疗救助和临时救助按规定发放',
  '耕地地力保护补贴按面积核定',
  '养老保险缴费补贴已到账',
  '村务监督委员会全程参与',
  '党员大会审议通过了年度计划',
  '债权债务清理工作稳步推进',
  '防返贫动态监测每月开展',
  '小额信贷贴息资金及时兑现',
];
const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗';
const GIVEN = '明华国建英秀兰军平玉春德';

// A deterministic generator, so that a failure can be reproduced.
function makeRandom(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return state / 2147483648;
  };
}

function pick<T>(random: () => number, values: readonly T[] | string): T {
  return values[Math.floor(random() * values.length)] as T;
}

function villageCode(township: number, village: number): string {
  return `431226${String(101 + township)}${String(201 + village)}`;
}

// The village of a generated record, by the same formulas that place them below.
function villageOf(id: string): string {
  const index = Number(id.slice(1));
  if (id.startsWith('N')) return villageCode(index % TOWNSHIPS, Math.floor(index / TOWNSHIPS) % VILLAGES_PER_TOWNSHIP);
  return villageCode(index % TOWNSHIPS, index % VILLAGES_PER_TOWNSHIP);
}

const temp = makeTempDir();
let snapshot: SqliteDatabase;
let searcher: SnapshotSearch;
let buildMilliseconds = 0;
let cacheBytes = 0;

beforeAll(() => {
  const file = path.join(temp.dir, 'snapshot.sqlite');
  const random = makeRandom(42);
  const { db, meta, region } = createSnapshotWriter(file);

  db.transaction(() => {
    meta.run(META_KEYS.format, String(SNAPSHOT_FORMAT));
    region.run('431226', '示例县', null, 'county');
    for (let township = 0; township < TOWNSHIPS; township++) {
      region.run(`431226${101 + township}`, `第${township + 1}镇`, '431226', 'township');
      for (let village = 0; village < VILLAGES_PER_TOWNSHIP; village++) {
        region.run(villageCode(township, village), `${pick(random, SURNAMES)}家${pick(random, '坪冲湾塘坳岭')}村`, `431226${101 + township}`, 'village');
      }
    }

    const notice = db.prepare(
      `INSERT INTO notices (notice_id, region_code, board, category, title, issuer, issued_on, body_format, body)
       VALUES (?, ?, '村务公开', ?, ?, '村民委员会', ?, 'text', ?)`,
    );
    for (let index = 0; index < NOTICE_COUNT; index++) {
      let body = '';
      while (body.length < BODY_LENGTH) {
        body += `${pick(random, PHRASES)}，${pick(random, SURNAMES)}${pick(random, GIVEN)}${pick(random, GIVEN)}等${1 + Math.floor(random() * 30)}户。`;
      }
      // One notice carries a word found nowhere else, to check that a single hit is found.
      if (index === 4321) body += '特别说明：鸬鹚养殖合作社分红。';

      const region = villageOf(`N${index}`);
      notice.run(`N${index}`, region, pick(random, ['低保', '财务', '项目']), `${2020 + (index % 5)}年${pick(random, PHRASES)}`, '2024-01-01', body);
    }

    const project = db.prepare(
      `INSERT INTO projects (project_id, name, region_code, category, year, funding_source, funding_amount_fen,
         planning_budget_amount_fen, planned_start_date, planned_end_date, responsible_unit, department, published_on)
       VALUES (?, ?, ?, ?, 2024, '衔接推进乡村振兴补助资金', 100000, 100000, '2024-01-01', '2024-12-31', '镇人民政府', '县乡村振兴局', '2024-01-01')`,
    );
    for (let index = 0; index < PROJECT_COUNT; index++) {
      const region = villageOf(`P${index}`);
      project.run(`P${index}`, `${pick(random, ['道路硬化', '危房改造', '饮水安全', '茶叶基地'])}项目${index}`, region, pick(random, ['基础设施', '产业发展']));
    }
  })();
  db.close();

  snapshot = openSnapshot(file);
  const started = performance.now();
  searcher = openSnapshotSearch({ db: snapshot, cacheDir: path.join(temp.dir, 'cache'), snapshotId: 'scale' });
  buildMilliseconds = performance.now() - started;
  const cacheDir = path.join(temp.dir, 'cache');
  cacheBytes = readdirSync(cacheDir).reduce((sum, name) => sum + statSync(path.join(cacheDir, name)).size, 0);
});

afterAll(() => {
  searcher.close();
  snapshot.close();
  temp.remove();
});

describe('snapshot search at county size', () => {
  it('finds a single rare hit', () => {
    const result = searcher.search({ query: '鸬鹚', regionCode: '431226' });
    expect(result.hits.map((hit) => hit.id)).toEqual(['N4321']);
  });

  it('pages a frequent word', () => {
    const result = searcher.search({ query: '低保', regionCode: '431226', limit: 20 });
    expect(result.hits).toHaveLength(20);
    expect(result.more).toBe(true);
  });

  it('keeps a village in scope', () => {
    const village = villageCode(3, 7);
    const result = searcher.search({ query: '危房改造', regionCode: village, limit: 100 });
    expect(result.hits.length).toBeGreaterThan(0);
    for (const hit of result.hits) expect(villageOf(hit.id)).toBe(village);
  });

  it('suggests words for pinyin', () => {
    expect(searcher.suggest({ pinyin: 'dibao', regionCode: '431226' }).terms[0]).toBe('低保');
    expect(searcher.suggest({ pinyin: 'wfgz', regionCode: '431226' }).terms).toContain('危房改造');
  });

  it('reports build and query times', () => {
    const timings: string[] = [];
    for (const query of ['李', '低保', '危房改', '危房改造', '2024 低保']) {
      const runs = 20;
      const started = performance.now();
      for (let run = 0; run < runs; run++) searcher.search({ query, regionCode: '431226', limit: 20 });
      timings.push(`${query}: ${((performance.now() - started) / runs).toFixed(1)} ms`);
    }

    const village = villageCode(3, 7);
    const started = performance.now();
    for (let run = 0; run < 20; run++) searcher.search({ query: '低保', regionCode: village, limit: 20 });
    timings.push(`低保 in one village: ${((performance.now() - started) / 20).toFixed(1)} ms`);

    const suggestStarted = performance.now();
    for (let run = 0; run < 20; run++) searcher.suggest({ pinyin: 'd', regionCode: village });
    timings.push(`suggest d in one village: ${((performance.now() - suggestStarted) / 20).toFixed(1)} ms`);

    console.info(
      `search index of ${NOTICE_COUNT} notices of ${BODY_LENGTH} characters and ${PROJECT_COUNT} projects: ` +
        `built in ${(buildMilliseconds / 1000).toFixed(1)} s, cache ${(cacheBytes / 1024 / 1024).toFixed(1)} MiB; ${timings.join('; ')}`,
    );
    expect(timings).toHaveLength(7);
  });
});
