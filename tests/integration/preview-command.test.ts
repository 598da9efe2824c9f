// `minsheng preview` as a child process on a small valid delivery: it serves the kiosk screens and
// API on the unsigned snapshot, a household is found by its ID number, and Ctrl+C (SIGINT) deletes
// the temporary data folder. A delivery with an error is not previewed. Needs the compiled CLI:
// npm run build:main.
import { spawn } from 'node:child_process';
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it, onTestFinished } from 'vitest';
import { KIOSK_HTTP_PATHS } from '../../src-shared/kiosk-api.js';
import { CLI, runCli } from '../helpers/cli.js';
import { SAMPLE_PAYMENTS, SAMPLE_PERSONS, paymentsCsv, writeSampleDataset } from '../helpers/publisher-data.js';
import { freePort, makeTempDir } from '../helpers/temp.js';

const temp = makeTempDir();
afterAll(() => temp.remove());

/** A TMPDIR of its own per run, so the test sees exactly the folders preview made. */
function newTmpDir(name: string): string {
  const dir = path.join(temp.dir, name);
  mkdirSync(dir);
  return dir;
}

describe('minsheng preview', () => {
  it('serves the unsigned delivery and deletes its data folder when stopped', async () => {
    const dataDir = path.join(temp.dir, 'delivery');
    writeSampleDataset(dataDir);
    const staticDir = path.join(temp.dir, 'static');
    mkdirSync(staticDir);
    writeFileSync(path.join(staticDir, 'index.html'), '<!doctype html><title>kiosk</title>');
    const tmp = newTmpDir('tmp-ok');
    const port = await freePort();

    const child = spawn(process.execPath, [CLI, 'preview', '--data', dataDir, '--port', String(port), '--static', staticDir], {
      env: { ...process.env, MINSHENG_LANG: 'en', TMPDIR: tmp },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    const exited = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
    // A failed assertion must not leave the preview serving: SIGKILL it unless the test stopped it.
    let stopped = false;
    onTestFinished(() => {
      if (!stopped) child.kill('SIGKILL');
    });
    await new Promise<void>((resolve, reject) => {
      child.stdout.on('data', () => stdout.includes('Ctrl+C') && resolve());
      child.on('close', () => reject(new Error(`preview exited early: ${stdout}${stderr}`)));
    });

    expect(stdout).toContain('This is a preview and is not published');
    expect(stdout).toContain(`${new Set(SAMPLE_PERSONS.map((person) => person.householdId)).size} households`);
    expect(readdirSync(tmp).filter((name) => name.startsWith('minsheng-preview-'))).toHaveLength(1);

    const url = `http://127.0.0.1:${port}`;
    const info = (await (await fetch(`${url}${KIOSK_HTTP_PATHS.getSnapshotInfo}`)).json()) as { regionCode: string; expired: boolean };
    expect(info.expired).toBe(false);
    const person = SAMPLE_PERSONS[3]!;
    const lookup = await fetch(`${url}${KIOSK_HTTP_PATHS.lookupHousehold}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ idNumber: person.idNumber }),
    });
    const body = (await lookup.json()) as { status: string; household: { payments: { paymentId: string }[] } };
    expect(body.status).toBe('found');
    const paid = SAMPLE_PAYMENTS.filter((payment) => payment.idNumber === person.idNumber).map((payment) => payment.paymentId);
    expect(body.household.payments.map((payment) => payment.paymentId).sort()).toEqual(paid.sort());
    expect(JSON.stringify(body)).not.toContain(person.idNumber);

    child.kill('SIGINT');
    stopped = true;
    expect(await exited).toBe(0);
    expect(readdirSync(tmp)).toEqual([]);
  });

  it('lists the errors of a delivery it cannot preview and leaves nothing behind', async () => {
    const dataDir = path.join(temp.dir, 'bad-delivery');
    const payments = SAMPLE_PAYMENTS.map((payment, index) => (index === 1 ? { ...payment, amount: '12.345' } : payment));
    writeSampleDataset(dataDir, { 'payments.csv': paymentsCsv(payments) });
    const tmp = newTmpDir('tmp-bad');

    const result = await runCli(['preview', '--data', dataDir, '--port', '0'], { env: { TMPDIR: tmp } });

    expect(result.code).toBe(1);
    expect(result.stderr).toContain('cannot be previewed');
    expect(result.stderr).toContain('payments.csv:3');
    expect(result.stderr).toContain('12.345');
    expect(readdirSync(tmp)).toEqual([]);
  });
});
