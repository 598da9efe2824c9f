// Turns a validated dataset into a snapshot file: pseudonymises every ID number with the lookup key
// and builds the SQLite file. `publish` signs the file it builds; `preview` installs it unsigned
// into a throwaway data folder, so the county worker sees the same rows villagers will.
import type { LookupKeyParams } from '../core/lookup-key.js';
import { buildSnapshot } from './build-snapshot.js';
import type { SnapshotCounts } from './build-snapshot.js';
import { derivePersonKeys } from './pseudonymise.js';
import type { DatasetV2 } from './standard-v2/dataset.js';
import type { Dataset } from './validate-dataset.js';

export interface SnapshotBuildInput {
  /** A dataset without errors, with its county and data date. */
  dataset: Dataset & { county: NonNullable<Dataset['county']>; dataAsOf: string };
  sqliteFile: string;
  version: number;
  createdAt: string;
  lookupKey: LookupKeyParams;
  /** Called as person keys are derived, which takes most of the time for a large county. */
  onDerived?: (done: number, total: number) => void;
  /** Called when the keys are derived and the SQLite file is about to be written. */
  onBuilding?: () => void;
}

/** Lists the head_id_number of every poverty household, which the snapshot stores as a person key. */
function headIdNumbers(v2: DatasetV2): string[] {
  const rows = v2.tables.get('poverty_households') ?? [];
  return rows.map((row) => row.head_id_number).filter((value): value is string => typeof value === 'string');
}

/** Builds the snapshot file of `dataset` and returns the rows written to each table. */
export async function buildSnapshotFromDataset(input: SnapshotBuildInput): Promise<SnapshotCounts> {
  const { dataset } = input;

  // The head of a poverty household may also be in persons.csv, so each ID number is derived once.
  const idNumbers = [...new Set([...dataset.persons.map((person) => person.idNumber), ...headIdNumbers(dataset.v2)])];
  const derivedKeys = await derivePersonKeys(idNumbers, input.lookupKey, (done) => input.onDerived?.(done, idNumbers.length));
  const keyOfId = new Map(idNumbers.map((idNumber, index) => [idNumber, derivedKeys[index]!]));
  const personKeyOf = (idNumber: string): string => {
    const key = keyOfId.get(idNumber);
    if (key === undefined) throw new Error('an ID number of the board tables has no derived person key');
    return key;
  };

  input.onBuilding?.();
  return buildSnapshot(input.sqliteFile, {
    dataset,
    county: dataset.county,
    personKeys: dataset.persons.map((person) => personKeyOf(person.idNumber)),
    v2: dataset.v2,
    personKeyOf,
    version: input.version,
    createdAt: input.createdAt,
    dataAsOf: dataset.dataAsOf,
    lookupKey: input.lookupKey,
  });
}
