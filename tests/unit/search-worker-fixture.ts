// Snapshots for the tests of the search index worker: the search fixture's county plus a few
// thousand generated notices, so that a build lasts long enough for the event loop to turn many
// times meanwhile. All names and texts are made up.
import Database from 'better-sqlite3';
import { META_KEYS } from '../../src-main/core/snapshot/schema.js';
import type { FixtureNotice } from './search-snapshot-fixture.js';
import { HUANGXING, LANTIAN, LIJIA, writeSearchSnapshot, ZHANGJIAPING } from './search-snapshot-fixture.js';

export const GENERATED_NOTICES = 3000;

// A word that only the notice added by `marker` contains, to tell two snapshots' results apart.
export const MARKER_WORD = '秸秆禁烧';

const PHRASES = [
  '经村民代表大会民主评议',
  '现将农村低保对象名单予以公示',
  '危房改造补助资金已拨付到户',
  '集体资产租赁合同按期履行',
  '脱贫户和监测户帮扶措施落实到位',
  '道路硬化工程完成验收',
  '医疗救助和临时救助按规定发放',
  '耕地地力保护补贴按面积核定',
  '债权债务清理工作稳步推进',
  '如有异议请向镇纪委反映',
];
const BOARDS = ['村务公开', '政务公开', '党务公开'];
const REGIONS = [ZHANGJIAPING, LIJIA, LANTIAN, HUANGXING];

function generatedNotice(index: number): FixtureNotice {
  // Twelve phrases per body in an order that varies with the index: about 150 characters.
  const body = Array.from({ length: 12 }, (_, step) => PHRASES[(index * 7 + step * 3) % PHRASES.length]).join('，');
  const month = String((index % 12) + 1).padStart(2, '0');

  return {
    id: `G${index}`,
    region: REGIONS[index % REGIONS.length]!,
    board: BOARDS[index % BOARDS.length]!,
    category: index % 5 === 0 ? '低保' : null,
    title: `第${index}号公示：${PHRASES[index % PHRASES.length]}`,
    format: 'text',
    body: `${body}。`,
    issuedOn: `2024-${month}-15`,
  };
}

export interface WorkerSnapshotOptions {
  version: number;
  /** Number of generated notices added to the search fixture's own, GENERATED_NOTICES by default. */
  notices?: number;
  /** Adds one notice that contains MARKER_WORD. */
  marker?: boolean;
}

/** Writes a snapshot with the meta entries a pointer install reads, and closes it. */
export function writeWorkerSnapshot(file: string, options: WorkerSnapshotOptions): void {
  const notices = Array.from({ length: options.notices ?? GENERATED_NOTICES }, (_, index) => generatedNotice(index));
  if (options.marker) {
    notices.push({
      id: 'MARKER',
      region: ZHANGJIAPING,
      board: '村务公开',
      category: null,
      title: `关于${MARKER_WORD}的通知`,
      format: 'text',
      body: `全村开展${MARKER_WORD}宣传。`,
      issuedOn: '2024-10-01',
    });
  }
  writeSearchSnapshot(file, notices);

  const db = new Database(file);
  try {
    const meta = db.prepare('INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)');
    meta.run(META_KEYS.version, String(options.version));
    meta.run(META_KEYS.createdAt, '2024-11-01T08:00:00.000Z');
    meta.run(META_KEYS.dataAsOf, '2024-10-31');
    meta.run(META_KEYS.householdCount, '0');
  } finally {
    db.close();
  }
}
