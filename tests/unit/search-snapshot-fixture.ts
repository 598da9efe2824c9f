// A small format-3 snapshot with the searchable boards filled in, for the snapshot search tests.
// County 431226 has townships 黄兴镇 (villages 张家坪村, 李家村) and 蓝田镇 (village 蓝田村).
// All names, numbers and texts are made up.
import { createSnapshotWriter } from '../helpers/snapshot-writer.js';
import { META_KEYS, SNAPSHOT_FORMAT } from '../../src-main/core/snapshot/schema.js';

export const COUNTY = '431226';
export const HUANGXING = '431226101';
export const ZHANGJIAPING = '431226101201';
export const LIJIA = '431226101202';
export const LANTIAN_TOWNSHIP = '431226102';
export const LANTIAN = '431226102201';

export const NOTICE_WITH_MARKDOWN = `# 张家坪村2024年农村低保公示

根据《社会救助暂行办法》，经村民代表大会评议，本村共有**低保户**36户，[名单附件](list.pdf)如下：

| 户主 | 人数 | 月保障金 |
| --- | --- | --- |
| 李*明 | 3 | 300元 |

> 公示期间如有异议，请向村委会反映。

![公示现场照片](notice-photo.png)
`;

// About 600 characters before the first 低保 of the body, so the snippet has to move.
export const LONG_BODY = `${'村道硬化工程按计划推进，各组村民积极参与义务投工投劳。'.repeat(22)}本月另行公布低保名单。`;

export interface FixtureNotice {
  id: string;
  region: string;
  board: string;
  category: string | null;
  title: string;
  format: 'markdown' | 'text';
  body: string;
  issuedOn: string;
}

export const NOTICES: FixtureNotice[] = [
  {
    id: 'N1',
    region: ZHANGJIAPING,
    board: '村务公开',
    category: '低保',
    title: '关于2024年农村低保资金发放情况的公示',
    format: 'markdown',
    body: NOTICE_WITH_MARKDOWN,
    issuedOn: '2024-06-01',
  },
  {
    id: 'N2',
    region: LIJIA,
    board: '村务公开',
    category: '危房改造',
    title: '危房改造补助对象公示',
    format: 'text',
    body: '经审核，李家村王*华等三户列入2024年农村危房改造补助对象。',
    issuedOn: '2024-05-10',
  },
  {
    id: 'N3',
    region: HUANGXING,
    board: '政务公开',
    category: '社会救助',
    title: '黄兴镇2024年低保标准调整通知',
    format: 'text',
    body: '自2024年7月起，全镇农村低保标准提高到每人每月450元。',
    issuedOn: '2024-06-20',
  },
  {
    id: 'N4',
    region: LANTIAN,
    board: '村务公开',
    category: '低保',
    title: '蓝田村低保公示',
    format: 'text',
    body: '蓝田村本季度新增低保户两户。',
    issuedOn: '2024-04-02',
  },
  {
    id: 'N5',
    region: COUNTY,
    board: '政务公开',
    category: null,
    title: '全县危房改造工作部署会召开',
    format: 'text',
    body: '会议要求各乡镇年底前完成危房改造任务。',
    issuedOn: '2024-03-15',
  },
  {
    id: 'N6',
    region: ZHANGJIAPING,
    board: '村务公开',
    category: '村级工程',
    title: '村道硬化工程进展',
    format: 'text',
    body: LONG_BODY,
    issuedOn: '2024-07-01',
  },
  {
    id: 'N7',
    region: ZHANGJIAPING,
    board: '党务公开',
    category: null,
    title: '张家坪村党员大会决议',
    format: 'text',
    body: '大会讨论了低保评议和集体资产租赁事项。',
    issuedOn: '2024-07-05',
  },
];

/** Writes the fixture snapshot to file and closes it. */
export function writeSearchSnapshot(file: string, extraNotices: readonly FixtureNotice[] = []): void {
  const { db, meta } = createSnapshotWriter(file);
  const region = db.prepare('INSERT INTO regions (code, name, parent_code, level, initials) VALUES (?, ?, ?, ?, ?)');
  const notice = db.prepare(
    `INSERT INTO notices (notice_id, region_code, board, category, title, issuer, issued_on, body_format, body)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );

  db.transaction(() => {
    meta.run(META_KEYS.format, String(SNAPSHOT_FORMAT));
    meta.run(META_KEYS.version, '7');
    meta.run(META_KEYS.regionCode, COUNTY);
    meta.run(META_KEYS.regionName, '湖南省怀化市示例县');

    region.run(COUNTY, '示例县', null, 'county', 'slx');
    region.run(HUANGXING, '黄兴镇', COUNTY, 'township', 'hxz');
    region.run(ZHANGJIAPING, '张家坪村', HUANGXING, 'village', 'zjpc');
    region.run(LIJIA, '李家村', HUANGXING, 'village', 'ljc');
    region.run(LANTIAN_TOWNSHIP, '蓝田镇', COUNTY, 'township', 'ltz');
    region.run(LANTIAN, '蓝田村', LANTIAN_TOWNSHIP, 'village', 'ltc');

    for (const entry of [...NOTICES, ...extraNotices]) {
      const issuer = `${entry.region === COUNTY ? '示例县人民政府' : '村民委员会'}`;
      notice.run(entry.id, entry.region, entry.board, entry.category, entry.title, issuer, entry.issuedOn, entry.format, entry.body);
    }

    db.prepare(
      `INSERT INTO projects (project_id, name, region_code, category, year, funding_source, funding_amount_fen,
         planning_budget_amount_fen, award_supplier_name, quality_standard, planned_start_date, planned_end_date,
         responsible_unit, department, published_on)
       VALUES ('P1', '张家坪村危房改造项目', ?, '危房改造', 2024, '中央财政衔接推进乡村振兴补助资金', 120000000,
         118000000, '湖南建工集团有限公司', '符合农村危房改造抗震安全基本要求', '2024-03-01', '2024-10-31',
         '黄兴镇人民政府', '县住房和城乡建设局', '2024-02-20')`,
    ).run(ZHANGJIAPING);
    const progress = db.prepare(
      `INSERT INTO project_progress (report_id, project_id, report_date, stage, progress_percent, description, department, published_on)
       VALUES (?, 'P1', ?, ?, ?, ?, '县住房和城乡建设局', ?)`,
    );
    progress.run('R1', '2024-05-01', '施工', 40, '完成主体结构，屋面瓦片进场。', '2024-05-02');
    progress.run('R2', '2024-08-01', '施工', 90, '外墙粉刷完成，准备竣工验收。', '2024-08-02');

    db.prepare(
      `INSERT INTO complaint_outcomes (case_number, category, region_code, received_on, outcome, outcome_summary,
         replied_on, text_format, text, department, published_on)
       VALUES ('TS2024-0012', '低保', ?, '2024-04-01', '已办结', '群众反映低保评议不公开的问题已整改', '2024-04-20',
         'markdown', '经核查，张家坪村**低保评议**未张贴公示。已责令村委会重新公示。', '县纪委监委', '2024-04-21')`,
    ).run(ZHANGJIAPING);

    db.prepare(
      `INSERT INTO accountability_notices (notice_number, region_code, title, issuer, published_on, category,
         person_name, person_position, sanction, text_format, text)
       VALUES ('WZ2024-3', ?, '关于李某某违规办理低保问题的通报', '示例县纪委监委', '2024-05-30', '违规办理低保',
         '李某某', '原村委会委员', '党内警告', 'text', '李某某利用职务便利为不符合条件的亲属办理低保，受到党内警告处分。')`,
    ).run(COUNTY);
  })();

  db.close();
}
