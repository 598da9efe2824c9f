// A terminal with an admin section for the admin service tests. Its config file lies in a
// temporary folder and is parsed by the product's own loader. It has a real PIN hash, a
// publisher key the sync trusts, and a bundle folder the config's source can point at.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { hashPin } from '../../src-main/core/admin/pin-hash.js';
import { loadTerminalConfig } from '../../src-main/core/config.js';
import type { LoadedConfig } from '../../src-main/core/config.js';
import { translatorFor } from '../../src-shared/messages/translator.js';
import { makeBundle, makeTestKeys } from './make-bundle.js';
import type { BuiltSnapshot, TestKeys } from './make-bundle.js';

export const ADMIN_PIN = '246810';
export const REGION = '430121';

// scrypt at the product's cost takes about 80 ms, so every test file hashes the PIN once.
let pinHash: string | null = null;
export function testPinHash(): string {
  pinHash ??= hashPin(ADMIN_PIN);
  return pinHash;
}

export interface AdminTerminal {
  dir: string;
  loaded: LoadedConfig;
  keys: TestKeys;
  /** Folder of a signed bundle of version 1 for REGION. */
  bundleDir: string;
  snapshot: BuiltSnapshot;
}

export interface AdminTerminalOptions {
  /** The sync source; default: the bundle folder. */
  source?: string;
  /** Config fields that replace the defaults, such as printer or reporting. */
  overrides?: Record<string, unknown>;
  admin?: Record<string, unknown>;
}

/** Writes keys, a bundle and a config under `dir`, and loads the config. */
export function makeAdminTerminal(dir: string, options: AdminTerminalOptions = {}): AdminTerminal {
  const keys = makeTestKeys();
  writeFileSync(path.join(dir, 'publisher.pub.pem'), keys.publicKeyPem);
  const bundleDir = path.join(dir, 'bundle');
  const { snapshot } = makeBundle(bundleDir, { version: 1, households: 2, regionCode: REGION, signWith: keys });

  const config = {
    terminalId: 'T-430121-01',
    terminalName: '测试终端',
    regionCode: REGION,
    dataDir: 'data',
    sync: { source: options.source ?? 'bundle', trust: 'publisher.pub.pem' },
    admin: { pinHash: testPinHash(), maxAttempts: 3, lockoutMinutes: 15, ...options.admin },
    ...options.overrides,
  };
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, 'terminal.json');
  writeFileSync(file, `${JSON.stringify(config, null, 2)}\n`);
  return { dir, loaded: loadTerminalConfig(file, translatorFor('en')), keys, bundleDir, snapshot };
}
