#!/usr/bin/env node
// `npm run demo:rebuild`: regenerates resources/demo-bundle/ with the real county pipeline,
// exactly as a province and a county would: generate demo data, make a root key and a
// publisher key, write and sign root metadata that delegates the county to the publisher key,
// then validate, build and sign the bundle. Only the bundle, the root metadata and the public
// keys are kept. The private keys and the generated CSV files, which contain demo ID numbers in
// plain text, stay in a temporary folder that is deleted at the end, so none can be committed.
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const ROOT = path.resolve(import.meta.dirname, '..');
const CLI = path.join(ROOT, 'bin/minsheng.js');
const BUNDLE = path.join(ROOT, 'resources/demo-bundle');
// The demo terminal's trust anchor: root version 1, as a technician would provision it.
const DEMO_ROOT = path.join(ROOT, 'kiosk-config/demo-root.json');

// The same values are given in resources/demo-bundle/README.md, so anyone can regenerate the
// data set and read demo ID numbers from its persons.csv.
export const DEMO_DATA_ARGS = ['--county', '431226', '--households', '300', '--seed', '2026'];
const EXPIRES_DAYS = '3650';

function minsheng(args) {
  process.stdout.write(`$ minsheng ${args.join(' ')}\n`);
  const result = spawnSync(process.execPath, [CLI, ...args], { cwd: ROOT, stdio: 'inherit' });
  if (result.status !== 0) {
    let ending = `exit code ${result.status}`;
    if (result.error) ending = result.error.message;
    else if (result.status === null) ending = `signal ${result.signal}`;
    throw new Error(`minsheng ${args[0]} failed: ${ending}`);
  }
}

// Keeps only what a kiosk needs (manifest, its payload, the public key, root metadata version 1)
// and the README.
function removeUnlistedFiles() {
  const manifest = JSON.parse(readFileSync(path.join(BUNDLE, 'manifest.json'), 'utf8'));
  const keep = new Set(['manifest.json', manifest.signed.payload.path, 'publisher.pub', 'README.md', '1.root.json']);
  for (const name of readdirSync(BUNDLE)) {
    if (!keep.has(name)) rmSync(path.join(BUNDLE, name), { recursive: true, force: true });
  }
}

const work = mkdtempSync(path.join(os.tmpdir(), 'minsheng-demo-'));
try {
  const data = path.join(work, 'data');
  const keys = path.join(work, 'keys');
  minsheng(['demo-data', ...DEMO_DATA_ARGS, '--out', data]);
  const roots = path.join(work, 'roots');
  minsheng(['keygen', '--out', keys]);
  minsheng(['keygen', '--out', keys, '--name', 'root']);
  minsheng(['root', 'init', '--out', roots, '--root-key', path.join(keys, 'root.pub'), '--threshold', '1',
    '--publisher', `431226=${path.join(keys, 'publisher.pub')}`, '--expires-days', EXPIRES_DAYS]);
  minsheng(['root', 'sign', path.join(roots, '1.root.json'), '--key', path.join(keys, 'root.key')]);

  // Publishing into the existing bundle folder makes the new version exceed the old one, so a
  // demo terminal that installed the old bundle takes the new one.
  minsheng(['publish', '--data', data, '--key', path.join(keys, 'publisher.key'), '--out', BUNDLE, '--roots', roots,
    '--expires-days', EXPIRES_DAYS]);
  copyFileSync(path.join(keys, 'publisher.pub'), path.join(BUNDLE, 'publisher.pub'));
  copyFileSync(path.join(roots, '1.root.json'), DEMO_ROOT);
  removeUnlistedFiles();
} finally {
  rmSync(work, { recursive: true, force: true });
}
process.stdout.write(`demo bundle written to ${path.relative(ROOT, BUNDLE)}/\n`);
