// A commission key change through the built commands: `minsheng receive` given the current and
// the previous public key stores reports sealed for either, responds 422 for any other key, and
// `minsheng reports export` given both private keys opens them all.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseRecipientKeyPem } from '../../src-main/core/reports/seal.js';
import type { RecipientKey } from '../../src-main/core/reports/seal.js';
import { runCli } from '../helpers/cli.js';
import { makeTempDir } from '../helpers/temp.js';
import { startReceiveProcess } from './receive-process.js';
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

describe('commission key change', () => {
  it('stores and exports reports sealed for the previous key', async () => {
    const previous = await keygen('previous', 'sm2');
    const current = await keygen('current', 'x25519');
    const dbFile = path.join(temp.dir, 'reports.sqlite');
    const receiver = await startReceiveProcess(dbFile, [current.publicKeyFile, previous.publicKeyFile]);

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
    const receiver = await startReceiveProcess(path.join(temp.dir, 'only-current.sqlite'), [current.publicKeyFile]);
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
