// The kiosk command the supervisor starts when none is given: the Electron app, started the way
// `npm start` starts it in a checkout, or the packaged app's own executable.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

export type KioskCommand = { ok: true; command: string; args: string[]; env: NodeJS.ProcessEnv } | { ok: false; reason: string };

/** The process the CLI runs in: Node, or a packaged Electron app run with ELECTRON_RUN_AS_NODE=1. */
export interface HostProcess {
  execPath: string;
  versions: NodeJS.ProcessVersions;
  env: NodeJS.ProcessEnv;
}

/**
 * Finds the Electron executable that `npm install` put under node_modules/electron, or returns
 * why it is missing. It reads path.txt instead of calling require('electron'), because from
 * Electron 42 on that require downloads the binary when it is missing.
 */
export function findElectronExecutable(packageRoot: string): { executable: string } | { reason: string } {
  const packageDir = path.join(packageRoot, 'node_modules/electron');
  const pathFile = path.join(packageDir, 'path.txt');
  if (!existsSync(packageDir)) return { reason: 'node_modules/electron not found' };
  if (!existsSync(pathFile)) return { reason: 'node_modules/electron/path.txt not found' };

  const executable = path.join(packageDir, 'dist', readFileSync(pathFile, 'utf8').trim());
  if (!existsSync(executable)) return { reason: `${path.relative(packageRoot, executable)} not found` };
  return { executable };
}

/**
 * Returns the command that starts the Electron kiosk with `configFile`. Inside a packaged app
 * the CLI runs on the app's own executable (ELECTRON_RUN_AS_NODE=1), which starts the kiosk
 * when run without that variable. In a checkout it is node_modules' Electron with the package
 * folder as the app, as scripts/start.js runs it.
 */
export function electronKioskCommand(configFile: string, packageRoot: string, host: HostProcess): KioskCommand {
  const env = { ...host.env };
  delete env.ELECTRON_RUN_AS_NODE;

  // NOTE: not yet run inside a real packaged app, because Electron cannot be downloaded here.
  if (host.versions.electron !== undefined) return { ok: true, command: host.execPath, args: ['--config', configFile], env };

  const electron = findElectronExecutable(packageRoot);
  if ('reason' in electron) return { ok: false, reason: electron.reason };
  return { ok: true, command: electron.executable, args: [packageRoot, '--config', configFile], env };
}
