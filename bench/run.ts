// `npm run bench`: the numbers behind the README's claims, for one county of realistic size.
// It runs the real pipeline in this process (demo data -> publish -> sync -> lookup, then a second
// version by delta), then the disclosure boards at county volume (bench/boards.ts), and prints
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
import { parseManifest } from '../src-main/core/sync/verify.js';
import { MANIFEST_FILE } from '../src-main/core/snapshot/manifest.js';
import { generateDemoData } from '../src-main/publisher/demo-data/generate.js';
import { publish } from '../src-main/publisher/publish.js';
import { changePaymentAmounts } from './change-payments.js';
import { timeContentDigest, timeHashThroughput, timeManifestVerification } from './crypto-costs.js';
import { publishWithDelta, timeDeltaAndFullInstall } from './delta-sync.js';
import { runBoardsBench } from './boards.js';
import { runCheckBench } from './check-pipeline.js';
import { runCleaningBench } from './import-cleaning.js';
import { runImportBench } from './import-pipeline.js';
import { checkTotals } from './totals.js';
import { percentile, timeAsync, timeSync } from './timing.js';

const { values } = parseArgs({
  options: {
    households: { type: 'string', default: '20000' },
    county: { type: 'string', default: '431226' },
    seed: { type: 'string', default: '1' },
    samples: { type: 'string', default: '2000' },
    keep: { type: 'boolean', default: false },
    // Comma-separated: `payments` (version 1 data, delta, cryptography), `boards`, `cleaning`
    // (the import's cell cleaners on 1,000,000 rows), `import` (read, map and clean a
    // 1,000,000-row GBK CSV) and `check` (`minsheng check` on a county's 1,000,000-row export).
    parts: { type: 'string', default: 'payments,boards,cleaning,import,check' },
  },
});

const PARTS = ['payments', 'boards', 'cleaning', 'import', 'check'];
const parts = new Set(values.parts.split(',').map((part) => part.trim()));
for (const part of parts) {
  if (!PARTS.includes(part)) throw new Error(`invalid --parts value "${values.parts}": "${part}" is not a part; expected a comma-separated list of ${PARTS.join(', ')}`);
}

// The second version changes 1 payment row in this many (1%), and its delta must stay within
// MAX_DELTA_SHARE of the full payload.
const CHANGED_ROW_INTERVAL = 100;
const MAX_DELTA_SHARE = 0.05;
const VERIFICATIONS = 200;

const households = Number(values.households);
const samples = Number(values.samples);
const work = mkdtempSync(path.join(os.tmpdir(), 'minsheng-bench-'));
const dataDir = path.join(work, 'data');
const bundleDir = path.join(work, 'bundle');
const kioskDir = path.join(work, 'kiosk');
const emptyKioskDir = path.join(work, 'kiosk-full');
const rows: [string, string][] = [];
// Other processes on the machine slow every step, so the load is printed with the results.
const loadAtStart = os.loadavg();

try {
  if (parts.has('payments')) {
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

    // 6. Version 2: correct 1% of payment amounts and publish into the same folder, with a delta.
    const change = await changePaymentAmounts(dataDir, CHANGED_ROW_INTERVAL);
    const second = await publishWithDelta(dataDir, keyFile, bundleDir);
    const share = second.deltaBytes / second.payloadBytes;
    rows.push(['second publish', `${(second.publishMs / 1000).toFixed(1)} s: ${change.changedRows} of ${change.totalRows} payment rows changed`]);
    rows.push(['delta vs full payload', `${(second.deltaBytes / 1e3).toFixed(1)} kB vs ${(second.payloadBytes / 1e6).toFixed(2)} MB = ${(share * 100).toFixed(2)}% (limit ${MAX_DELTA_SHARE * 100}%: ${share <= MAX_DELTA_SHARE ? 'within' : 'EXCEEDED'})`]);

    // 7. Version 2 on the terminal that has version 1 (delta) and on an empty one (full payload).
    const installs = await timeDeltaAndFullInstall(bundleDir, parsePublicKeyPem(keys.publicKeyPem), kioskDir, emptyKioskDir);
    rows.push(['sync install by delta (v1 -> v2)', `${installs.deltaMs.toFixed(0)} ms`]);
    rows.push(['sync install full (empty -> v2)', `${installs.fullMs.toFixed(0)} ms`]);

    const upgradedFile = snapshotFileOf(kioskDir, pointerOrNull(kioskDir, 'current')!);
    const rechecked = checkTotals(dataDir, upgradedFile, change.changedIdNumbers.slice(0, 200));
    rows.push(['totals after delta, changed persons', `${rechecked} persons, all equal`]);

    // 8. Cryptographic costs of a sync, per algorithm, on version 2.
    for (const { algorithm, ms } of timeContentDigest(upgradedFile)) {
      rows.push([`content digest (${algorithm})`, `${(ms / 1000).toFixed(2)} s over ${second.published.paymentCount} payments`]);
    }
    const manifest = parseManifest(readFileSync(path.join(bundleDir, MANIFEST_FILE)));
    for (const times of timeManifestVerification(manifest.signed, VERIFICATIONS)) {
      rows.push([`manifest verification (${times.algorithm})`, `p50 ${times.p50Ms.toFixed(3)} ms, p99 ${times.p99Ms.toFixed(3)} ms over ${times.iterations}; first ${times.firstMs.toFixed(2)} ms`]);
    }
    for (const { label, megabytesPerSecond } of timeHashThroughput(second.published.payloadPath)) {
      rows.push([`payload hash, ${label}`, `${megabytesPerSecond.toFixed(0)} MB/s over ${(second.payloadBytes / 1e6).toFixed(2)} MB`]);
    }
  }

  if (parts.has('boards')) {
    rows.push(...(await runBoardsBench({ work, countyCode: values.county, households, seed: Number(values.seed) })));
  }

  if (parts.has('cleaning')) rows.push(...runCleaningBench());
  if (parts.has('import')) rows.push(...(await runImportBench(work)));
  if (parts.has('check')) rows.push(...runCheckBench(work));
} finally {
  if (!values.keep) rmSync(work, { recursive: true, force: true });
}

const width = Math.max(...rows.map(([name]) => name.length));
const loadText = (load: number[]): string => load.map((value) => value.toFixed(2)).join(' ');
process.stdout.write(`minsheng bench: county ${values.county}, ${households} households, node ${process.version}, ${os.cpus().length} CPUs (${os.cpus()[0]?.model ?? 'unknown'})\n`);
process.stdout.write(`load average (1, 5, 15 min): ${loadText(loadAtStart)} at start, ${loadText(os.loadavg())} at end\n`);
for (const [name, value] of rows) process.stdout.write(`${name.padEnd(width)}  ${value}\n`);
if (values.keep) process.stdout.write(`work folder kept: ${work}\n`);
