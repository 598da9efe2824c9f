// `npm run bench`: the numbers behind the README's claims, for one county of realistic size.
// It runs the real pipeline in this process (demo data -> publish -> sync -> lookup) and prints
// one table. Nothing here is asserted: benchmarks are not tests.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { parse } from 'csv-parse/sync';
import { generateKeyPair, parsePublicKeyPem } from '../src-main/core/crypto/keys.js';
import { pointerOrNull, snapshotFileOf } from '../src-main/core/data-folder/pointer.js';
import { DEFAULT_KIOSK_SETTINGS } from '../src-main/core/config.js';
import { createKioskService } from '../src-main/core/kiosk-service.js';
import { derivePersonKey } from '../src-main/core/lookup-key.js';
import { openSnapshot, readLookupKeyParams } from '../src-main/core/store.js';
import { syncOnce } from '../src-main/core/sync/sync.js';
import { generateDemoData } from '../src-main/publisher/demo-data/generate.js';
import { publish } from '../src-main/publisher/publish.js';
import { checkTotals } from './totals.js';
import { percentile, timeAsync, timeSync } from './timing.js';

const { values } = parseArgs({
  options: {
    households: { type: 'string', default: '20000' },
    county: { type: 'string', default: '431226' },
    seed: { type: 'string', default: '1' },
    samples: { type: 'string', default: '2000' },
    keep: { type: 'boolean', default: false },
  },
});

const households = Number(values.households);
const samples = Number(values.samples);
const work = mkdtempSync(path.join(os.tmpdir(), 'minsheng-bench-'));
const dataDir = path.join(work, 'data');
const bundleDir = path.join(work, 'bundle');
const kioskDir = path.join(work, 'kiosk');
const rows: [string, string][] = [];

try {
  // 1. Demo data on the real village tree and subsidy catalogue shipped in resources/reference.
  const demo = await timeAsync(() =>
    generateDemoData({ countyCode: values.county, households, seed: Number(values.seed), outDir: dataDir }),
  );
  rows.push(['demo-data', `${demo.ms.toFixed(0)} ms: ${demo.value.households} households, ${demo.value.persons} persons, ${demo.value.payments} payments`]);

  // 2. Publish: validate, pseudonymise (scrypt per person), build, compress, sign.
  const keys = generateKeyPair('ed25519');
  const keyFile = path.join(work, 'publisher.key');
  writeFileSync(keyFile, keys.privateKeyPem, { mode: 0o600 });
  const published = await timeAsync(() => publish({ dataDir, keyFiles: [keyFile], outDir: bundleDir }));
  if (!published.value.ok) throw new Error(`publish failed with ${published.value.total} errors`);
  rows.push(['publish', `${(published.ms / 1000).toFixed(1)} s`]);
  rows.push(['bundle size (gzip)', `${(published.value.payloadBytes / 1e6).toFixed(2)} MB (SQLite ${(published.value.sqliteBytes / 1e6).toFixed(2)} MB)`]);

  // 3. Sync from the bundle folder into an empty terminal: verify, stage, check, rename.
  const synced = await timeAsync(() =>
    syncOnce({ source: bundleDir, trust: { kind: 'publisher-keys', keys: [parsePublicKeyPem(keys.publicKeyPem)] }, dataDir: kioskDir }),
  );
  if (synced.value.status !== 'installed') throw new Error(`sync ended ${synced.value.status}`);
  rows.push(['sync install', `${synced.ms.toFixed(0)} ms`]);

  // 4. Lookups of random persons through the kiosk service, and bare primary-key queries.
  const persons = parse(readFileSync(path.join(dataDir, 'persons.csv')), { columns: true }) as { id_number: string }[];
  const chosen = Array.from({ length: samples }, (_, index) => persons[(index * 7919) % persons.length]!.id_number);

  const service = createKioskService({ dataDir: kioskDir, settings: DEFAULT_KIOSK_SETTINGS });
  const lookupTimes: number[] = [];
  for (const idNumber of chosen) {
    lookupTimes.push((await timeAsync(() => service.lookupHousehold(idNumber))).ms);
  }
  service.close();

  const dbFile = snapshotFileOf(kioskDir, pointerOrNull(kioskDir, 'current')!);
  const db = openSnapshot(dbFile);
  const params = readLookupKeyParams(db);
  const personKeys = chosen.map((idNumber) => derivePersonKey(idNumber, params));
  const statement = db.prepare('SELECT household_id FROM persons WHERE person_key = ?');
  const bareTimes = personKeys.map((key) => timeSync(() => statement.get(key)).ms);
  const hashTimes = chosen.slice(0, 200).map((idNumber) => timeSync(() => derivePersonKey(idNumber, params)).ms);
  db.close();

  rows.push(['lookup (kiosk service)', `p50 ${percentile(lookupTimes, 50).toFixed(2)} ms, p99 ${percentile(lookupTimes, 99).toFixed(2)} ms over ${samples}`]);
  rows.push(['  of which scrypt key', `p50 ${percentile(hashTimes, 50).toFixed(2)} ms`]);
  rows.push(['bare SQLite primary key', `p50 ${percentile(bareTimes, 50).toFixed(4)} ms, p99 ${percentile(bareTimes, 99).toFixed(4)} ms`]);

  // 5. The totals the kiosk shows equal the household's rows in payments.csv.
  const checked = checkTotals(dataDir, dbFile, chosen.slice(0, 200));
  rows.push(['totals checked against payments.csv', `${checked} persons, all equal`]);
} finally {
  if (!values.keep) rmSync(work, { recursive: true, force: true });
}

const width = Math.max(...rows.map(([name]) => name.length));
process.stdout.write(`minsheng bench: county ${values.county}, ${households} households, node ${process.version}, ${os.cpus().length} CPUs (${os.cpus()[0]?.model ?? 'unknown'})\n`);
for (const [name, value] of rows) process.stdout.write(`${name.padEnd(width)}  ${value}\n`);
if (values.keep) process.stdout.write(`work folder kept: ${work}\n`);
