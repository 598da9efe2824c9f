// A department file that cannot be read at all. The code is a key of the `import` message
// namespace; the params fill in its placeholders, always with the file's name.
export type ImportErrorCode =
  | 'notFound'
  | 'readFailed'
  | 'empty'
  | 'unsupportedType'
  | 'binary'
  | 'pdf'
  | 'html'
  | 'utf16'
  | 'invalidBytes'
  | 'mixedEncoding'
  | 'csvMalformed'
  | 'xls'
  | 'encrypted'
  | 'xlsxUnreadable'
  | 'noTable';

export class ImportError extends Error {
  constructor(
    readonly code: ImportErrorCode,
    readonly params: Record<string, string | number>,
  ) {
    super(`${code} ${JSON.stringify(params)}`);
    this.name = 'ImportError';
  }
}
