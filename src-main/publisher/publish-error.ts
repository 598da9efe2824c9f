// A failure of publishing that is not about the data rows: the key, the output folder, the
// previous bundle. The code is a key of the publish message namespace.
export class PublishError extends Error {
  constructor(
    readonly code: string,
    readonly params: Record<string, string | number> = {},
  ) {
    super(`${code} ${JSON.stringify(params)}`);
    this.name = 'PublishError';
  }
}
