// The Chinese and English docs of data standard version 2 list exactly the columns of the code:
// same files, same column order, type, required flag, enum values, OCDS field and masking rule.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { ColumnSpec } from '../../src-main/publisher/standard-v2/column-spec.js';
import { V2_FILE_SPECS } from '../../src-main/publisher/standard-v2/index.js';

interface DocColumn {
  name: string;
  type: string;
  required: string;
  format: string;
  meaning: string;
  personal: string;
}

interface DocLanguage {
  path: string;
  yes: string;
  no: string;
  mayBeFuture: string;
}

const LANGUAGES: DocLanguage[] = [
  { path: 'docs/data-standard-v2.zh-CN.md', yes: '是', no: '否', mayBeFuture: '可晚于今天' },
  { path: 'docs/data-standard-v2.md', yes: 'yes', no: 'no', mayBeFuture: 'may be after today' },
];

/** Parses each `## file.csv` section's six-column table into its rows, keyed by file name. */
function parseDocTables(markdown: string): Map<string, DocColumn[]> {
  const tables = new Map<string, DocColumn[]>();
  let current: DocColumn[] | null = null;

  for (const line of markdown.split('\n')) {
    const heading = /^## (\S+\.csv)\b/.exec(line);
    if (heading) {
      current = [];
      tables.set(heading[1]!, current);
      continue;
    }
    if (line.startsWith('#')) {
      current = null;
      continue;
    }
    if (current === null || !line.startsWith('| `')) continue;

    const cells = line.slice(1, -1).split(' | ').map((cell) => cell.trim());
    expect(cells, line).toHaveLength(6);
    const [name, type, required, format, meaning, personal] = cells as [string, string, string, string, string, string];
    current.push({ name: name.replace(/`/g, ''), type, required, format, meaning, personal });
  }
  return tables;
}

/** Returns the personal-data cell's expected masking rule and condition column, or null. */
function expectedPersonalTokens(column: ColumnSpec): string[] | null {
  if (column.personal === undefined) return null;
  const tokens = [`\`${column.personal.masking}\``];
  if (column.personal.onlyWhenColumn !== undefined) {
    tokens.push(`\`${column.personal.onlyWhenColumn}\``, `\`${column.personal.onlyWhenValue}\``);
  }
  return tokens;
}

describe.each(LANGUAGES)('$path', (language) => {
  const tables = parseDocTables(readFileSync(language.path, 'utf8'));

  it('lists the same files as the code', () => {
    expect([...tables.keys()]).toEqual(V2_FILE_SPECS.map((file) => file.name));
  });

  describe.each(V2_FILE_SPECS.map((file) => [file.name, file] as const))('%s', (fileName, file) => {
    const rows = tables.get(fileName) ?? [];

    it('lists the same columns in order', () => {
      expect(rows.map((row) => row.name)).toEqual(file.columns.map((column) => column.name));
    });

    it.each(file.columns.map((column) => [column.name, column] as const))('describes %s', (name, column) => {
      const row = rows.find((candidate) => candidate.name === name);
      expect(row, `${fileName}:${name} missing from the doc`).toBeDefined();

      expect(row!.type).toBe(column.type);
      expect(row!.required).toBe(column.required ? language.yes : language.no);

      for (const value of column.values ?? []) expect(row!.format).toContain(`\`${value}\``);
      for (const extension of column.extensions ?? []) expect(row!.format).toContain(`\`${extension}\``);
      for (const level of column.regionLevels ?? []) expect(row!.format).toContain(`\`${level}\``);
      if (column.maxLength !== undefined) expect(row!.format).toContain(String(column.maxLength));
      if (column.mayBeFuture) expect(row!.format).toContain(language.mayBeFuture);
      else expect(row!.format).not.toContain(language.mayBeFuture);
      if (column.ocds !== undefined) expect(row!.meaning).toContain(`\`${column.ocds}\``);
      else expect(row!.meaning).not.toContain('OCDS');

      const personalTokens = expectedPersonalTokens(column);
      if (personalTokens === null) expect(row!.personal).toBe('—');
      for (const token of personalTokens ?? []) expect(row!.personal).toContain(token);
    });
  });
});
