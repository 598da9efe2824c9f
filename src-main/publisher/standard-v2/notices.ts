// Township and village affairs (乡镇党务政务, 村务公开): notices and documents. Each notice's body
// is a Markdown or plain-text file and its attachments are PDF files, all in the documents/
// folder next to the CSV files. Bodies stay out of CSV cells because an Excel cell stores at most
// 32,767 characters and multi-line cells often break on export.
import type { FileSpecV2 } from './column-spec.js';

export const NOTICE_BOARDS = ['党务公开', '政务公开', '村务公开'] as const;

export const NOTICES_FILE: FileSpecV2 = {
  name: 'notices.csv',
  titleZh: '公告和文件',
  columns: [
    { name: 'notice_id', type: 'identifier', required: true, maxLength: 64, unique: true },
    { name: 'region_code', type: 'region_code', required: true, regionLevels: ['township', 'village'] },
    { name: 'board', type: 'enum', required: true, values: NOTICE_BOARDS },
    { name: 'category', type: 'text', required: false, maxLength: 50 },
    { name: 'title', type: 'text', required: true, maxLength: 200 },
    { name: 'issuer', type: 'text', required: true, maxLength: 100 },
    { name: 'issued_on', type: 'date', required: true },
    { name: 'body_file', type: 'file_name', required: true, extensions: ['.md', '.txt'], unique: true },
  ],
};

export const NOTICE_ATTACHMENTS_FILE: FileSpecV2 = {
  name: 'notice_attachments.csv',
  titleZh: '公告附件',
  columns: [
    { name: 'notice_id', type: 'identifier', required: true, maxLength: 64, references: 'notices.csv:notice_id' },
    { name: 'file_name', type: 'file_name', required: true, extensions: ['.pdf'] },
    { name: 'title', type: 'text', required: true, maxLength: 200 },
  ],
};
