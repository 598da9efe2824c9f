// `minsheng root` through the built command, with Ed25519 and SM2 keys. One SM2 key pair is made
// by the OpenSSL 3 command line. The steps are init, sign by 2 of 3, a rotation that removes a
// key, signing by old and new keys, and check. A rotation signed only by new keys must fail.
// Needs `npm run build:main` first.
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateKeyPair, keyIdOfPublicKey } from '../../src-main/core/crypto/keys.js';
import type { SignatureAlgorithm } from '../../src-main/core/crypto/key-types.js';
import { RootMetadataSchema } from '../../src-main/core/trust/root-schema.js';
import type { RootMetadata } from '../../src-main/core/trust/root-schema.js';
import { runCli } from '../helpers/cli.js';
import { makeTempDir } from '../helpers/temp.js';

const temp = makeTempDir('minsheng-root-');
const keys = path.join(temp.dir, 'keys');
const roots = path.join(temp.dir, 'roots');

const key = (name: string, kind: 'pub' | 'key') => path.join(keys, `${name}.${kind}`);
const keyId = (name: string) => keyIdOfPublicKey(readFileSync(key(name, 'pub'), 'utf8'));

function writeKeyPair(name: string, algorithm: SignatureAlgorithm): void {
  const pair = generateKeyPair(algorithm);
  writeFileSync(key(name, 'key'), pair.privateKeyPem, { mode: 0o600 });
  writeFileSync(key(name, 'pub'), pair.publicKeyPem);
}

/** Makes an SM2 key pair with the OpenSSL command line, an implementation independent of ours. */
function writeOpensslSm2KeyPair(name: string): void {
  execFileSync('openssl', ['genpkey', '-algorithm', 'EC', '-pkeyopt', 'ec_paramgen_curve:SM2', '-out', key(name, 'key')]);
  execFileSync('openssl', ['pkey', '-in', key(name, 'key'), '-pubout', '-out', key(name, 'pub')]);
}

function readRoot(dir: string, version: number): RootMetadata {
  return RootMetadataSchema.parse(JSON.parse(readFileSync(path.join(dir, `${version}.root.json`), 'utf8')));
}

beforeAll(() => {
  mkdirSync(keys);
  writeKeyPair('root-a', 'ed25519');
  writeOpensslSm2KeyPair('root-b');
  writeKeyPair('root-c', 'ed25519');
  writeKeyPair('root-d', 'sm2');
  writeKeyPair('root-e', 'ed25519');
  writeKeyPair('root-f', 'sm2');
  writeKeyPair('county-a', 'sm2');
  writeKeyPair('county-b', 'ed25519');
});

afterAll(() => temp.remove());

