// Notices and documents of the township and village boards. Each notice's Markdown body is a
// file in documents/, some bodies embed a chart or the office mark as PNG, and some notices
// carry a PDF attachment. Village finance notices report the ledger's own quarterly totals.
import type { Random } from '../prng.js';
import type { RegionRow } from '../reference-data.js';
import { rangeYears, streamFor } from './context.js';
import type { BoardContext, Township } from './context.js';
import { drawDateInYear, isPast } from './dates.js';
import type { LedgerTotals } from './finance-ledger.js';
import { drawIncomeExpenditureChart, drawOfficeMark } from './images.js';
import { FINANCE_TEMPLATE, TOWNSHIP_TEMPLATES, VILLAGE_PARTY_TEMPLATE, VILLAGE_TEMPLATES } from './notice-texts.js';
import type { NoticeText, VillageSubject } from './notice-texts.js';
import { committeeOf, drawCount } from './parties.js';
import { buildTextPdf } from './pdf.js';
import type { ProjectSummary } from './projects.js';
import type { BoardFileWriter } from './rows.js';

export const OFFICE_MARK_FILE = 'office-mark.png';
const OFFICE_MARK_SHARE = 0.3;
const CHART_SHARE = 0.6;
const QUARTER_LABELS = ['第一季度', '第二季度', '第三季度', '第四季度'];

export interface NoticeWriters {
  notices: BoardFileWriter;
  attachments: BoardFileWriter;
}

function chineseDate(date: string): string {
  return `${Number(date.slice(0, 4))}年${Number(date.slice(5, 7))}月${Number(date.slice(8, 10))}日`;
}

export class NoticeGenerator {
  constructor(
    private readonly context: BoardContext,
    private readonly writers: NoticeWriters,
    private readonly projects: readonly ProjectSummary[],
    private readonly ledger: LedgerTotals,
  ) {}

  async writeAll(): Promise<void> {
    for (const township of this.context.townships) {
      await this.writeTownship(township);
      for (const village of township.villages) await this.writeVillage(township, village);
    }
  }

  private async writeTownship(township: Township): Promise<void> {
    const random = streamFor(this.context, 'notices', township.region.code);
    let serial = 0;
    for (const year of rangeYears(this.context)) {
      const projects = this.projects.filter((project) => project.townshipCode === township.region.code && project.year === year);
      const count = drawCount(random, this.context.volumes.noticesPerTownshipYear) + (projects.length > 0 ? 1 : 0);
      for (let index = 0; index < count; index += 1) {
        const template = index === 0 && projects.length > 0 ? TOWNSHIP_TEMPLATES[0]! : random.pick(TOWNSHIP_TEMPLATES.slice(1));
        const text = template(random, {
          year,
          place: township.region.name,
          township: township.region.name,
          county: this.context.county.name,
          projects,
        });
        const issuer = text.board === '党务公开' ? `中共${township.region.name}委员会` : `${township.region.name}人民政府`;
        // Project plans are published early in the year, before the tenders.
        const issuedOn = drawDateInYear(random, year, 1, index === 0 && projects.length > 0 ? 2 : 12);
        if (isPast(this.context.calendar, issuedOn)) {
          serial += 1;
          await this.writeNotice(random, township.region, serial, year, issuer, issuedOn, text);
        }
      }
    }
  }

