// Livelihood projects (民生项目) with their procurement, contract, progress reports and
// acceptance. Each project follows one timeline: plan, tender, award, contract, work in
// progress reported every one or two months, completion and acceptance. A few projects stall
// (停工) and a few fail acceptance. Only events on or before the calendar's last day are written.
import { fenToYuanText } from '../../../../src-shared/money.js';
import type { Random } from '../prng.js';
import type { RegionRow } from '../reference-data.js';
import { rangeYears, streamFor } from './context.js';
import type { BoardContext } from './context.js';
import { addDays, clampToPast, drawDateInYear, isPast } from './dates.js';
import { drawSitePhoto } from './images.js';
import { committeeOf, drawCompanyName, drawCount, drawPersonName } from './parties.js';
import { ACCEPTANCE_DEFECTS, FUNDING_SOURCES, PROJECT_KINDS, STALL_REASONS } from './project-catalogue.js';
import type { ProjectKind } from './project-catalogue.js';
import type { BoardFileWriter, BoardRow } from './rows.js';

const STALL_SHARE = 0.05;
const FAILED_ACCEPTANCE_SHARE = 0.04;
// Township projects, per township and year, as a share of the village projects of the township.
const TOWNSHIP_PROJECT_FACTOR = 0.2;
// Share of the contract paid before acceptance and after it. The rest is the quality deposit.
const PAID_BEFORE_ACCEPTANCE = 0.8;
const PAID_AFTER_ACCEPTANCE = 0.97;

interface Procurement {
  method: string;
  tenderStart: string;
  tenderers: number;
  awardDate: string;
  supplierName: string;
  supplierKind: 'organization' | 'person';
  valueFen: number;
  signedOn: string;
}

function roundToHundredYuanFen(yuan: number): number {
  return Math.round(yuan / 100) * 100 * 100;
}

function drawKind(random: Random): ProjectKind {
  return random.weighted(PROJECT_KINDS.map((kind) => ({ value: kind, weight: kind.weight })));
}

/** Chooses the procurement procedure by budget, as county rules on thresholds usually do. */
function procurementMethod(random: Random, budgetFen: number): string | null {
  const yuan = budgetFen / 100;
  if (yuan >= 4_000_000) return '公开招标';
  if (yuan >= 1_000_000) return random.pick(['公开招标', '公开招标', '竞争性磋商']);
  if (yuan >= 200_000) return random.pick(['竞争性磋商', '询价', '竞争性谈判', '邀请招标']);
  return random.chance(0.6) ? random.pick(['询价', '单一来源']) : null;
}

function tendererCount(random: Random, method: string): number {
  if (method === '单一来源') return 1;
  if (method === '公开招标') return random.int(3, 12);
  return random.int(3, 5);
}

function drawProcurement(
  random: Random,
  context: BoardContext,
  kind: ProjectKind,
  method: string,
  budgetFen: number,
  year: number,
): Procurement {
  const tenderStart = drawDateInYear(random, year, 2, 9);
  // Open tenders stay open at least 20 days (招标投标法), and other procedures are quicker.
  const awardDate = addDays(tenderStart, method === '公开招标' ? random.int(20, 35) : random.int(7, 20));
  const personSupplier = kind.personSupplierPossible && budgetFen < 20_000_000 && random.chance(0.35);
  const places = ['湖南', '怀化', context.countyShort, context.countyShort];

  return {
    method,
    tenderStart,
    tenderers: tendererCount(random, method),
    awardDate,
    supplierName: personSupplier ? drawPersonName(random) : drawCompanyName(random, kind.trade, places),
    supplierKind: personSupplier ? 'person' : 'organization',
    valueFen: roundToHundredYuanFen((budgetFen / 100) * (0.88 + random.next() * 0.11)),
    signedOn: addDays(awardDate, random.int(3, 15)),
  };
}

interface Milestones {
  start: string;
  end: string;
  /** Set when work stops for good at this date and share of the work. */
  stall?: { date: string; percent: number; reason: string };
  acceptance?: { date: string; passed: boolean };
}

function drawMilestones(random: Random, kind: ProjectKind, start: string): Milestones {
  const end = addDays(start, random.int(kind.durationDays[0], kind.durationDays[1]));
  const fate = random.next();
  if (fate < STALL_SHARE) {
    const percent = random.int(15, 70);
    const days = Math.round((percent / 100) * (Date.parse(end) - Date.parse(start)) / 86_400_000);
    return { start, end, stall: { date: addDays(start, days), percent, reason: random.pick(STALL_REASONS) } };
  }
  const passed = fate >= STALL_SHARE + FAILED_ACCEPTANCE_SHARE;
  return { start, end, acceptance: { date: addDays(end, random.int(15, 60)), passed } };
}