describe('minsheng root', () => {
  it('init writes an unsigned version 1', async () => {
    const result = await runCli([
      'root', 'init', '--out', roots,
      '--root-key', key('root-a', 'pub'), '--root-key', key('root-b', 'pub'), '--root-key', key('root-c', 'pub'),
      '--threshold', '2',
      '--publisher', `430621=${key('county-a', 'pub')},${key('county-b', 'pub')}`,
      '--publisher-threshold', '430621=2',
    ]);

    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const first = readRoot(roots, 1);
    expect(first.signatures).toEqual([]);
    expect(first.signed.root.keyIds).toEqual([keyId('root-a'), keyId('root-b'), keyId('root-c')]);
    expect(first.signed.keys[keyId('root-b')]!.algorithm).toBe('sm2');
    expect(first.signed.publishers['430621']).toEqual({ keyIds: [keyId('county-a'), keyId('county-b')], threshold: 2 });
  });

  it('check fails while version 1 is unsigned', async () => {
    const result = await runCli(['root', 'check', roots]);

    expect(result.code).toBe(1);
    expect(result.stdout).toContain('0 of 3 signed, threshold 2; 2 more needed');
  });

  it('sign by 2 of 3 meets the threshold', async () => {
    const once = await runCli(['root', 'sign', path.join(roots, '1.root.json'), '--key', key('root-a', 'key')]);
    expect(once.code).toBe(0);
    expect(once.stdout).toContain('1 of 3 signed, threshold 2; 1 more needed');

    const twice = await runCli(['root', 'sign', path.join(roots, '1.root.json'), '--key', key('root-b', 'key')]);
    expect(twice.code).toBe(0);
    expect(twice.stdout).toContain('2 of 3 signed, threshold 2 met');
    expect(readRoot(roots, 1).signatures.map((entry) => entry.algorithm)).toEqual(['ed25519', 'sm2']);
  });

  it('check passes version 1', async () => {
    const result = await runCli(['root', 'check', roots]);

    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('valid up to version 1');
  });

  it('rotate removes a key and adds one', async () => {
    const result = await runCli([
      'root', 'rotate', '--dir', roots, '--remove-root-key', key('root-c', 'pub'), '--add-root-key', key('root-d', 'pub'),
    ]);

    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const second = readRoot(roots, 2);
    expect(second.signed.version).toBe(2);
    expect(second.signed.root).toEqual({ keyIds: [keyId('root-a'), keyId('root-b'), keyId('root-d')], threshold: 2 });
    expect(second.signed.keys[keyId('root-c')]).toBeUndefined();
    expect(second.signatures).toEqual([]);
  });

  it('sign by old and new keys reports both thresholds', async () => {
    const file = path.join(roots, '2.root.json');

    // C counts only for version 1, D only for version 2.
    const first = await runCli(['root', 'sign', file, '--key', key('root-c', 'key'), '--key', key('root-d', 'key')]);
    expect(first.code).toBe(0);
    expect(first.stdout).toContain('Root keys of version 1 (previous): 1 of 3 signed, threshold 2; 1 more needed.');
    expect(first.stdout).toContain('Root keys of version 2 (this version): 1 of 3 signed, threshold 2; 1 more needed.');

    const second = await runCli(['root', 'sign', file, '--key', key('root-a', 'key')]);
    expect(second.code).toBe(0);
    expect(second.stdout).toContain('Root keys of version 1 (previous): 2 of 3 signed, threshold 2 met.');
    expect(second.stdout).toContain('Root keys of version 2 (this version): 2 of 3 signed, threshold 2 met.');
  });

  it('check passes the chain of 2', async () => {
    const result = await runCli(['root', 'check', roots]);

    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Version 2 (2.root.json):');
    expect(result.stdout).toContain('valid up to version 2');
  });

  it('check rejects a rotation signed only by new keys', async () => {
    const forked = path.join(temp.dir, 'forked');
    cpSync(roots, forked, { recursive: true });

    const rotate = await runCli([
      'root', 'rotate', '--dir', forked,
      '--remove-root-key', keyId('root-a'), '--remove-root-key', keyId('root-b'),
      '--add-root-key', key('root-e', 'pub'), '--add-root-key', key('root-f', 'pub'),
    ]);
    expect(rotate.code).toBe(0);
    const sign = await runCli(['root', 'sign', path.join(forked, '3.root.json'), '--key', key('root-e', 'key'), '--key', key('root-f', 'key')]);
    expect(sign.code).toBe(0);

    const result = await runCli(['root', 'check', forked]);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('Root keys of version 2 (previous): 0 of 3 signed, threshold 2; 2 more needed.');
    expect(result.stdout).toContain('Root keys of version 3 (this version): 2 of 3 signed, threshold 2 met.');
    expect(result.stderr).toContain('failed the check');
  });

  it('check rejects a hand-edited version', async () => {
    const edited = path.join(temp.dir, 'edited');
    cpSync(roots, edited, { recursive: true });
    const second = readRoot(edited, 2);
    second.signed.root.threshold = 1;
    writeFileSync(path.join(edited, '2.root.json'), JSON.stringify(second));

    const result = await runCli(['root', 'check', edited]);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('do not verify');
  });
});

