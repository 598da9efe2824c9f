// Issue output of a delivery: values, file names and parameters reach the terminal and the
// --errors-out CSV with every control character shown as an escape, never as the raw byte.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeErrorReport } from '../../src-main/publisher/error-report.js';
import { displayValue, escapeControls, formatIssueLine } from '../../src-main/publisher/issues.js';
import { translatorFor } from '../../src-shared/messages/translator.js';
import { makeTempDir } from '../helpers/temp.js';
import { validateChanged } from './validate-v2-check.js';

// eslint-disable-next-line no-control-regex
const RAW_CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202e]/;

describe('issue output escapes', () => {
  it('escapes C0, DEL, C1 and format characters', () => {
    expect(escapeControls('a\u001b[2Jb')).toBe('a\\u001b[2Jb');
    expect(escapeControls('ok\u0007')).toBe('ok\\u0007');
    expect(escapeControls('x\u007fy\u009bz')).toBe('x\\u007fy\\u009bz');
    expect(escapeControls('甲\t乙\n丙\r')).toBe('甲\\t乙\\n丙\\r');
    expect(escapeControls('鱼塘\u202e承包费')).toBe('鱼塘\\u202e承包费');
    expect(escapeControls('普通文字 123')).toBe('普通文字 123');
  });

  it('escapes a masked name', () => {
    expect(displayValue('head_name', '姚庆\u0001', 'poverty_households.csv')).toBe('姚*\\u0001');
  });

  it('escapes an ESC sequence in a cell', async () => {
    const dataset = await validateChanged((rows) => {
      rows['notices.csv']![0]!.title = '\u001b[2J\u001b]0;pwned\u0007发布成功';
    });

    const issue = dataset.errors.find((candidate) => candidate.file === 'notices.csv' && candidate.column === 'title');
    expect(issue?.value).toBe('\\u001b[2J\\u001b]0;pwned\\u0007发布成功');
    expect(formatIssueLine(issue!, translatorFor('zh-CN'))).not.toMatch(RAW_CONTROL);
  });

  it('escapes a control character in a body line', async () => {
    const dataset = await validateChanged((_rows, documents) => {
      documents['gg-002.txt'] = 'ok\u0007\n';
    });

    const issue = dataset.errors.find((candidate) => candidate.file === 'documents/gg-002.txt');
    expect(issue?.value).toBe('ok\\u0007');
  });

  it('keeps controls out of the error report', async () => {
    const dataset = await validateChanged((rows, documents) => {
      rows['notices.csv']![0]!.title = '\u001b[31m红\u009b';
      documents['gg-002.txt'] = 'ok\u0007\n';
    });
    const temp = makeTempDir('minsheng-errors-');
    try {
      const file = path.join(temp.dir, 'errors.csv');
      await writeErrorReport(file, dataset.errors);
      const text = readFileSync(file, 'utf8');

      expect(text).toContain('\\u001b[31m红\\u009b');
      expect(text.replace(/\r\n/g, '')).not.toMatch(RAW_CONTROL);
    } finally {
      temp.remove();
    }
  });
});
