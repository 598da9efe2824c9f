// Every file definition of data standard version 2 is well formed: unique names, known types,
// the attributes each type needs, references that resolve and masking rules on personal columns.
// The checker also runs on broken definitions, so a test that passes proves it can fail.
import { describe, expect, it } from 'vitest';
import { REGION_LEVELS } from '../../src-shared/region-code.js';
import { FILE_SPECS } from '../../src-main/publisher/standard.js';
import { COLUMN_TYPES, MASKING_RULES } from '../../src-main/publisher/standard-v2/column-spec.js';
import type { ColumnSpec, FileSpecV2 } from '../../src-main/publisher/standard-v2/column-spec.js';
import { V2_FILE_SPECS } from '../../src-main/publisher/standard-v2/index.js';
import { PROCUREMENT_METHODS, PROJECTS_FILE } from '../../src-main/publisher/standard-v2/projects.js';
import {
  EXPENDITURE_CATEGORIES,
  FINANCE_ENTRIES_FILE,
  INCOME_CATEGORIES,
} from '../../src-main/publisher/standard-v2/village-finance.js';

const COLUMN_NAME = /^[a-z][a-z0-9]*(?:_[a-z0-9]+)*$/;
const OCDS_PATH = /^[a-z][A-Za-z]*(?:\.[a-z][A-Za-z]*)+$/;
// Columns that hold the name of a person, or of a party that may be a person.
const PERSON_NAME_COLUMN = /(?:^|_)(?:person|head|contact|counterparty|supplier)_name$/;
// The OCDS 1.1 codelist `method`.
const OCDS_METHODS = ['open', 'selective', 'limited', 'direct'];

const V1_HEADERS = new Map<string, readonly string[]>(Object.values(FILE_SPECS).map((spec) => [spec.name, spec.headers]));

/** Finds the type of `file.csv:column` among version 2 columns and version 1 headers. */
function referencedType(files: readonly FileSpecV2[], reference: string): string | null {
  const [fileName, columnName] = reference.split(':');
  const v2File = files.find((file) => file.name === fileName);
  if (v2File) return v2File.columns.find((column) => column.name === columnName)?.type ?? null;

  // Version 1 columns have no ColumnSpec. Only their identifier columns are referred to.
  return V1_HEADERS.get(fileName ?? '')?.includes(columnName ?? '') ? 'identifier' : null;
}

/** Lists what is wrong with one column, as messages naming the column. */
function columnProblems(files: readonly FileSpecV2[], file: FileSpecV2, column: ColumnSpec): string[] {
  const where = `${file.name}:${column.name}`;
  const problems: string[] = [];

  if (!COLUMN_NAME.test(column.name)) problems.push(`${where} is not a snake_case name`);
  if (!(COLUMN_TYPES as readonly string[]).includes(column.type)) problems.push(`${where} has unknown type ${column.type}`);

  if ((column.type === 'text' || column.type === 'identifier') && !(column.maxLength! > 0)) {
    problems.push(`${where} has no maxLength`);
  }
  if (column.type === 'enum') {
    const values = column.values ?? [];
    if (values.length === 0) problems.push(`${where} is an enum without values`);
    if (new Set(values).size !== values.length) problems.push(`${where} has duplicate enum values`);
    if (values.some((value) => value.trim() !== value || value === '' || value.includes('|'))) {
      problems.push(`${where} has an enum value that is empty, padded or contains |`);
    }
  } else if (column.values !== undefined) {
    problems.push(`${where} has values but is not an enum`);
  }
  if (column.type === 'integer' || column.type === 'year') {
    if (!Number.isInteger(column.min) || !Number.isInteger(column.max) || column.min! > column.max!) {
      problems.push(`${where} needs integer bounds with min <= max`);
    }
  }
  if (column.type === 'region_code') {
    const levels = column.regionLevels ?? [];
    if (levels.length === 0) problems.push(`${where} lists no region levels`);
    if (levels.some((level) => !(REGION_LEVELS as readonly string[]).includes(level))) {
      problems.push(`${where} lists an unknown region level`);
    }
  }
  if (column.type === 'file_name') {
    const extensions = column.extensions ?? [];
    if (extensions.length === 0) problems.push(`${where} lists no file extensions`);
    if (extensions.some((extension) => !/^\.[a-z0-9]+$/.test(extension))) {
      problems.push(`${where} has an extension that is not a lower-case .ext`);
    }
  }

  if (column.mayBeFuture !== undefined && column.type !== 'date') problems.push(`${where} has mayBeFuture but is no date`);

  if (column.references !== undefined) {
    const type = referencedType(files, column.references);
    if (type === null) problems.push(`${where} references missing ${column.references}`);
    else if (type !== column.type) problems.push(`${where} is ${column.type} but ${column.references} is ${type}`);
  }
  if (column.ocds !== undefined && !OCDS_PATH.test(column.ocds)) problems.push(`${where} has a malformed OCDS path`);

  problems.push(...personalDataProblems(file, column));
  return problems;
}