interface Report {
  date: string;
  stage: string;
  percent: number;
  description: string;
}

/** Lists the progress reports of a project in date order, up to the calendar's last day. */
function drawReports(random: Random, context: BoardContext, kind: ProjectKind, milestones: Milestones): Report[] {
  const reports: Report[] = [];
  const past = (date: string): boolean => isPast(context.calendar, date);
  const { start, end, stall, acceptance } = milestones;

  const before = addDays(start, -random.int(5, 20));
  if (past(before)) reports.push({ date: before, stage: '未开工', percent: 0, description: '项目已完成前期工作，施工单位正在进场准备。' });

  const totalDays = Math.max(1, (Date.parse(end) - Date.parse(start)) / 86_400_000);
  const workEnd = stall ? stall.date : end;
  for (let date = addDays(start, random.int(20, 40)); date < workEnd && past(date); date = addDays(date, random.int(30, 60))) {
    const elapsed = (Date.parse(date) - Date.parse(start)) / 86_400_000;
    const percent = Math.min(95, Math.max(5, Math.round((100 * elapsed) / totalDays) + random.int(-5, 5)));
    const previous = reports[reports.length - 1]?.percent ?? 0;
    const works = `${random.pick(kind.works)}、${random.pick(kind.works)}`;
    reports.push({
      date,
      stage: '在建',
      percent: Math.max(previous, percent),
      description: `本期完成${works}等工作，累计完成工程量约${Math.max(previous, percent)}%，施工安全和质量情况正常。`,
    });
  }

  if (stall && past(stall.date)) {
    const percent = Math.max(stall.percent, reports[reports.length - 1]?.percent ?? 0);
    reports.push({ date: stall.date, stage: '停工', percent, description: `因${stall.reason}暂停施工，乡镇已督促有关单位制定复工计划。` });
    const later = addDays(stall.date, random.int(45, 90));
    if (past(later)) reports.push({ date: later, stage: '停工', percent, description: `${stall.reason}问题尚未解决，项目仍处于停工状态。` });
    return reports;
  }

  if (past(end)) reports.push({ date: end, stage: '完工', percent: 100, description: '工程已全部完工，施工单位已提交竣工资料，等待验收。' });
  if (acceptance && past(acceptance.date)) {
    reports.push(
      acceptance.passed
        ? { date: acceptance.date, stage: '已验收', percent: 100, description: `经${kind.department}组织验收，工程质量合格，已交付使用。` }
        : {
            date: acceptance.date,
            stage: '完工',
            percent: 100,
            description: `验收不合格：${random.pick(ACCEPTANCE_DEFECTS)}，已责令施工单位30日内整改后重新验收。`,
          },
    );
  }
  return reports;
}

function paidFen(valueFen: number, report: Report): number {
  const share = report.stage === '已验收' ? PAID_AFTER_ACCEPTANCE : (PAID_BEFORE_ACCEPTANCE * report.percent) / 100;
  return roundToHundredYuanFen((valueFen / 100) * share);
}

/** Facts about a project that the township's project plan notice lists. */
export interface ProjectSummary {
  townshipCode: string;
  year: number;
  name: string;
  category: string;
  budgetFen: number;
  fundingSource: string;
}

export interface ProjectWriters {
  projects: BoardFileWriter;
  progress: BoardFileWriter;
}

