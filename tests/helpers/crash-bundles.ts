// A chain of real bundles for the crash and fuzz tests of sync. Generated county data is published
// by the built `minsheng publish` once per version into one folder, so each version after the
// first carries a delta from the one before, and `minsheng root` makes the root metadata. Every
// version changes a third of the payment amounts, so one household's total differs between any
// two versions and the delta is large enough to take time to download.
// Needs `npm run build:main` first.
import { cpSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { generateKeyPair } from '../../src-main/core/crypto/keys.js';
import { ManifestSchema } from '../../src-main/core/snapshot/manifest.js';
import type { Manifest } from '../../src-main/core/snapshot/manifest.js';
import { runCli } from './cli.js';

export const CHAIN_REGION = '431226';

export interface PublishedVersion {
  version: number;
  /** A copy of the publisher's output folder as it was right after this version was published. */
  bundleDir: string;
  manifest: Manifest;
}

export interface PublishedChain {
  /** The root public key (PEM file) a terminal is provisioned with, at a root threshold of 1. */
  rootKeyFile: string;
  versions: PublishedVersion[];
  /** A generated person whose household total differs in every version. */
  person: { idNumber: string; householdTotalFen: number[] };
}

export interface ChainOptions {
  versions: number;
  households: number;
  /**
   * Adds root version 2 (a rotation signed by the same root key) after version 1 is published,
   * so the first bundle carries 1.root.json only and every later one both root files.
   */
  rotateRootAfterFirstVersion: boolean;
  /** publish's --keep; absent, its default. */
  keep?: number;
}

async function minsheng(args: string[]): Promise<string> {
  const result = await runCli(args, { timeoutMs: 300_000 });
  if (result.code !== 0) throw new Error(`minsheng ${args.join(' ')} exited with ${result.code}:\n${result.stderr}`);
  return result.stdout;
}

function writeKeyPair(folder: string, name: string): { privateKeyFile: string; publicKeyFile: string } {
  const pair = generateKeyPair('ed25519');
  const privateKeyFile = path.join(folder, `${name}.key`);
  const publicKeyFile = path.join(folder, `${name}.pub`);
  writeFileSync(privateKeyFile, pair.privateKeyPem, { mode: 0o600 });
  writeFileSync(publicKeyFile, pair.publicKeyPem);
  return { privateKeyFile, publicKeyFile };
}

/** Parses "619.50" into 61950 without floating point. */
function yuanToFen(amount: string): number {
  const [yuan, fraction = ''] = amount.split('.');
  return Number(yuan) * 100 + Number(fraction.padEnd(2, '0').slice(0, 2));
}

function fenToYuan(fen: number): string {
  return `${Math.floor(fen / 100)}.${String(fen % 100).padStart(2, '0')}`;
}

/** Adds 1 yuan to every third payment. The amount is the fourth column of payments.csv. */
function changeEveryThirdPayment(paymentsFile: string): void {
  const lines = readFileSync(paymentsFile, 'utf8').split('\n');
  for (let index = 3; index < lines.length; index += 3) {
    if (lines[index] === '') continue;
    const cells = lines[index]!.split(',');
    cells[3] = fenToYuan(yuanToFen(cells[3]!) + 100);
    lines[index] = cells.join(',');
  }
  writeFileSync(paymentsFile, lines.join('\n'));
}

/** Sums the household total in fen of the first person in persons.csv from the CSV files. */
function firstHouseholdTotal(dataDir: string): { idNumber: string; totalFen: number } {
  const persons = readFileSync(path.join(dataDir, 'persons.csv'), 'utf8').trim().split('\n').slice(1).map((line) => line.split(','));
  const [idNumber, , householdId] = persons[0]!;
  const members = new Set(persons.filter((cells) => cells[2] === householdId).map((cells) => cells[0]));

  let totalFen = 0;
  const payments = readFileSync(path.join(dataDir, 'payments.csv'), 'utf8').trim().split('\n').slice(1);
  for (const line of payments) {
    const cells = line.split(',');
    if (members.has(cells[1])) totalFen += yuanToFen(cells[3]!);
  }
  return { idNumber: idNumber!, totalFen };
}

/** Publishes options.versions versions into workDir/out and returns a copy of each. */
export async function publishChain(workDir: string, options: ChainOptions): Promise<PublishedChain> {
  mkdirSync(workDir, { recursive: true });
  const root = writeKeyPair(workDir, 'root');
  const county = writeKeyPair(workDir, 'county');
  const rootsDir = path.join(workDir, 'roots');
  const dataDir = path.join(workDir, 'data');
  const outDir = path.join(workDir, 'out');

  await minsheng(['root', 'init', '--out', rootsDir, '--root-key', root.publicKeyFile, '--threshold', '1', '--publisher', `${CHAIN_REGION}=${county.publicKeyFile}`]);
  await minsheng(['root', 'sign', path.join(rootsDir, '1.root.json'), '--key', root.privateKeyFile]);
  // No board files: these bundles exercise the sync's handling of files and processes, which a
  // small payload does as well as a large one, and a thousand fuzz cases copy it each time.
  await minsheng(['demo-data', '--county', CHAIN_REGION, '--households', String(options.households), '--seed', '3', '--boards', 'none', '--out', dataDir]);

  const versions: PublishedVersion[] = [];
  const totals: number[] = [];
  let idNumber = '';
  for (let version = 1; version <= options.versions; version += 1) {
    if (version > 1) changeEveryThirdPayment(path.join(dataDir, 'payments.csv'));
    if (version === 2 && options.rotateRootAfterFirstVersion) {
      await minsheng(['root', 'rotate', '--dir', rootsDir, '--expires-days', '400']);
      await minsheng(['root', 'sign', path.join(rootsDir, '2.root.json'), '--key', root.privateKeyFile]);
    }
    const keep = options.keep === undefined ? [] : ['--keep', String(options.keep)];
    await minsheng(['publish', '--data', dataDir, '--key', county.privateKeyFile, '--out', outDir, '--roots', rootsDir, ...keep]);

    const bundleDir = path.join(workDir, `bundle-v${version}`);
    cpSync(outDir, bundleDir, { recursive: true });
    const manifest = ManifestSchema.parse(JSON.parse(readFileSync(path.join(bundleDir, 'manifest.json'), 'utf8')));
    if (manifest.signed.version !== version) throw new Error(`publish wrote version ${manifest.signed.version}, expected ${version}`);
    versions.push({ version, bundleDir, manifest });

    const household = firstHouseholdTotal(dataDir);
    idNumber = household.idNumber;
    totals.push(household.totalFen);
  }

  return { rootKeyFile: root.publicKeyFile, versions, person: { idNumber, householdTotalFen: totals } };
}
