// `minsheng keygen` through the built command: both algorithms, --name for root keys, and usage
// errors for a bad --alg or --name in both languages.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { keyIdOfPublicKey, parsePrivateKeyPem, parsePublicKeyPem } from '../../src-main/core/crypto/keys.js';
import { runCli } from '../helpers/cli.js';
import { makeTempDir } from '../helpers/temp.js';

const temp = makeTempDir('minsheng-keygen-');
afterAll(() => temp.remove());

let folderCounter = 0;
function newFolder(): string {
  folderCounter++;
  return path.join(temp.dir, `keys-${folderCounter}`);
}

describe('minsheng keygen --alg', () => {
  it('defaults to Ed25519', async () => {
    const dir = newFolder();

    const result = await runCli(['keygen', '--out', dir]);

    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const publicKeyPem = readFileSync(path.join(dir, 'publisher.pub'), 'utf8');
    expect(parsePublicKeyPem(publicKeyPem).algorithm).toBe('ed25519');
    expect(parsePrivateKeyPem(readFileSync(path.join(dir, 'publisher.key'), 'utf8')).algorithm).toBe('ed25519');
    expect(result.stdout).toContain(`Key ID: ${keyIdOfPublicKey(publicKeyPem)} (Ed25519)`);
  });

  it('writes an SM2 pair that openssl reads', async () => {
    const dir = newFolder();

    const result = await runCli(['keygen', '--out', dir, '--alg', 'sm2']);

    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const keyFile = path.join(dir, 'publisher.key');
    const publicKeyPem = readFileSync(path.join(dir, 'publisher.pub'), 'utf8');
    expect(statSync(keyFile).mode & 0o777).toBe(0o600);
    expect(parsePrivateKeyPem(readFileSync(keyFile, 'utf8')).publicKey.pem).toBe(publicKeyPem);
    expect(result.stdout).toContain(`Key ID: ${keyIdOfPublicKey(publicKeyPem)} (SM2)`);
    expect(execFileSync('openssl', ['pkey', '-in', keyFile, '-pubout'], { encoding: 'utf8' })).toBe(publicKeyPem);
  });

  it('prints the algorithm in Chinese output', async () => {
    const result = await runCli(['keygen', '--out', newFolder(), '--alg', 'sm2'], { env: { MINSHENG_LANG: 'zh-CN' } });

    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/密钥 ID：[0-9a-f]{64}（SM2）/);
  });

  it('rejects an unknown algorithm', async () => {
    const dir = newFolder();

    const result = await runCli(['keygen', '--out', dir, '--alg', 'rsa']);

    expect(result.code).toBe(2);
    expect(result.stderr).toContain('--alg rsa is not a supported algorithm. Use one of: ed25519, sm2.');
    expect(existsSync(dir)).toBe(false);
  });

  it('rejects an unknown algorithm in Chinese', async () => {
    const result = await runCli(['keygen', '--out', newFolder(), '--alg', 'SM2'], { env: { MINSHENG_LANG: 'zh-CN' } });

    expect(result.code).toBe(2);
    expect(result.stderr).toContain('--alg SM2 不是支持的算法。请使用以下之一：ed25519, sm2。');
  });
});

describe('minsheng keygen --name', () => {
  it('writes NAME.key and NAME.pub', async () => {
    const dir = newFolder();

    const result = await runCli(['keygen', '--out', dir, '--alg', 'sm2', '--name', 'root-1']);

    expect(result.code).toBe(0);
    expect(readdirSync(dir).sort()).toEqual(['root-1.key', 'root-1.pub']);
    expect(result.stdout).toContain(path.join(dir, 'root-1.key'));
    expect(statSync(path.join(dir, 'root-1.key')).mode & 0o777).toBe(0o600);
  });

  it('keeps an existing pair of the same name', async () => {
    const dir = newFolder();
    await runCli(['keygen', '--out', dir, '--name', 'root-2']);
    const before = readFileSync(path.join(dir, 'root-2.key'), 'utf8');

    const result = await runCli(['keygen', '--out', dir, '--name', 'root-2', '--alg', 'sm2']);

    expect(result.code).toBe(1);
    expect(result.stderr).toContain('root-2.key already exists');
    expect(readFileSync(path.join(dir, 'root-2.key'), 'utf8')).toBe(before);
  });

  it.each(['../outside', '.hidden', '-dash', 'a/b', '', 'x'.repeat(65)])('rejects the name "%s"', async (name) => {
    const dir = newFolder();

    const result = await runCli(['keygen', '--out', dir, `--name=${name}`]);

    expect(result.code).toBe(2);
    expect(result.stderr).toContain(`--name ${name} is not a valid key name`);
    expect(existsSync(dir)).toBe(false);
  });

  it('rejects a bad name in Chinese', async () => {
    const result = await runCli(['keygen', '--out', newFolder(), '--name', 'a b'], { env: { MINSHENG_LANG: 'zh-CN' } });

    expect(result.code).toBe(2);
    expect(result.stderr).toContain('--name a b 不是有效的密钥名称');
  });
});

describe('minsheng keygen --help', () => {
  it('lists the new options', async () => {
    const result = await runCli(['keygen', '--help']);

    expect(result.code).toBe(0);
    expect(result.stdout).toContain('--alg ALG');
    expect(result.stdout).toContain('--name NAME');
  });
});