/** Lists what is wrong with a column's personal-data rule, or its missing rule. */
function personalDataProblems(file: FileSpecV2, column: ColumnSpec): string[] {
  const where = `${file.name}:${column.name}`;
  const personal = column.personal;
  const mustBePersonal = column.type === 'id_number' || PERSON_NAME_COLUMN.test(column.name);

  if (personal === undefined) return mustBePersonal ? [`${where} holds personal data but has no masking rule`] : [];

  const problems: string[] = [];
  if (!(MASKING_RULES as readonly string[]).includes(personal.masking)) {
    problems.push(`${where} has unknown masking rule ${personal.masking}`);
  }
  if (column.type === 'id_number' && personal.masking !== 'person_key') {
    problems.push(`${where} is an ID number but is not replaced by the person key`);
  }
  if (column.type !== 'id_number' && personal.masking === 'person_key') {
    problems.push(`${where} uses person_key but is not an ID number`);
  }

  if ((personal.onlyWhenColumn === undefined) !== (personal.onlyWhenValue === undefined)) {
    problems.push(`${where} needs both onlyWhenColumn and onlyWhenValue, or neither`);
  }
  if (personal.onlyWhenColumn !== undefined) {
    const condition = file.columns.find((other) => other.name === personal.onlyWhenColumn);
    if (condition?.type !== 'enum' || !condition.values?.includes(personal.onlyWhenValue ?? '')) {
      problems.push(`${where} depends on ${personal.onlyWhenColumn}, which is no enum with ${personal.onlyWhenValue}`);
    }
    if (condition !== undefined && condition.required !== column.required) {
      problems.push(`${where} and ${condition.name} must both be required or both optional`);
    }
  }
  return problems;
}

/** Lists every problem of a set of file definitions; an empty list means well formed. */
function definitionProblems(files: readonly FileSpecV2[]): string[] {
  const problems: string[] = [];
  const fileNames = files.map((file) => file.name);
  for (const name of fileNames) {
    if (fileNames.indexOf(name) !== fileNames.lastIndexOf(name)) problems.push(`${name} is defined twice`);
    if (V1_HEADERS.has(name)) problems.push(`${name} is already a version 1 file`);
    if (!/^[a-z][a-z_]*\.csv$/.test(name)) problems.push(`${name} is not a lower-case .csv name`);
  }

  for (const file of files) {
    const names = file.columns.map((column) => column.name);
    const duplicates = names.filter((name, index) => names.indexOf(name) !== index);
    if (duplicates.length > 0) problems.push(`${file.name} repeats ${duplicates.join(', ')}`);
    if (file.columns.length === 0) problems.push(`${file.name} has no columns`);
    if (!file.columns.some((column) => column.unique || column.references)) {
      problems.push(`${file.name} has no unique key and no reference to a parent row`);
    }
    for (const column of file.columns) problems.push(...columnProblems(files, file, column));
  }
  return problems;
}

/** Returns the projects file with one column replaced, for the broken-definition cases. */
function projectsWith(name: string, change: Partial<ColumnSpec>): FileSpecV2[] {
  const columns = PROJECTS_FILE.columns.map((column) => (column.name === name ? { ...column, ...change } : column));
  return [{ ...PROJECTS_FILE, columns }, ...V2_FILE_SPECS.filter((file) => file !== PROJECTS_FILE)];
}