  private async writeVillage(township: Township, village: RegionRow): Promise<void> {
    const random = streamFor(this.context, 'notices', village.code);
    const committee = committeeOf(village);
    let serial = 0;
    for (const year of rangeYears(this.context)) {
      const count = drawCount(random, this.context.volumes.noticesPerVillageYear);
      for (let index = 0; index < count; index += 1) {
        const subject: VillageSubject = {
          year,
          place: village.name,
          township: township.region.name,
          county: this.context.county.name,
          projects: [],
          committee,
        };
        const choice = random.next();
        let text: NoticeText;
        let issuedOn = drawDateInYear(random, year);
        if (choice < 0.4 && this.ledger.get(village.code)) {
          const finance = this.financeSubject(random, subject, village, year);
          if (!finance) continue;
          text = FINANCE_TEMPLATE(random, finance.subject);
          issuedOn = finance.issuedOn;
        } else if (choice < 0.85) {
          text = random.pick(VILLAGE_TEMPLATES)(random, subject);
        } else {
          text = VILLAGE_PARTY_TEMPLATE(random, subject);
        }

        const issuer = text.board === '党务公开' ? `中共${village.name}支部委员会` : committee;
        if (!isPast(this.context.calendar, issuedOn)) continue;
        serial += 1;
        await this.writeNotice(random, village, serial, year, issuer, issuedOn, text);
      }
    }
  }

  /** Picks a quarter of the year with ledger totals and draws its chart. Returns null when there is none. */
  private financeSubject(random: Random, subject: VillageSubject, village: RegionRow, year: number): { subject: VillageSubject; issuedOn: string } | null {
    const byQuarter = this.ledger.get(village.code)!;
    const quarters = [1, 2, 3, 4].filter((quarter) => byQuarter.has(`${year}-Q${quarter}`));
    if (quarters.length === 0) return null;

    const quarter = random.pick(quarters);
    const totals = byQuarter.get(`${year}-Q${quarter}`)!;
    // The notice follows the quarter, in the first weeks of the next one.
    const issuedOn = quarter === 4 ? drawDateInYear(random, year + 1, 1, 1) : drawDateInYear(random, year, quarter * 3 + 1, quarter * 3 + 1);
    if (!isPast(this.context.calendar, issuedOn)) return null;

    let chartFile: string | undefined;
    const name = `cw-${village.code}-${year}Q${quarter}.png`;
    if (random.chance(CHART_SHARE) && !this.context.documents.has(name)) {
      const pairs = quarters.map((each) => {
        const entry = byQuarter.get(`${year}-Q${each}`)!;
        return [entry.incomeFen, entry.expenditureFen] as const;
      });
      chartFile = this.context.documents.add(name, drawIncomeExpenditureChart(pairs));
    }

    const label = `${year}年${QUARTER_LABELS[quarter - 1]}`;
    return {
      subject: { ...subject, chartFile, quarter: { label, incomeFen: totals.incomeFen, expenditureFen: totals.expenditureFen, byCategory: totals.byCategory } },
      issuedOn,
    };
  }

  private async writeNotice(random: Random, region: RegionRow, serial: number, year: number, issuer: string, issuedOn: string, text: NoticeText): Promise<void> {
    const noticeId = `GG-${region.code}-${year}-${String(serial).padStart(3, '0')}`;
    const documents = this.context.documents;

    let mark = '';
    if (random.chance(OFFICE_MARK_SHARE)) {
      if (!documents.has(OFFICE_MARK_FILE)) documents.add(OFFICE_MARK_FILE, drawOfficeMark());
      mark = `\n\n![${issuer}印章](${OFFICE_MARK_FILE})`;
    }
    const body = `# ${text.title}\n\n${text.body}\n\n${issuer}${mark}\n\n${chineseDate(issuedOn)}\n`;
    const bodyFile = documents.add(`${noticeId}.md`, body);

    await this.writers.notices.write({
      notice_id: noticeId,
      region_code: region.code,
      board: text.board,
      category: text.category,
      title: text.title,
      issuer,
      issued_on: issuedOn,
      body_file: bodyFile,
    });

    if (text.attachment) {
      // The issuer and date close the attachment, separated by an ideographic space.
      const closing = `${issuer}\u3000${chineseDate(issuedOn)}`;
      const fileName = documents.add(`${noticeId}-1.pdf`, buildTextPdf(text.attachment.title, [...text.attachment.paragraphs, closing]));
      await this.writers.attachments.write({ notice_id: noticeId, file_name: fileName, title: `附件：${text.attachment.title}` });
    }
  }
}
