// Progress of reports filed at kiosks (举报办理进度), exported from the discipline commission's case
// system. A villager types the case number from the receipt into 查进度 and sees the stage and the
// published reply. The file carries nothing about the reporter: no column names them, and the
// reply is free text checked for ID, phone and card numbers like every other text column.
import { CASE_STAGES } from '../../../src-shared/reports-api.js';
import type { CaseStage } from '../../../src-shared/reports-api.js';
import { SOURCE_COLUMNS } from './column-spec.js';
import type { FileSpecV2 } from './column-spec.js';

/** Stages at which the commission has replied, so the row must carry the reply. */
export const REPLY_STAGES: readonly CaseStage[] = ['replied', 'closed'];

// The stage codes are the kiosk API's (CASE_STAGES), which the snapshot's CHECK constraint also
// lists; screens translate them (已受理, 调查核实中, 已答复, 已办结).
export const REPORT_PROGRESS_FILE: FileSpecV2 = {
  name: 'report_progress.csv',
  titleZh: '举报办理进度',
  columns: [
    { name: 'case_number', type: 'case_number', required: true, unique: true },
    { name: 'stage', type: 'enum', required: true, values: CASE_STAGES },
    { name: 'updated_on', type: 'date', required: true },
    { name: 'reply', type: 'text', required: false, maxLength: 1000 },
    ...SOURCE_COLUMNS,
  ],
};