/** Writes the projects of one region (a village or a township) for every year of the range. */
async function writeRegionProjects(
  context: BoardContext,
  writers: ProjectWriters,
  region: RegionRow,
  township: RegionRow,
  meanPerYear: number,
  summaries: ProjectSummary[],
): Promise<void> {
  const random = streamFor(context, 'projects', region.code);
  const isVillage = region.level === 'village';

  for (const year of rangeYears(context)) {
    const count = drawCount(random, meanPerYear);
    for (let serial = 1; serial <= count; serial += 1) {
      const projectId = `XM-${region.code}-${year}-${String(serial).padStart(2, '0')}`;
      const kind = drawKind(random);
      // Villagers' groups (组) exist only in villages.
      const group = isVillage ? `${random.int(1, 12)}组` : '';
      const name = random.pick(kind.names).replace('{place}', region.name).replace('{group}组', group);
      const budgetFen = roundToHundredYuanFen(kind.budgetYuan[0] + random.next() * (kind.budgetYuan[1] - kind.budgetYuan[0]));
      const source = random.weighted(FUNDING_SOURCES.map((entry) => ({ value: entry, weight: entry.weight })));
      const fundingFen = random.chance(0.6) ? budgetFen : roundToHundredYuanFen((budgetFen / 100) * (0.6 + random.next() * 0.35));

      const method = source.procured ? procurementMethod(random, budgetFen) : null;
      const procurement = method ? drawProcurement(random, context, kind, method, budgetFen, year) : null;
      const plannedStart = procurement ? addDays(procurement.signedOn, random.int(3, 10)) : drawDateInYear(random, year, 3, 10);
      const milestones = drawMilestones(random, kind, plannedStart);
      const reports = drawReports(random, context, kind, milestones);
      const published = clampToPast(context.calendar, drawDateInYear(random, year, 1, 2));

      // A tender or award that lies after the last day has not happened yet.
      const awarded = procurement && isPast(context.calendar, procurement.signedOn) ? procurement : null;
      const tendered = procurement && isPast(context.calendar, procurement.tenderStart) ? procurement : null;
      const acceptance = milestones.acceptance && isPast(context.calendar, milestones.acceptance.date) ? milestones.acceptance : null;
      const valueFen = awarded?.valueFen ?? budgetFen;
      let acceptanceResult: string | undefined;
      if (acceptance) acceptanceResult = acceptance.passed ? '合格' : '不合格';

      const row: BoardRow = {
        project_id: projectId,
        name,
        region_code: region.code,
        category: kind.category,
        year: String(year),
        funding_source: source.name,
        funding_amount: fenToYuanText(fundingFen),
        planning_budget_amount: fenToYuanText(budgetFen),
        tender_procurement_method_details: tendered?.method,
        tender_period_start_date: tendered?.tenderStart,
        tender_number_of_tenderers: tendered && isPast(context.calendar, tendered.awardDate) ? String(tendered.tenderers) : undefined,
        award_date: awarded?.awardDate,
        award_supplier_name: awarded?.supplierName,
        award_supplier_kind: awarded?.supplierKind,
        award_value_amount: awarded ? fenToYuanText(awarded.valueFen) : undefined,
        contract_date_signed: awarded?.signedOn,
        contract_value_amount: awarded ? fenToYuanText(awarded.valueFen) : undefined,
        contract_period_start_date: awarded ? milestones.start : undefined,
        contract_period_end_date: awarded ? milestones.end : undefined,
        quality_standard: kind.qualityStandard,
        planned_start_date: milestones.start,
        planned_end_date: milestones.end,
        acceptance_result: acceptanceResult,
        acceptance_date: acceptance?.date,
        responsible_unit: isVillage ? committeeOf(region) : `${township.name}人民政府`,
        contact_name: drawPersonName(random),
        department: kind.department,
        published_on: published,
      };
      await writers.projects.write(row);
      summaries.push({ townshipCode: township.code, year, name, category: kind.category, budgetFen, fundingSource: source.name });

      for (const [index, report] of reports.entries()) {
        const reportId = `${projectId}-${String(index + 1).padStart(2, '0')}`;
        let photoFile: string | undefined;
        if (report.stage !== '未开工' && random.chance(context.volumes.photoShare)) {
          photoFile = context.documents.add(`${reportId}.png`, drawSitePhoto(random, kind.photo, report.percent));
        }
        await writers.progress.write({
          report_id: reportId,
          project_id: projectId,
          report_date: report.date,
          stage: report.stage,
          progress_percent: String(report.percent),
          amount_paid: report.stage === '未开工' ? undefined : fenToYuanText(paidFen(valueFen, report)),
          description: report.description,
          photo_file: photoFile,
          department: kind.department,
          published_on: clampToPast(context.calendar, addDays(report.date, random.int(1, 7))),
        });
      }
    }
  }
}

/** Writes the projects of every township and village and returns their summaries. */
export async function writeProjects(context: BoardContext, writers: ProjectWriters): Promise<ProjectSummary[]> {
  const perVillage = context.volumes.projectsPerVillageYear;
  const summaries: ProjectSummary[] = [];
  for (const township of context.townships) {
    const townshipMean = perVillage * township.villages.length * TOWNSHIP_PROJECT_FACTOR;
    await writeRegionProjects(context, writers, township.region, township.region, townshipMean, summaries);
    for (const village of township.villages) {
      await writeRegionProjects(context, writers, village, township.region, perVillage, summaries);
    }
  }
  return summaries;
}
