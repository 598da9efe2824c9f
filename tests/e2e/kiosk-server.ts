// Sets up a kiosk the way a county and a technician would, through the real command line:
// demo data, a publisher key, a signed bundle, a sync into a data folder, and `minsheng serve`
// as a child process with a short idle timeout. It needs `npm run build` (CLI and screens).
import { spawn } from 'node:child_process';
import type { ChildProcessWithoutNullStreams } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { parseYuanToFen } from '../../src-shared/money.js';
import { CLI, runCli } from '../helpers/cli.js';
import { freePort, makeTempDir } from '../helpers/temp.js';

export const COUNTY_CODE = '431226';
export const IDLE_TIMEOUT_SECONDS = 12;
export const IDLE_WARNING_SECONDS = 6;

export interface DemoHousehold {
  householdId: string;
  /** ID numbers of the members, as in persons.csv. */
  idNumbers: string[];
  villageCode: string;
  paymentCount: number;
  /** Sum of the household's rows in payments.csv, in fen. */
  totalFen: number;
}

/** Settings of one spec's kiosk on top of the shared defaults. */
export interface KioskServerOptions {
  /**
   * Top-level fields added to the terminal config, such as `printer` or `reporting`. Relative
   * paths in them resolve against the config's folder, the server's temporary folder.
   */
  config?: Record<string, unknown>;
  /** Changes the generated demo data (CSV files and documents/) before it is published. */
  prepareData?(dataDir: string): void;
}

export interface KioskServer {
  url: string;
  /** The kiosk's data folder, where the snapshot, outbox and printed PDFs live. */
  dataDir: string;
  households: DemoHousehold[];
  /** Village code -> name, from regions.csv. */
  regionNames: Map<string, string>;
  /** Reads one CSV file of the generated demo data, such as `projects.csv`, as rows keyed by column. */
  readDemoCsv(fileName: string): Record<string, string>[];
  stop(): Promise<void>;
}

async function runStep(args: string[]): Promise<void> {
  const result = await runCli(args, { timeoutMs: 180_000 });
  if (result.code !== 0) {
    throw new Error(`minsheng ${args[0]} failed with exit code ${result.code}:\n${result.stdout}\n${result.stderr}`);
  }
}

function readCsv(file: string): Record<string, string>[] {
  return parse(readFileSync(file), { columns: true, skip_empty_lines: true, bom: true }) as Record<string, string>[];
}

/** Reads the demo CSV files back into households with their expected totals. */
function readHouseholds(dataDir: string): DemoHousehold[] {
  const households = new Map<string, DemoHousehold>();
  const householdOfPerson = new Map<string, DemoHousehold>();

  for (const row of readCsv(path.join(dataDir, 'persons.csv'))) {
    let household = households.get(row.household_id!);
    if (!household) {
      household = { householdId: row.household_id!, idNumbers: [], villageCode: row.village_code!, paymentCount: 0, totalFen: 0 };
      households.set(row.household_id!, household);
    }
    household.idNumbers.push(row.id_number!);
    householdOfPerson.set(row.id_number!, household);
  }

  for (const row of readCsv(path.join(dataDir, 'payments.csv'))) {
    const household = householdOfPerson.get(row.id_number!);
    const amount = parseYuanToFen(row.amount!);
    if (!household || !amount.ok) throw new Error(`payments.csv row ${row.payment_id} has no person or a bad amount`);
    household.paymentCount += 1;
    household.totalFen += amount.fen;
  }
  return [...households.values()];
}

function waitForUrl(child: ChildProcessWithoutNullStreams, output: { text: string }): Promise<string> {
  return new Promise((resolve, reject) => {
    child.stdout.on('data', () => {
      const match = /http:\/\/127\.0\.0\.1:\d+\//.exec(output.text);
      if (match) resolve(match[0]);
    });
    child.on('close', (code) => reject(new Error(`minsheng serve exited with ${code}:\n${output.text}`)));
  });
}

