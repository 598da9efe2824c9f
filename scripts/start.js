#!/usr/bin/env node
// `npm start`: runs the kiosk on the shipped demo data from a fresh clone after `npm ci`.
// 1. builds when dist/ is missing or older than the sources,
// 2. installs resources/demo-bundle/ into .kiosk-data/ with the real `minsheng sync`, trusting
//    what kiosk-config/demo.json names,
// 3. launches Electron with kiosk-config/demo.json, or the browser host where Electron's
//    binary is not installed (`npm run start:browser` goes to the browser host directly).
// Options: --browser, --port N (browser host port).
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';

const ROOT = path.resolve(import.meta.dirname, '..');
const CLI = path.join(ROOT, 'bin/minsheng.js');
const DEMO_CONFIG = 'kiosk-config/demo.json';
const DEMO_BUNDLE = 'resources/demo-bundle';
const DEMO_DATA_DIR = '.kiosk-data';

const BUILD_INPUTS = ['src-main', 'src-shared', 'src-renderer', 'tsconfig.base.json', 'tsconfig.main.json', 'vite.config.ts', 'vite.preload.config.ts'];
const BUILD_OUTPUTS = [
  'dist/main/src-main/cli/main.js',
  'dist/main/src-main/electron/main.js',
  'dist/main/src-shared/messages/translator.js',
  'dist/main/src-main/watchdog/kiosk-command.js',
  'dist/preload/preload.cjs',
  'dist/renderer/index.html',
];

/** Newest modification time under a file or folder, in milliseconds. */
function newestMtime(target) {
  if (!existsSync(target)) return 0;
  const stats = statSync(target);
  if (!stats.isDirectory()) return stats.mtimeMs;
  return readdirSync(target).reduce((newest, name) => Math.max(newest, newestMtime(path.join(target, name))), 0);
}

function buildIsCurrent() {
  const outputs = BUILD_OUTPUTS.map((file) => path.join(ROOT, file));
  if (!outputs.every((file) => existsSync(file))) return false;

  const oldestOutput = Math.min(...outputs.map((file) => statSync(file).mtimeMs));
  const newestInput = Math.max(...BUILD_INPUTS.map((input) => newestMtime(path.join(ROOT, input))));
  return newestInput <= oldestOutput;
}

function run(command, args) {
  const result = spawnSync(command, args, { cwd: ROOT, stdio: 'inherit' });
  return result.status ?? 1;
}

/** Runs a child until it exits, passing Ctrl+C and SIGTERM on to it. */
function runUntilExit(command, args) {
  const child = spawn(command, args, { cwd: ROOT, stdio: 'inherit' });
  const forward = (signal) => child.kill(signal);
  process.on('SIGINT', forward);
  process.on('SIGTERM', forward);
  child.on('exit', (code, signal) => {
    process.exitCode = code ?? (signal ? 1 : 0);
  });
}

const { values } = parseArgs({
  options: { browser: { type: 'boolean', default: false }, port: { type: 'string' } },
  strict: true,
});

// 1. Build. The translator lives in dist/, so this one line cannot come from the catalogs.
if (!buildIsCurrent()) {
  process.stdout.write('正在编译（npm run build）…… / Building (npm run build) ...\n');
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const status = run(npm, ['run', 'build']);
  if (status !== 0) process.exit(status);
}

const { translatorFor } = await import(new URL('../dist/main/src-shared/messages/translator.js', import.meta.url).href);
// The supervisor (minsheng watchdog) finds Electron the same way.
const { findElectronExecutable } = await import(new URL('../dist/main/src-main/watchdog/kiosk-command.js', import.meta.url).href);
const zh = translatorFor('zh-CN');
const en = translatorFor('en');
/** Prints a message in Chinese, then in English. */
function printInBothLanguages(key, options = {}, stream = process.stdout) {
  stream.write(`${zh(key, options)}\n${en(key, options)}\n`);
}

// 2. Install the demo bundle with the real sync, as a terminal would from its county server.
const demoConfig = JSON.parse(readFileSync(path.join(ROOT, DEMO_CONFIG), 'utf8'));
if (!existsSync(path.join(ROOT, DEMO_BUNDLE, 'manifest.json'))) {
  printInBothLanguages('host:demoBundleMissing', { bundle: DEMO_BUNDLE }, process.stderr);
  process.exit(1);
}
printInBothLanguages('host:installingDemo', { bundle: DEMO_BUNDLE });
const syncArgs = [
  CLI,
  'sync',
  '--source', DEMO_BUNDLE,
  '--trust', path.relative(ROOT, path.resolve(ROOT, path.dirname(DEMO_CONFIG), demoConfig.sync.trust)),
  '--data-dir', DEMO_DATA_DIR,
  '--region', demoConfig.regionCode,
];
const syncStatus = run(process.execPath, syncArgs);
if (syncStatus !== 0) {
  printInBothLanguages('host:commandFailed', { code: syncStatus, command: `minsheng ${syncArgs.slice(1).join(' ')}` }, process.stderr);
  process.exit(syncStatus);
}

// 3. Start Electron where its binary is installed, otherwise the browser host.
function startBrowserHost() {
  printInBothLanguages('host:browserHostStarting');
  const serveArgs = [CLI, 'serve', '--data-dir', DEMO_DATA_DIR, '--config', DEMO_CONFIG];
  if (values.port) serveArgs.push('--port', values.port);
  runUntilExit(process.execPath, serveArgs);
}

const electron = values.browser ? null : findElectronExecutable(ROOT);
if (electron?.executable) {
  printInBothLanguages('host:electronStarting', { config: DEMO_CONFIG });
  // NOTE: better-sqlite3 in node_modules is built for Node's ABI; under Electron it must
  // first be rebuilt with @electron/rebuild on a machine that can fetch Electron's headers.
  runUntilExit(electron.executable, [ROOT, '--config', DEMO_CONFIG]);
} else {
  if (electron) printInBothLanguages('host:electronMissing', { reason: electron.reason }, process.stderr);
  startBrowserHost();
}