describe('data standard version 2 definitions', () => {
  it('are all well formed', () => {
    expect(definitionProblems(V2_FILE_SPECS)).toEqual([]);
  });

  it('cover every board of the disclosure plan', () => {
    expect(V2_FILE_SPECS.map((file) => file.name)).toEqual([
      'projects.csv',
      'project_progress.csv',
      'fund_allocations.csv',
      'poverty_households.csv',
      'poverty_measures.csv',
      'finance_entries.csv',
      'finance_balances.csv',
      'collective_assets.csv',
      'asset_contracts.csv',
      'notices.csv',
      'notice_attachments.csv',
      'complaint_outcomes.csv',
      'accountability_notices.csv',
      'report_progress.csv',
    ]);
  });

  it('map procurement methods to OCDS codes', () => {
    for (const [procedure, code] of Object.entries(PROCUREMENT_METHODS)) {
      expect(OCDS_METHODS, procedure).toContain(code);
    }
  });

  it('name every OCDS column after its field', () => {
    const ocdsColumns = PROJECTS_FILE.columns.filter((column) => /^(?:tender|award|contract|planning)_/.test(column.name));
    for (const column of ocdsColumns) {
      if (column.name === 'award_supplier_kind') continue;
      expect(column.ocds, column.name).toBeDefined();
    }
  });

  it('split finance categories by direction', () => {
    const category = FINANCE_ENTRIES_FILE.columns.find((column) => column.name === 'category');
    expect(category?.values).toEqual([...INCOME_CATEGORIES, ...EXPENDITURE_CATEGORIES]);
  });

  it('store money columns without a unit', () => {
    const moneyColumns = V2_FILE_SPECS.flatMap((file) => file.columns.filter((column) => column.type === 'money'));
    expect(moneyColumns.length).toBeGreaterThan(10);
    for (const column of moneyColumns) expect(column.unit, column.name).toBeUndefined();
  });
});

describe('definition checker', () => {
  const brokenCases: Array<[string, FileSpecV2[], string]> = [
    ['duplicate column', projectsWith('year', { name: 'name' }), 'projects.csv repeats name'],
    ['unknown type', projectsWith('year', { type: 'number' as ColumnSpec['type'] }), 'unknown type number'],
    ['enum without values', projectsWith('category', { values: [] }), 'enum without values'],
    ['text without maxLength', projectsWith('name', { maxLength: undefined }), 'projects.csv:name has no maxLength'],
    ['inverted bounds', projectsWith('year', { min: 2100, max: 2000 }), 'min <= max'],
    ['missing reference', projectsWith('project_id', { references: 'nowhere.csv:id' }), 'references missing'],
    ['unmasked person name', projectsWith('contact_name', { personal: undefined }), 'has no masking rule'],
    ['unknown masking rule', projectsWith('contact_name', { personal: { masking: 'blur' as 'mask_name' } }), 'unknown masking'],
    [
      'condition on missing column',
      projectsWith('award_supplier_name', {
        personal: { masking: 'mask_name', onlyWhenColumn: 'supplier_type', onlyWhenValue: 'person' },
      }),
      'no enum with person',
    ],
    ['person key on text', projectsWith('name', { personal: { masking: 'person_key' } }), 'is not an ID number'],
    ['bad OCDS path', projectsWith('award_date', { ocds: 'awards/date' }), 'malformed OCDS path'],
    ['future flag on money', projectsWith('funding_amount', { mayBeFuture: true }), 'has mayBeFuture but is no date'],
  ];

  it.each(brokenCases)('reports %s', (_label, files, expected) => {
    const problems = definitionProblems(files);
    expect(problems.some((problem) => problem.includes(expected)), problems.join('\n')).toBe(true);
  });

  it('reports a file defined twice', () => {
    expect(definitionProblems([...V2_FILE_SPECS, PROJECTS_FILE])).toContain('projects.csv is defined twice');
  });
});
