// A failure of the root tools (`minsheng root ...`). The code is a key under `errors` in the
// root message namespace, and the params fill its placeholders, so every failure reaches the
// user in zh-CN or English with the value and the fix.
export class RootToolError extends Error {
  constructor(
    readonly code: string,
    readonly params: Record<string, string | number> = {},
  ) {
    super(`${code} ${JSON.stringify(params)}`);
    this.name = 'RootToolError';
  }
}
