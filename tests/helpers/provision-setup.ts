// A technician's working folder for `minsheng provision` tests: real key files of each kind the
// command checks, a PIN file, and the options of a valid minimal provision with relative paths.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { generateKeyPair } from '../../src-main/core/crypto/keys.js';
import { generateRecipientKeyPair } from '../../src-main/core/reports/seal.js';
import { makeTempDir } from './temp.js';

/** The admin PIN of the tests: eight digits that occur in no other value of the tests. */
export const TEST_PIN = '48291537';

export interface ProvisionSetup {
  /** The working folder; paths below are relative to it. */
  dir: string;
  remove(): void;
}

/** Relative paths of the prepared files inside the working folder. */
export const FILES = {
  publisherKey: 'keys/publisher.pub',
  rootKey1: 'keys/root-1.pub',
  rootKey2: 'keys/root-2.pub',
  privateKey: 'keys/publisher.key',
  commissionKey: 'keys/commission.pub',
  notAKey: 'keys/notes.txt',
  pinFile: 'secret/pin.txt',
  bundles: 'bundles',
  aFile: 'plain-file',
} as const;

export function makeProvisionSetup(): ProvisionSetup {
  const temp = makeTempDir('minsheng-provision-');
  const write = (relative: string, text: string) => {
    mkdirSync(path.dirname(path.join(temp.dir, relative)), { recursive: true });
    writeFileSync(path.join(temp.dir, relative), text);
  };

  const publisher = generateKeyPair('ed25519');
  write(FILES.publisherKey, publisher.publicKeyPem);
  write(FILES.privateKey, publisher.privateKeyPem);
  write(FILES.rootKey1, generateKeyPair('ed25519').publicKeyPem);
  write(FILES.rootKey2, generateKeyPair('sm2').publicKeyPem);
  write(FILES.commissionKey, generateRecipientKeyPair('x25519').publicKeyPem);
  write(FILES.notAKey, 'not a key\n');
  write(FILES.pinFile, `${TEST_PIN}\n`);
  write(FILES.aFile, 'a file, not a folder\n');
  mkdirSync(path.join(temp.dir, FILES.bundles));
  return { dir: temp.dir, remove: temp.remove };
}

/** Returns the options of a valid config with only the required values; a test adds its own. */
export function requiredOptions(configFile: string): string[] {
  return [
    'provision',
    '--config',
    configFile,
    '--terminal-id',
    '431226-JH-01',
    '--terminal-name',
    '锦和镇便民服务中心 1 号机',
    '--region',
    '431226',
    '--data-dir',
    'data',
    '--source',
    'https://minsheng.example.gov.cn/bundles/431226/',
    '--trust',
    FILES.publisherKey,
  ];
}
