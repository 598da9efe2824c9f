// The county's header mapping file: a department's own column headers and the import field each
// one names, for headers the built-in list does not know. A JSON file such as
//
//   {
//     "description": "县民政局低保系统导出",
//     "headers": { "受益人": "name", "代发卡号": "bank_account", "统计口径": "ignore" }
//   }
//
// Each value is a field name (import-fields.ts) or "ignore" to leave the column unread. Mapping a
// header to bank_account or phone makes the import drop that column. Keys are compared after the
// same normalisation as the built-in headers, so "受益人（元）" and "受 益 人" are the same key.
import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import { normaliseHeaderWord } from './header-words.js';
import { FIELD_NAMES } from './import-fields.js';
import type { ImportField } from './import-fields.js';

export interface HeaderMapping {
  /** Normalised header to field, or to 'ignore'. */
  headers: ReadonlyMap<string, ImportField | 'ignore'>;
}

export type MappingProblemCode =
  | 'mappingNotFound'
  | 'mappingReadFailed'
  | 'mappingNotJson'
  | 'mappingUnknownKey'
  | 'mappingWrongType'
  | 'mappingUnknownField'
  | 'mappingEmptyHeader'
  | 'mappingDuplicateHeader';

/** One problem of a mapping file. The code is a key of the `import` message namespace. */
export interface MappingProblem {
  code: MappingProblemCode;
  params: Record<string, string>;
}

export class MappingFileError extends Error {
  constructor(
    readonly file: string,
    readonly problems: MappingProblem[],
  ) {
    super(`invalid header mapping file ${file}: ${problems.map((problem) => `${problem.code} ${JSON.stringify(problem.params)}`).join('; ')}`);
    this.name = 'MappingFileError';
  }
}

const TARGETS = [...FIELD_NAMES, 'ignore'] as const;

const mappingSchema = z.strictObject({
  description: z.string().optional(),
  headers: z.record(z.string(), z.enum(TARGETS)),
});

/** Dotted path of a zod issue, with the header keys written as they are. */
export function keyOf(path: readonly PropertyKey[]): string {
  return path.length === 0 ? '(root)' : path.map(String).join('.');
}

/** Returns the value at `path` inside the parsed JSON as JSON text, for the message. */
export function valueAt(json: unknown, path: readonly PropertyKey[]): string {
  let value = json;
  for (const part of path) value = (value as Record<PropertyKey, unknown> | undefined)?.[part];
  return JSON.stringify(value) ?? 'undefined';
}

function describeIssue(issue: z.core.$ZodIssue, file: string, json: unknown): MappingProblem[] {
  const key = keyOf(issue.path);
  switch (issue.code) {
    case 'unrecognized_keys':
      return issue.keys.map((name) => ({ code: 'mappingUnknownKey', params: { file, key: keyOf([...issue.path, name]) } }));
    case 'invalid_value':
      return [{ code: 'mappingUnknownField', params: { file, key, value: valueAt(json, issue.path), fields: TARGETS.join(', ') } }];
    default:
      return [{ code: 'mappingWrongType', params: { file, key, expected: issue.code === 'invalid_type' ? issue.expected : issue.code } }];
  }
}

/** Parses the text of a mapping file named `file`; throws a MappingFileError naming every problem. */
export function parseHeaderMapping(text: string, file: string): HeaderMapping {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new MappingFileError(file, [{ code: 'mappingNotJson', params: { file, reason: (error as Error).message } }]);
  }

  const parsed = mappingSchema.safeParse(json);
  if (!parsed.success) throw new MappingFileError(file, parsed.error.issues.flatMap((issue) => describeIssue(issue, file, json)));

  const problems: MappingProblem[] = [];
  const headers = new Map<string, ImportField | 'ignore'>();
  const keys = new Map<string, string>();
  for (const [key, target] of Object.entries(parsed.data.headers)) {
    const normalised = normaliseHeaderWord(key);
    const earlier = keys.get(normalised);
    if (normalised === '') problems.push({ code: 'mappingEmptyHeader', params: { file, key: `headers.${key}` } });
    else if (earlier !== undefined && headers.get(normalised) !== target) {
      problems.push({ code: 'mappingDuplicateHeader', params: { file, key: `headers.${key}`, other: `headers.${earlier}` } });
    } else {
      headers.set(normalised, target);
      keys.set(normalised, key);
    }
  }
  if (problems.length > 0) throw new MappingFileError(file, problems);
  return { headers };
}

/** Reads and parses a mapping file; throws a MappingFileError when it is missing or invalid. */
export async function loadHeaderMapping(filePath: string): Promise<HeaderMapping> {
  let text: string;
  try {
    text = await readFile(filePath, 'utf-8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new MappingFileError(filePath, [{ code: 'mappingNotFound', params: { file: filePath } }]);
    throw new MappingFileError(filePath, [{ code: 'mappingReadFailed', params: { file: filePath, reason: String(code ?? error) } }]);
  }
  return parseHeaderMapping(text.replace(/^\uFEFF/, ''), filePath);
}