describe('minsheng root input errors', () => {
  const scratch = () => path.join(temp.dir, `scratch-${Math.random().toString(16).slice(2)}`);

  it('rejects a private key given as root key', async () => {
    const out = scratch();
    const result = await runCli(['root', 'init', '--out', out, '--root-key', key('root-a', 'key'), '--threshold', '1']);

    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`${key('root-a', 'key')} contains a private key, but a public key is expected`);
    expect(existsSync(out)).toBe(false);
  });

  it('rejects a public key given for signing', async () => {
    const before = readFileSync(path.join(roots, '2.root.json'), 'utf8');
    const result = await runCli(['root', 'sign', path.join(roots, '2.root.json'), '--key', key('root-a', 'pub')]);

    expect(result.code).toBe(1);
    expect(result.stderr).toContain('contains a public key, but signing needs the private key');
    expect(readFileSync(path.join(roots, '2.root.json'), 'utf8')).toBe(before);
  });

  it('rejects a missing key file', async () => {
    const missing = path.join(keys, 'absent.pub');
    const result = await runCli(['root', 'init', '--out', scratch(), '--root-key', missing, '--threshold', '1']);

    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`Key file ${missing} not found`);
  });

  it('rejects a threshold above the key count', async () => {
    const result = await runCli(['root', 'init', '--out', scratch(), '--root-key', key('root-a', 'pub'), '--threshold', '2']);

    expect(result.code).toBe(1);
    expect(result.stderr).toContain('Threshold 2 for the root role is higher than its key count (1)');
  });

  it('rejects a threshold below 1', async () => {
    const result = await runCli(['root', 'init', '--out', scratch(), '--root-key', key('root-a', 'pub'), '--threshold', '0']);

    expect(result.code).toBe(1);
    expect(result.stderr).toContain('Threshold 0 for the root role is too low');
  });

  it('rejects a bad county code', async () => {
    const result = await runCli([
      'root', 'init', '--out', scratch(), '--root-key', key('root-a', 'pub'), '--threshold', '1',
      '--publisher', `43062=${key('county-a', 'pub')}`,
    ]);

    expect(result.code).toBe(1);
    expect(result.stderr).toContain('Invalid county code "43062"');
  });

  it('rejects a duplicate key', async () => {
    const result = await runCli([
      'root', 'init', '--out', scratch(), '--root-key', key('root-a', 'pub'), '--root-key', key('root-a', 'pub'), '--threshold', '1',
    ]);

    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`Key ${keyId('root-a')} is listed twice in the root role`);
  });

  it('rejects an unknown key ID', async () => {
    const unknown = 'ab'.repeat(32);
    const result = await runCli(['root', 'rotate', '--dir', roots, '--remove-root-key', unknown]);

    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`Key ${unknown} is not in root version 2`);
    expect(existsSync(path.join(roots, '3.root.json'))).toBe(false);
  });

  it('rejects a key of neither version', async () => {
    const result = await runCli(['root', 'sign', path.join(roots, '2.root.json'), '--key', key('county-a', 'key')]);

    expect(result.code).toBe(1);
    expect(result.stderr).toContain('is a root key of neither version 2 nor version 1');
  });

  it('rejects init into a folder with roots', async () => {
    const result = await runCli(['root', 'init', '--out', roots, '--root-key', key('root-e', 'pub'), '--threshold', '1']);

    expect(result.code).toBe(1);
    expect(result.stderr).toContain('already contains root files (newest 2.root.json)');
  });

  it('reports errors in Chinese by default', async () => {
    const result = await runCli(['root', 'init', '--out', scratch(), '--root-key', key('root-a', 'pub'), '--threshold', '3'], {
      env: { MINSHENG_LANG: '' },
    });

    expect(result.code).toBe(1);
    expect(result.stderr).toContain('根角色的门限 3 大于其密钥个数 1');
  });
});