export async function startKioskServer(options: KioskServerOptions = {}): Promise<KioskServer> {
  const temp = makeTempDir('minsheng-e2e-');
  const dataDir = path.join(temp.dir, 'data');
  const keyDir = path.join(temp.dir, 'keys');
  const bundleDir = path.join(temp.dir, 'bundle');
  const kioskDataDir = path.join(temp.dir, 'kiosk');

  // 1. County side: generate, sign and publish. 2. Kiosk side: verify and install.
  await runStep(['demo-data', '--county', COUNTY_CODE, '--households', '200', '--seed', '7', '--out', dataDir]);
  options.prepareData?.(dataDir);
  await runStep(['keygen', '--out', keyDir]);
  await runStep(['publish', '--data', dataDir, '--key', path.join(keyDir, 'publisher.key'), '--out', bundleDir]);
  await runStep(['sync', '--source', bundleDir, '--trust', path.join(keyDir, 'publisher.pub'), '--data-dir', kioskDataDir]);

  // 3. The terminal config of this kiosk, with a short idle timeout for the idle test.
  const configFile = path.join(temp.dir, 'terminal.json');
  writeFileSync(
    configFile,
    JSON.stringify({
      terminalId: 'e2e-01',
      terminalName: 'e2e kiosk',
      regionCode: COUNTY_CODE,
      language: 'zh-CN',
      dataDir: 'kiosk',
      sync: { source: 'bundle', trust: 'keys/publisher.pub' },
      idle: { timeoutSeconds: IDLE_TIMEOUT_SECONDS, warningSeconds: IDLE_WARNING_SECONDS },
      ...options.config,
    }),
  );

  // 4. Serve the screens and the API.
  const port = await freePort();
  const child = spawn(process.execPath, [CLI, 'serve', '--data-dir', kioskDataDir, '--port', String(port), '--config', configFile], {
    env: { ...process.env, MINSHENG_LANG: 'en', MINSHENG_LOG_LEVEL: 'warn' },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  const output = { text: '' };
  child.stdout.on('data', (chunk: Buffer) => (output.text += chunk.toString('utf8')));
  child.stderr.on('data', (chunk: Buffer) => (output.text += chunk.toString('utf8')));
  const exited = new Promise<void>((resolve) => child.on('close', () => resolve()));

  let url: string;
  try {
    url = await waitForUrl(child, output);
  } catch (error) {
    temp.remove();
    throw error;
  }

  const regionNames = new Map(readCsv(path.join(dataDir, 'regions.csv')).map((row) => [row.code!, row.name!]));
  return {
    url,
    dataDir: kioskDataDir,
    households: readHouseholds(dataDir),
    regionNames,
    readDemoCsv: (fileName) => readCsv(path.join(dataDir, fileName)),
    async stop() {
      child.kill('SIGTERM');
      await exited;
      temp.remove();
    },
  };
}

export interface ExpiredKioskOptions {
  /** Whole days between the snapshot's publication and now. */
  ageDays: number;
  /** Signed validity of the bundle in days, less than ageDays so that the data has expired by now. */
  expiresInDays: number;
}

export interface ExpiredKioskServer extends KioskServer {
  ageDays: number;
  /** The data-as-of date the publisher wrote into the snapshot. */
  dataAsOf: string;
}

/**
 * Starts a kiosk whose data has expired: the real publisher signs a bundle as of `ageDays` ago,
 * the real sync installs it as it would have one hour after publication, while still valid, and
 * `minsheng serve` then runs on today's clock.
 */
export async function startExpiredKioskServer(options: ExpiredKioskOptions): Promise<ExpiredKioskServer> {
  if (options.expiresInDays >= options.ageDays) {
    throw new RangeError(`expiresInDays (${options.expiresInDays}) must be less than ageDays (${options.ageDays}) for the data to be expired`);
  }
  // Loaded here, not at the top, so the other tests, which drive only the CLI, never depend on
  // these modules loading.
  const { publish } = await import('../../src-main/publisher/publish.js');
  const { syncOnce } = await import('../../src-main/core/sync/sync.js');
  const { loadTrustFile } = await import('../../src-main/core/trust/anchor.js');
  const { pointerOrNull } = await import('../../src-main/core/data-folder/pointer.js');

  const temp = makeTempDir('minsheng-e2e-expired-');
  const dataDir = path.join(temp.dir, 'data');
  const keyDir = path.join(temp.dir, 'keys');
  const bundleDir = path.join(temp.dir, 'bundle');
  const kioskDataDir = path.join(temp.dir, 'kiosk');

  // One hour more than ageDays, so the whole-day age read while the test runs is exactly ageDays.
  const hourMs = 60 * 60 * 1000;
  const publishedAt = new Date(Date.now() - options.ageDays * 24 * hourMs - hourMs);
  const syncedAt = new Date(publishedAt.getTime() + hourMs);

  // 1. County side, signed in the past. 2. Kiosk side, installed while the bundle was valid.
  await runStep(['demo-data', '--county', COUNTY_CODE, '--households', '20', '--seed', '11', '--out', dataDir]);
  await runStep(['keygen', '--out', keyDir]);
  const published = await publish({
    dataDir,
    keyFiles: [path.join(keyDir, 'publisher.key')],
    outDir: bundleDir,
    now: publishedAt,
    expiresInDays: options.expiresInDays,
  });
  if (!published.ok) throw new Error(`publish failed: ${JSON.stringify(published.errors.slice(0, 3))}`);

  const synced = await syncOnce({
    source: bundleDir,
    trust: loadTrustFile(path.join(keyDir, 'publisher.pub')),
    dataDir: kioskDataDir,
    now: syncedAt,
  });
  if (synced.status !== 'installed') throw new Error(`sync did not install the bundle: ${JSON.stringify(synced)}`);
  const current = pointerOrNull(kioskDataDir, 'current');
  if (!current) throw new Error(`sync reported an install but ${kioskDataDir} has no valid current.json`);

  // 3. Serve the data folder on today's clock, with the default idle timeout. Serve judges expiry
  // by the later of that clock and the newest signed time in state.json.
  const port = await freePort();
  const child = spawn(process.execPath, [CLI, 'serve', '--data-dir', kioskDataDir, '--port', String(port)], {
    env: { ...process.env, MINSHENG_LANG: 'en', MINSHENG_LOG_LEVEL: 'warn' },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  const output = { text: '' };
  child.stdout.on('data', (chunk: Buffer) => (output.text += chunk.toString('utf8')));
  child.stderr.on('data', (chunk: Buffer) => (output.text += chunk.toString('utf8')));
  const exited = new Promise<void>((resolve) => child.on('close', () => resolve()));

  let url: string;
  try {
    url = await waitForUrl(child, output);
  } catch (error) {
    temp.remove();
    throw error;
  }

  return {
    url,
    dataDir: kioskDataDir,
    households: readHouseholds(dataDir),
    regionNames: new Map(readCsv(path.join(dataDir, 'regions.csv')).map((row) => [row.code!, row.name!])),
    readDemoCsv: (fileName) => readCsv(path.join(dataDir, fileName)),
    ageDays: options.ageDays,
    dataAsOf: published.dataAsOf,
    async stop() {
      child.kill('SIGTERM');
      await exited;
      temp.remove();
    },
  };
}
