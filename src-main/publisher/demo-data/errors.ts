// Errors of the demo generator carry a catalog key of the `demo` namespace and its values, so
// the command line can print them in the user's language.

export type DemoDataErrorKey =
  | 'fileUnreadable'
  | 'csvInvalid'
  | 'csvMissingColumn'
  | 'csvEmpty'
  | 'regionRowInvalid'
  | 'itemRowInvalid'
  | 'countyNotFound'
  | 'noVillages'
  | 'tooManyHouseholds'
  | 'outputFailed'
  | 'invalidOption';

export class DemoDataError extends Error {
  readonly key: DemoDataErrorKey;
  readonly values: Record<string, string | number>;

  constructor(key: DemoDataErrorKey, values: Record<string, string | number>) {
    super(`${key}: ${JSON.stringify(values)}`);
    this.name = 'DemoDataError';
    this.key = key;
    this.values = values;
  }
}
