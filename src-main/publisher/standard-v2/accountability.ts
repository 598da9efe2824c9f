// Complaint outcomes (投诉办理结果) and accountability notices (问责通报). The complainant is
// never part of the data: no column carries their name, ID number or phone number.
import type { FileSpecV2 } from './column-spec.js';

export const COMPLAINT_OUTCOMES = ['属实', '部分属实', '不属实', '其他'] as const;

export const COMPLAINT_OUTCOMES_FILE: FileSpecV2 = {
  name: 'complaint_outcomes.csv',
  titleZh: '投诉办理结果',
  columns: [
    { name: 'case_number', type: 'text', required: true, maxLength: 64, unique: true },
    { name: 'category', type: 'text', required: true, maxLength: 50 },
    { name: 'region_code', type: 'region_code', required: true, regionLevels: ['county', 'township', 'village'] },
    { name: 'received_on', type: 'date', required: true },
    { name: 'outcome', type: 'enum', required: true, values: COMPLAINT_OUTCOMES },
    { name: 'outcome_summary', type: 'text', required: true, maxLength: 500 },
    { name: 'replied_on', type: 'date', required: true },
    { name: 'text_file', type: 'file_name', required: false, extensions: ['.md', '.txt'] },
    { name: 'department', type: 'text', required: true, maxLength: 100 },
    { name: 'published_on', type: 'date', required: true },
  ],
};

export const ACCOUNTABILITY_NOTICES_FILE: FileSpecV2 = {
  name: 'accountability_notices.csv',
  titleZh: '问责通报',
  columns: [
    { name: 'notice_number', type: 'text', required: true, maxLength: 64, unique: true },
    { name: 'region_code', type: 'region_code', required: true, regionLevels: ['county', 'township', 'village'] },
    { name: 'title', type: 'text', required: true, maxLength: 200 },
    { name: 'issuer', type: 'text', required: true, maxLength: 100 },
    { name: 'published_on', type: 'date', required: true },
    { name: 'category', type: 'text', required: true, maxLength: 50 },
    { name: 'person_name', type: 'text', required: false, maxLength: 50, personal: { masking: 'mask_name' } },
    { name: 'person_position', type: 'text', required: false, maxLength: 100 },
    { name: 'sanction', type: 'text', required: false, maxLength: 100 },
    { name: 'text_file', type: 'file_name', required: true, extensions: ['.md', '.txt'] },
  ],
};
