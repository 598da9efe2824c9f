// Complaint outcomes (投诉办理结果) and accountability notices (问责通报). Replies and notices
// have a published full text in documents/. No row or text carries anything about a
// complainant. A sanctioned official's name is a column that the publisher masks, and the full
// text names them only in masked form, because free text is published as written.
import { maskName } from '../../../../src-shared/mask.js';
import type { Random } from '../prng.js';
import type { RegionRow } from '../reference-data.js';
import { rangeYears, streamFor } from './context.js';
import type { BoardContext, Township } from './context.js';
import { addDays, drawDateInYear, isPast } from './dates.js';
import { drawCount, drawPersonName } from './parties.js';
import type { BoardFileWriter } from './rows.js';

interface ComplaintKind {
  category: string;
  issue: string;
  /** Findings by outcome: what the check found. */
  upheld: string;
  rejected: string;
  department: string;
}

const COMPLAINT_KINDS: readonly ComplaintKind[] = [
  {
    category: '低保评定',
    issue: '反映村里农村低保对象评定不公开、不公平',
    upheld: '经核查，该村有 2 户家庭收入超过低保标准仍在享受低保，已按程序停发并追回多发资金',
    rejected: '经核查，该村低保对象均经入户调查、民主评议和公示，程序符合规定，家庭收入均低于保障标准',
    department: '县民政局',
  },
  {
    category: '惠农补贴发放',
    issue: '反映耕地地力保护补贴发放面积与承包面积不一致',
    upheld: '经核查，因确权数据录入错误，少算补贴面积 1.2 亩，已补发差额',
    rejected: '经核查，补贴面积以确权登记面积为准，发放金额准确',
    department: '县农业农村局',
  },
  {
    category: '项目建设质量',
    issue: '反映村里新修的通组公路路面出现开裂',
    upheld: '经县交通运输局现场检测，部分路段混凝土厚度不足，已责令施工单位返工，并暂扣质量保证金',
    rejected: '经现场检测，路面厚度和强度符合设计要求，裂缝为正常的伸缩缝',
    department: '县交通运输局',
  },
  {
    category: '村务公开',
    issue: '反映村务公开栏长期不更新，村级财务收支没有按时公开',
    upheld: '经核查，该村第三季度财务未按时公开，已责令限期公开，并对村务监督委员会主任进行了提醒谈话',
    rejected: '经核查，该村按季度公开了财务收支，公开内容完整',
    department: '县农业农村局',
  },
  {
    category: '集体资金管理',
    issue: '反映村集体山塘发包未经村民代表会议讨论',
    upheld: '经核查，该山塘续包未召开村民代表会议，已责令重新履行民主程序，合同重新公开发包',
    rejected: '经核查，发包方案经村民代表会议表决通过，并进行了公示',
    department: '县农业农村局',
  },
  {
    category: '环境卫生',
    issue: '反映集镇垃圾收集点清运不及时',
    upheld: '经核查情况属实，已督促保洁公司增加清运频次，每天清运两次',
    rejected: '经核查，垃圾收集点每天按时清运，投诉时为节假日临时积压',
    department: '县城市管理和综合执法局',
  },
];

const OUTCOMES: readonly { value: string; weight: number }[] = [
  { value: '属实', weight: 30 },
  { value: '部分属实', weight: 25 },
  { value: '不属实', weight: 40 },
  { value: '其他', weight: 5 },
];

interface AccountabilityKind {
  category: string;
  problem: string;
  /** Whether the official works for a village or for the township. */
  scope: 'village' | 'township';
  position: string;
  sanctions: readonly string[];
}

const ACCOUNTABILITY_KINDS: readonly AccountabilityKind[] = [
  { category: '侵害群众利益', problem: '在低保评定中优亲厚友', scope: 'village', position: '党支部书记', sanctions: ['党内严重警告处分', '党内警告处分'] },
  { category: '虚报冒领', problem: '虚报冒领耕地地力保护补贴', scope: 'village', position: '村民委员会委员', sanctions: ['党内警告处分，并追缴违规所得', '政务记过处分'] },
  { category: '形式主义官僚主义', problem: '防止返贫监测排查走过场', scope: 'township', position: '驻村工作队队员', sanctions: ['诫勉谈话', '政务警告处分'] },
  { category: '违规使用资金', problem: '违规使用村级组织运转经费', scope: 'village', position: '报账员', sanctions: ['党内警告处分', '诫勉谈话'] },
  { category: '工程项目', problem: '对村道工程质量监管不力', scope: 'township', position: '农业综合服务中心负责人', sanctions: ['政务警告处分', '诫勉谈话'] },
];

export interface CaseWriters {
  complaints: BoardFileWriter;
  accountability: BoardFileWriter;
}

function drawRegion(random: Random, context: BoardContext, township: Township): RegionRow {
  const draw = random.next();
  if (draw < 0.1) return context.county;
  if (draw < 0.35) return township.region;
  return random.pick(township.villages);
}

