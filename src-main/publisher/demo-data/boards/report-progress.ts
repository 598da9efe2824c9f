// Progress of reports filed at the county's kiosks (report_progress.csv), as the discipline
// commission's case system would export it on publishing day. Each case is at one stage, and the
// stage fits the case's age: a case received last week is not yet closed, but one filed two
// years ago is. Replies describe the finding in plain words and carry nothing about the reporter.
import { makeCaseNumber } from '../../../../src-shared/case-number.js';
import type { CaseStage } from '../../../../src-shared/reports-api.js';
import type { Random } from '../prng.js';
import { streamFor } from './context.js';
import type { BoardContext } from './context.js';
import { addDays, clampToPast, isoDate } from './dates.js';
import type { BoardFileWriter } from './rows.js';

interface ReplyKind {
  /** Finding of the check, as the reply states it. */
  finding: string;
  /** Action taken on the finding. */
  action: string;
}

const REPLY_KINDS: readonly ReplyKind[] = [
  {
    finding: '经核查，反映的耕地地力保护补贴少发问题属实，原因是确权面积录入有误',
    action: '乡镇财政所已补发差额，并重新核对了全村的补贴面积',
  },
  {
    finding: '经核查，反映的低保金停发问题属实，原因是年度复核时漏报了家庭收入变化材料',
    action: '县民政局已恢复发放，并补发停发期间的低保金',
  },
  {
    finding: '经核查，反映的养老金金额有误问题不属实，发放金额与缴费档次和缴费年限相符',
    action: '已向反映人当面解释计发办法',
  },
  {
    finding: '经核查，反映的村道工程款公示不完整问题部分属实，第二期支出未按时公开',
    action: '已责令村委会限期补充公示，并对村务监督委员会进行了提醒',
  },
  {
    finding: '经核查，反映的危房改造补助被截留问题不属实，补助资金已全额发放到户',
    action: '已将银行发放记录向反映人出示',
  },
  {
    finding: '经核查，反映的村干部优亲厚友问题属实，一户不符合条件的家庭被纳入了临时救助',
    action: '已追回救助资金，并按规定对有关村干部作出处理',
  },
];

const REPLIED_ENDING = '如对答复有异议，可自收到答复之日起 30 日内申请复查。';
const CLOSED_ENDING = '本案已办结。';

// Days from filing that each stage begins, by the commission's usual pace: accepted within a
// week, investigated within two months, replied to within about three.
const ACCEPT_DAYS = [1, 5] as const;
const INVESTIGATE_DAYS = [6, 20] as const;
const REPLY_DAYS = [30, 75] as const;
const CLOSE_DAYS = [10, 40] as const;

// Stages by share of the cases, and the age in days since filing that fits each.
const STAGE_CHOICES: ReadonlyArray<{ value: { stage: CaseStage; minAge: number; maxAge: number }; weight: number }> = [
  { value: { stage: 'received', minAge: 1, maxAge: 5 }, weight: 20 },
  { value: { stage: 'investigating', minAge: 21, maxAge: 75 }, weight: 25 },
  { value: { stage: 'replied', minAge: 80, maxAge: 150 }, weight: 25 },
  { value: { stage: 'closed', minAge: 160, maxAge: 1400 }, weight: 30 },
];

/** Writes the demo cases; the writer counts the rows. */
export async function writeReportProgress(context: BoardContext, writer: BoardFileWriter): Promise<void> {
  const random = streamFor(context, 'report-progress', context.county.code);
  const department = `${context.countyShort}县纪委监委`;
  const rangeStart = isoDate(context.calendar.yearFrom, 1, 1);
  const count = context.volumes.reportCases;
  const used = new Set<string>();

  for (let index = 0; index < count; index += 1) {
    const { stage, minAge, maxAge } = random.weighted(STAGE_CHOICES);
    const filedOn = addDays(context.calendar.lastDay, -random.int(minAge, maxAge));
    if (filedOn < rangeStart) continue;

    const caseNumber = drawCaseNumber(random, filedOn, used);
    // A case received in the last days may be accepted on publishing day at the latest.
    const updatedOn = clampToPast(context.calendar, stageDate(random, filedOn, stage));
    const publishedOn = clampToPast(context.calendar, addDays(updatedOn, random.int(1, 7)));

    await writer.write({
      case_number: caseNumber,
      stage,
      updated_on: updatedOn,
      reply: replyFor(random, stage),
      department,
      published_on: publishedOn,
    });
  }
}

/** Draws an unused case number for a report filed on `filedOn`, as the terminal makes it. */
function drawCaseNumber(random: Random, filedOn: string, used: Set<string>): string {
  const [year, month, day] = filedOn.split('-').map(Number) as [number, number, number];
  // The terminal uses its local date; a local Date with the same fields gives the same digits.
  const filed = new Date(year, month - 1, day);

  let caseNumber = makeCaseNumber(filed, () => random.int(0, 9));
  while (used.has(caseNumber)) caseNumber = makeCaseNumber(filed, () => random.int(0, 9));
  used.add(caseNumber);
  return caseNumber;
}

/** Returns the date the case entered `stage`, counted from filing. */
function stageDate(random: Random, filedOn: string, stage: CaseStage): string {
  const accepted = addDays(filedOn, random.int(...ACCEPT_DAYS));
  if (stage === 'received') return accepted;

  const investigating = addDays(filedOn, random.int(...INVESTIGATE_DAYS));
  if (stage === 'investigating') return investigating;

  const replied = addDays(filedOn, random.int(...REPLY_DAYS));
  if (stage === 'replied') return replied;

  return addDays(replied, random.int(...CLOSE_DAYS));
}

function replyFor(random: Random, stage: CaseStage): string | undefined {
  if (stage === 'received' || stage === 'investigating') return undefined;

  const kind = random.pick(REPLY_KINDS);
  const ending = stage === 'closed' ? CLOSED_ENDING : REPLIED_ENDING;
  return `${kind.finding}。${kind.action}。${ending}`;
}
