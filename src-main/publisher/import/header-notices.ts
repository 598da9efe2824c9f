// The county worker's view of a header map: one sentence per problem, dropped column, ignored
// column and unrecognised column, in the catalog's language. Problems come first because they
// stop the table from being imported.
import type { Translate } from '../../../src-shared/messages/translator.js';
import { IMPORT_FIELDS } from './import-fields.js';
import type { ImportField } from './import-fields.js';
import type { HeaderMap, HeaderProblem } from './map-headers.js';
import type { SourceTable } from './source-table.js';

export interface HeaderNotice {
  severity: 'problem' | 'info';
  text: string;
}

function tableName(table: Pick<SourceTable, 'file' | 'sheet'>, t: Translate): string {
  return table.sheet === null ? t('import:table', { file: table.file }) : t('import:tableSheet', { file: table.file, sheet: table.sheet });
}

function fieldName(field: ImportField, t: Translate): string {
  return t(`import:field.${field}`);
}

function describeProblem(problem: HeaderProblem, map: HeaderMap, table: string, t: Translate): string {
  if (problem.code === 'missingField') {
    return t('import:map.missingField', {
      table,
      field: fieldName(problem.field, t),
      kind: t(`import:fileKind.${map.kind}`),
      headers: IMPORT_FIELDS[problem.field].headers.map((header) => `"${header}"`).join(t('import:listSeparator')),
    });
  }
  const columns = problem.columns.map(({ letter, header }) => `${letter} "${header}"`).join(t('import:listSeparator'));
  return t('import:map.ambiguousField', { table, field: fieldName(problem.field, t), columns });
}

/** Describes the problems and the unread columns of a table's header map. */
export function describeHeaderMap(table: Pick<SourceTable, 'file' | 'sheet'>, map: HeaderMap, t: Translate): HeaderNotice[] {
  const name = tableName(table, t);
  const notices: HeaderNotice[] = map.problems.map((problem) => ({ severity: 'problem', text: describeProblem(problem, map, name, t) }));

  for (const column of map.dropped) {
    const params = { table: name, column: column.letter, header: column.header, field: fieldName(column.field, t) };
    notices.push({ severity: 'info', text: t('import:map.droppedColumn', params) });
  }
  for (const column of map.unmapped) {
    const key = column.ignoredByMapping ? 'import:map.ignoredColumn' : 'import:map.unmappedColumn';
    notices.push({ severity: 'info', text: t(key, { table: name, column: column.letter, header: column.header }) });
  }
  return notices;
}
