// A commission key change through the built commands: `minsheng receive` given the current and
// the previous public key stores reports sealed for either, responds 422 for any other key, and
// `minsheng reports export` given both private keys opens them all.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseRecipientKeyPem } from '../../src-main/core/reports/seal.js';
import type { RecipientKey } from '../../src-main/core/reports/seal.js';
import { CLI, REPO_ROOT, runCli } from '../helpers/cli.js';
import { makeTempDir } from '../helpers/temp.js';
import { commissionKeys, reportContent, sealContent, upload, uploadHeaders } from './receiver-client.js';

const temp = makeTempDir('minsheng-key-rotation-');
afterAll(() => temp.remove());

async function keygen(name: string, algorithm: 'x25519' | 'sm2'): Promise<{ publicKeyFile: string; privateKeyFile: string; publicKey: RecipientKey }> {
  const dir = path.join(temp.dir, name);
  const result = await runCli(['reports', 'keygen', '--algorithm', algorithm, '--out', dir]);
  expect(result.code).toBe(0);
  const publicKeyFile = path.join(dir, 'commission.pub.pem');
  return { publicKeyFile, privateKeyFile: path.join(dir, 'commission.key.pem'), publicKey: parseRecipientKeyPem(readFileSync(publicKeyFile, 'utf8')) };
}

/** Starts the built receiver with `keyFiles` as --commission-key options; resolves with its URL and output. */
async function startReceive(dbFile: string, keyFiles: string[]) {
  const keyOptions = keyFiles.flatMap((file) => ['--commission-key', file]);
  const child = spawn(process.execPath, [CLI, 'receive', '--db', dbFile, ...keyOptions, '--port', '0'], {
    cwd: REPO_ROOT,
    env: { ...process.env, MINSHENG_LANG: 'en' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
  const exited = new Promise<number | null>((resolve) => child.on('close', resolve));

  const url = await new Promise<string>((resolve, reject) => {
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString('utf8');
      const match = /running at (http:\/\/\S+)/.exec(stdout);
      if (match && stdout.includes('Ctrl+C')) resolve(match[1]!);
    });
    child.on('close', () => reject(new Error(`receiver exited: ${stderr}`)));
  });
  return {
    url,
    stdout: () => stdout,
    stop: async () => {
      child.kill('SIGTERM');
      return exited;
    },
  };
}

describe('commission key change', () => {
  it('stores and exports reports sealed for the previous key', async () => {
    const previous = await keygen('previous', 'sm2');
    const current = await keygen('current', 'x25519');
    const dbFile = path.join(temp.dir, 'reports.sqlite');
    const receiver = await startReceive(dbFile, [current.publicKeyFile, previous.publicKeyFile]);

    const statuses: number[] = [];
    try {
      for (const [key, text] of [
        [previous.publicKey, 'sealed before the change'],
        [current.publicKey, 'sealed after the change'],
        [commissionKeys('x25519').publicKey, 'sealed for a stranger'],
      ] as const) {
        const { envelope, idempotencyKey } = sealContent(reportContent({ text }), key);
        statuses.push((await upload(receiver.url, envelope, uploadHeaders(envelope, idempotencyKey))).httpStatus);
      }
    } finally {
      expect(await receiver.stop()).toBe(0);
    }

    expect(statuses).toEqual([201, 201, 422]);
    expect(receiver.stdout()).toContain(`previous sm2 key ${previous.publicKey.keyId.toString('hex')}`);

    const outDir = path.join(temp.dir, 'export');
    const exported = await runCli(['reports', 'export', '--db', dbFile, '--key', current.privateKeyFile, '--key', previous.privateKeyFile, '--out', outDir]);

    expect(exported.stderr).toBe('');
    expect(exported.code).toBe(0);
    const csv = readFileSync(path.join(outDir, 'reports.csv'), 'utf8');
    expect(csv).toContain('sealed before the change');
    expect(csv).toContain('sealed after the change');
  });

  it('names the previous-key fix in a 422 reason', async () => {
    const current = await keygen('only-current', 'x25519');
    const receiver = await startReceive(path.join(temp.dir, 'only-current.sqlite'), [current.publicKeyFile]);
    try {
      const { envelope, idempotencyKey } = sealContent(reportContent(), commissionKeys('sm2').publicKey);
      const result = await upload(receiver.url, envelope, uploadHeaders(envelope, idempotencyKey));

      expect(result.httpStatus).toBe(422);
      expect(result.answer.reason).toContain('another --commission-key');
    } finally {
      await receiver.stop();
    }
  });
});