export async function writeCases(context: BoardContext, writers: CaseWriters): Promise<void> {
  const serials = new Map<string, number>();
  const nextSerial = (key: string): number => {
    const serial = (serials.get(key) ?? 0) + 1;
    serials.set(key, serial);
    return serial;
  };

  for (const township of context.townships) {
    const random = streamFor(context, 'cases', township.region.code);
    for (const year of rangeYears(context)) {
      const complaints = drawCount(random, context.volumes.complaintsPerTownshipYear);
      for (let index = 0; index < complaints; index += 1) {
        await writeComplaint(context, random, township, year, () => nextSerial(`complaint-${year}`), writers.complaints);
      }
      const notices = drawCount(random, context.volumes.accountabilityPerTownshipYear);
      for (let index = 0; index < notices; index += 1) {
        await writeAccountability(context, random, township, year, () => nextSerial(`accountability-${year}`), writers.accountability);
      }
    }
  }
}

async function writeComplaint(
  context: BoardContext,
  random: Random,
  township: Township,
  year: number,
  nextSerial: () => number,
  writer: BoardFileWriter,
): Promise<void> {
  const kind = random.pick(COMPLAINT_KINDS);
  const region = drawRegion(random, context, township);
  const receivedOn = drawDateInYear(random, year);
  // Replies are due within 60 days of acceptance (信访工作条例).
  const repliedOn = addDays(receivedOn, random.int(15, 60));
  const publishedOn = addDays(repliedOn, random.int(3, 10));
  if (!isPast(context.calendar, publishedOn)) return;

  const outcome = random.weighted(OUTCOMES);
  const finding = outcome === '不属实' || outcome === '其他' ? kind.rejected : kind.upheld;
  const summary = `群众${kind.issue}。${finding}。`;
  const caseNumber = `${context.countyShort}信〔${year}〕${String(nextSerial()).padStart(4, '0')}号`;

  let textFile: string | undefined;
  if (random.chance(0.7)) {
    const name = `ts-${year}-${caseNumber.slice(-5, -1)}.md`;
    textFile = context.documents.add(
      name,
      [
        `# ${region.name}${kind.category}问题办理结果`,
        `信访件编号：${caseNumber}`,
        `## 反映的问题\n\n${year}年${Number(receivedOn.slice(5, 7))}月，群众${kind.issue}。`,
        `## 核查情况\n\n${kind.department}会同${township.region.name}人民政府组成核查组，调阅了有关档案和账目，走访了有关农户。${finding}。`,
        `## 核查结论\n\n反映的问题${outcome === '其他' ? '不属于本部门职责范围，已转交有关部门办理' : outcome}。`,
        '## 答复\n\n已于答复日期书面答复反映人。反映人对办理结果不服的，可以自收到答复之日起 30 日内向上一级机关申请复查。',
        `${kind.department}\n`,
      ].join('\n\n'),
    );
  }

  await writer.write({
    case_number: caseNumber,
    category: kind.category,
    region_code: region.code,
    received_on: receivedOn,
    outcome,
    outcome_summary: summary,
    replied_on: repliedOn,
    text_file: textFile,
    department: kind.department,
    published_on: publishedOn,
  });
}

async function writeAccountability(
  context: BoardContext,
  random: Random,
  township: Township,
  year: number,
  nextSerial: () => number,
  writer: BoardFileWriter,
): Promise<void> {
  const kind = random.pick(ACCOUNTABILITY_KINDS);
  let region: RegionRow = township.region;
  if (kind.scope === 'village') region = random.pick(township.villages);
  else if (random.chance(0.2)) region = context.county;
  const publishedOn = drawDateInYear(random, year);
  if (!isPast(context.calendar, publishedOn)) return;

  const serial = nextSerial();
  const noticeNumber = `${context.countyShort}纪通〔${year}〕${serial}号`;
  const personName = drawPersonName(random);
  const position = kind.scope === 'village' ? `${region.name}${kind.position}` : `${township.region.name}${kind.position}`;
  const sanction = random.pick(kind.sanctions);
  const title = `关于${position}${kind.problem}问题的通报`;
  const issuer = `中共${context.county.name}纪律检查委员会、${context.county.name}监察委员会`;

  const textFile = context.documents.add(
    `wz-${year}-${String(serial).padStart(3, '0')}.md`,
    [
      `# ${title}`,
      `${noticeNumber}`,
      `${year}年，${position}${maskName(personName)}${kind.problem}，违反了群众纪律和廉洁纪律。`,
      `经县纪委监委研究，决定给予${maskName(personName)}${sanction}。`,
      `## 警示\n\n${numbered(['各级党组织要切实担负起管党治党主体责任，紧盯惠民富民政策落实中的突出问题。', '广大党员干部要引以为戒，严守纪律规矩，不得在民生资金和项目上做手脚。', '欢迎群众通过信访、网络和本终端扫码等渠道反映身边的不正之风和腐败问题。'])}`,
      `${issuer}\n`,
    ].join('\n\n'),
  );

  await writer.write({
    notice_number: noticeNumber,
    region_code: region.code,
    title,
    issuer,
    published_on: publishedOn,
    category: kind.category,
    person_name: personName,
    person_position: position,
    sanction,
    text_file: textFile,
  });
}

function numbered(items: readonly string[]): string {
  return items.map((item, index) => `${index + 1}. ${item}`).join('\n');
}
