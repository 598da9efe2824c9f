// Writes the 14 files of data standard version 2 and the documents/ folder for the demo county,
// next to the version 1 files. Poverty alleviation and fund allocation take the households and
// payments as generateDemoData draws them. The other boards draw from their own random streams,
// so the version 1 files stay the same whatever the scale.
import { rm } from 'node:fs/promises';
import path from 'node:path';
import { ACCOUNTABILITY_NOTICES_FILE, COMPLAINT_OUTCOMES_FILE } from '../../standard-v2/accountability.js';
import { FUND_ALLOCATIONS_FILE } from '../../standard-v2/fund-allocations.js';
import { DOCUMENTS_FOLDER, V2_FILE_SPECS } from '../../standard-v2/index.js';
import { NOTICE_ATTACHMENTS_FILE, NOTICES_FILE } from '../../standard-v2/notices.js';
import { POVERTY_HOUSEHOLDS_FILE, POVERTY_MEASURES_FILE } from '../../standard-v2/poverty-alleviation.js';
import { PROJECT_PROGRESS_FILE, PROJECTS_FILE } from '../../standard-v2/projects.js';
import { REPORT_PROGRESS_FILE } from '../../standard-v2/report-progress.js';
import {
  ASSET_CONTRACTS_FILE,
  COLLECTIVE_ASSETS_FILE,
  FINANCE_BALANCES_FILE,
  FINANCE_ENTRIES_FILE,
} from '../../standard-v2/village-finance.js';
import type { CountyGeography } from '../geography.js';
import type { Household } from '../household.js';
import type { PaymentRow } from '../payments.js';
import type { SubsidyItem } from '../reference-data.js';
import { writeCases } from './cases.js';
import { makeBoardContext } from './context.js';
import type { BoardContext } from './context.js';
import { makeBoardCalendar } from './dates.js';
import { DocumentFolder } from './documents.js';
import { writeFinanceAssets } from './finance-assets.js';
import { LedgerWriter } from './finance-ledger.js';
import { FundAllocationCollector } from './fund-allocations.js';
import { NoticeGenerator } from './notices.js';
import { PovertyCollector } from './poverty.js';
import { writeProjects } from './projects.js';
import { writeReportProgress } from './report-progress.js';
import { BoardFileWriter } from './rows.js';
import { BOARD_VOLUMES } from './scale.js';
import type { BoardScale } from './scale.js';

export interface BoardsOptions {
  scale: Exclude<BoardScale, 'none'>;
  seed: number;
  yearFrom: number;
  yearTo: number;
  outDir: string;
}

/** Rows written per file name, and the documents folder's size. */
export interface BoardsSummary {
  scale: BoardScale;
  rows: Record<string, number>;
  documents: number;
  documentBytes: number;
}

export class BoardsGenerator {
  private readonly context: BoardContext;
  private readonly allocations: FundAllocationCollector;
  private readonly poverty: PovertyCollector;

  constructor(
    geography: CountyGeography,
    items: readonly SubsidyItem[],
    private readonly options: BoardsOptions,
    today: Date,
  ) {
    this.context = makeBoardContext(geography, {
      seed: options.seed,
      calendar: makeBoardCalendar(options.yearFrom, options.yearTo, today),
      volumes: BOARD_VOLUMES[options.scale],
      documents: new DocumentFolder(),
    });
    this.allocations = new FundAllocationCollector(items);
    this.poverty = new PovertyCollector(this.context);
  }

  /** Takes one generated household and its payments, in the order they are written. */
  addHousehold(household: Household, payments: readonly PaymentRow[]): void {
    this.allocations.addHousehold(household, payments);
    this.poverty.addHousehold(household);
  }

  /** Writes every file. On failure it removes the partial files and rethrows. */
  async write(): Promise<BoardsSummary> {
    const outDir = this.options.outDir;
    const open = (spec: ConstructorParameters<typeof BoardFileWriter>[1]): BoardFileWriter => {
      const writer = new BoardFileWriter(outDir, spec);
      writers.push(writer);
      return writer;
    };
    const writers: BoardFileWriter[] = [];

    try {
      // 1. Projects first: township notices list them.
      const projects = open(PROJECTS_FILE);
      const progress = open(PROJECT_PROGRESS_FILE);
      const summaries = await writeProjects(this.context, { projects, progress });

      // 2. Boards built from the households and payments.
      await this.allocations.write(this.context, open(FUND_ALLOCATIONS_FILE));
      await this.poverty.write(open(POVERTY_HOUSEHOLDS_FILE), open(POVERTY_MEASURES_FILE));

      // 3. Village finances. The ledger's quarterly totals feed the finance notices.
      const ledger = new LedgerWriter(this.context, open(FINANCE_ENTRIES_FILE));
      await ledger.writeAll();
      await writeFinanceAssets(this.context, {
        balances: open(FINANCE_BALANCES_FILE),
        assets: open(COLLECTIVE_ASSETS_FILE),
        contracts: open(ASSET_CONTRACTS_FILE),
      });

      // 4. Notices, complaints and accountability, with their documents.
      await new NoticeGenerator(this.context, { notices: open(NOTICES_FILE), attachments: open(NOTICE_ATTACHMENTS_FILE) }, summaries, ledger.totals).writeAll();
      await writeCases(this.context, { complaints: open(COMPLAINT_OUTCOMES_FILE), accountability: open(ACCOUNTABILITY_NOTICES_FILE) });

      // 5. Progress of reports filed at kiosks, for 查进度.
      await writeReportProgress(this.context, open(REPORT_PROGRESS_FILE));

      // The standard rejects a file with a header and no rows, so an empty board is not delivered.
      await this.context.documents.write(outDir);
      for (const writer of writers) {
        if (writer.rowCount > 0) await writer.finish();
        else await writer.discardAndRemove();
      }
    } catch (error) {
      await Promise.all(writers.map((writer) => writer.discard()));
      throw error;
    }

    return {
      scale: this.options.scale,
      rows: Object.fromEntries(writers.map((writer) => [writer.spec.name, writer.rowCount])),
      documents: this.context.documents.count,
      documentBytes: this.context.documents.totalBytes,
    };
  }
}

/**
 * Removes version 2 files and documents/ left by an earlier run, so a run without boards does
 * not leave boards that refer to households it no longer writes.
 */
export async function removeBoardFiles(outDir: string): Promise<void> {
  const names = [...V2_FILE_SPECS.map((spec) => spec.name), DOCUMENTS_FOLDER];
  await Promise.all(names.map((name) => rm(path.join(outDir, name), { recursive: true, force: true })));
}
