// Shared steps of the version 2 failure tests: change a valid delivery, validate it, and find one
// issue with its place, printed value, code and messages in both languages.
import { expect } from 'vitest';
import { issueMessage } from '../../src-main/publisher/issues.js';
import type { ValidationIssue } from '../../src-main/publisher/issues.js';
import { validateDataset } from '../../src-main/publisher/validate-dataset.js';
import type { Dataset } from '../../src-main/publisher/validate-dataset.js';
import { translatorFor } from '../../src-shared/messages/translator.js';
import { makeTempDir } from '../helpers/temp.js';
import { NOW, validDocuments, validRows, writeDelivery } from './validate-v2-delivery.js';
import type { Rows } from './validate-v2-delivery.js';

export interface Expected {
  file: string;
  line: number | null;
  column: string | null;
  value: string | null;
  code: string;
}

/**
 * Writes a valid delivery changed by `change`, validates it and removes it again. `prepare` runs
 * on the written folder, for changes that CSV text cannot express (a FIFO, say).
 */
export async function validateChanged(
  change: (rows: Rows, documents: Record<string, string | Buffer>) => void,
  prepare?: (dir: string) => void,
): Promise<Dataset> {
  const temp = makeTempDir('minsheng-v2-');
  try {
    const rows = validRows();
    const documents = validDocuments();
    change(rows, documents);
    writeDelivery(temp.dir, rows, documents);
    prepare?.(temp.dir);
    return await validateDataset(temp.dir, { now: NOW });
  } finally {
    temp.remove();
  }
}

/** Checks that the message renders in both languages, with every placeholder filled. */
export function expectMessagesInBothLanguages(issue: ValidationIssue): void {
  const zh = issueMessage(issue, translatorFor('zh-CN'));
  const en = issueMessage(issue, translatorFor('en'));
  for (const [language, message] of [['zh-CN', zh], ['en', en]] as const) {
    expect(message, `${language} ${issue.code}`).not.toContain(issue.code.split(':').pop()!);
    expect(message, `${language} ${issue.code}`).not.toMatch(/\{\{/);
    expect(message.length, `${language} ${issue.code}`).toBeGreaterThan(4);
  }
  expect(/[\u4e00-\u9fff]/.test(zh), `zh-CN ${issue.code}: ${zh}`).toBe(true);
  expect(zh).not.toBe(en);
}

/** Finds the issue with `expected.code` on `expected.line` of `expected.file` and checks the rest. */
export function findIssue(issues: ValidationIssue[], expected: Expected): ValidationIssue {
  const issue = issues.find(
    (candidate) => candidate.code === expected.code && candidate.line === expected.line && candidate.file === expected.file,
  );
  expect(issue, `no ${expected.code} at ${expected.file}:${expected.line} in ${JSON.stringify(issues, null, 1)}`).toBeDefined();
  expect(issue!.column).toBe(expected.column);
  expect(issue!.value).toBe(expected.value);
  expectMessagesInBothLanguages(issue!);
  return issue!;
}
