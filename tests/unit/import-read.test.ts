import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import iconv from 'iconv-lite';
import { EncodingScanner } from '../../src-main/publisher/import/detect-encoding.js';
import { ImportError } from '../../src-main/publisher/import/import-error.js';
import type { ImportErrorCode } from '../../src-main/publisher/import/import-error.js';
import { detectDelimiter } from '../../src-main/publisher/import/read-csv.js';
import { readDepartmentFile } from '../../src-main/publisher/import/read-department-file.js';
import { translatorFor } from '../../src-shared/messages/translator.js';
import { BROKEN_FILES, READABLE_FILES, writeTruncatedWorkbook } from '../helpers/messy-files.js';
import { makeTempDir } from '../helpers/temp.js';

const temp = makeTempDir('minsheng-import-');

beforeAll(async () => {
  for (const corpusFile of [...READABLE_FILES, ...BROKEN_FILES]) await corpusFile.write(temp.dir);
  await writeTruncatedWorkbook(temp.dir, 'truncated.xlsx');
});

afterAll(() => temp.remove());

async function rejection(file: string): Promise<ImportError> {
  const error = await readDepartmentFile(temp.dir, file).then(
    () => null,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(ImportError);
  return error as ImportError;
}

describe('readDepartmentFile on the messy corpus', () => {
  it.each(READABLE_FILES.map((corpusFile) => [corpusFile.file, corpusFile] as const))('reads %s', async (_name, corpusFile) => {
    const result = await readDepartmentFile(temp.dir, corpusFile.file);

    expect(result.tables).toEqual(corpusFile.expected);
    expect(result.skippedSheets).toEqual(corpusFile.skippedSheets ?? []);
  });

  it.each(BROKEN_FILES.map((broken) => [broken.file, broken] as const))('rejects %s', async (_name, broken) => {
    const error = await rejection(broken.file);

    expect(error.code).toBe(broken.code);
    expect(error.params).toMatchObject({ file: broken.file, ...broken.params });
  });

  it('rejects a truncated workbook', async () => {
    const error = await rejection('truncated.xlsx');

    expect(error.code).toBe('xlsxUnreadable');
    expect(String(error.params.reason)).not.toBe('');
  });

  it('rejects a missing file', async () => {
    const error = await rejection('absent.csv');

    expect(error.code).toBe('notFound');
  });
});

describe('import messages', () => {
  const codes: ImportErrorCode[] = [
    'notFound',
    'readFailed',
    'empty',
    'unsupportedType',
    'binary',
    'pdf',
    'html',
    'utf16',
    'invalidBytes',
    'mixedEncoding',
    'csvMalformed',
    'xls',
    'encrypted',
    'xlsxUnreadable',
    'noTable',
  ];

  it.each(['zh-CN', 'en'] as const)('names the file in every %s rejection', (language) => {
    const translate = translatorFor(language);
    for (const code of codes) {
      const params = { file: '发放表.csv', dir: 'data', reason: 'EACCES', extension: '.doc', offset: 8, line: 3, byte: '0xFF', utf8Line: 1, otherLine: 3 };
      const message = translate(`import:${code}`, params);
      expect(message, code).toContain('发放表.csv');
      expect(message, code).not.toContain('{{');
    }
  });
});

describe('EncodingScanner', () => {
  function decide(bytes: Buffer): string {
    const scanner = new EncodingScanner();
    scanner.scan(bytes);
    return scanner.decide('test.csv');
  }

  it('reads ASCII-only text as UTF-8', () => {
    expect(decide(Buffer.from('id,amount\n1,2\n'))).toBe('utf-8');
  });

  it('reads a short GBK text that is valid UTF-8 as GBK', () => {
    // 茅 in GBK is C3 A9, which UTF-8 reads as é.
    expect(decide(iconv.encode('茅,1\n', 'gbk'))).toBe('gbk');
  });

  it('reads UTF-8 split across chunks', () => {
    const bytes = Buffer.from('姓名,村\n张三,新村\n', 'utf-8');
    const scanner = new EncodingScanner();
    for (let index = 0; index < bytes.length; index++) scanner.scan(bytes.subarray(index, index + 1));

    expect(scanner.decide('test.csv')).toBe('utf-8');
  });

  it('rejects a UTF-8 file with a BOM and GBK lines', () => {
    const bytes = Buffer.concat([Buffer.from('\uFEFF姓名,村\n', 'utf-8'), iconv.encode('张三,新村\n', 'gbk')]);

    expect(() => decide(bytes)).toThrow(ImportError);
  });
});

describe('detectDelimiter', () => {
  it('ignores delimiters inside quotes', () => {
    expect(detectDelimiter('a;b;c\n"1,5";2;3\n"2,5";3;4\n', true)).toBe(';');
  });

  it('defaults to comma for one column', () => {
    expect(detectDelimiter('姓名\n张三\n', true)).toBe(',');
  });
});
