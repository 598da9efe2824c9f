// `minsheng provision` on a real terminal: util-linux `script` gives the command a pseudo-terminal,
// so the questions start without --prompt, and the terminal shows what readline echoes. Each
// answer is sent only after its question appears, as a person would type it. The typed name must
// show and the typed PIN must not. Runs the built command (`npm run build:main`).
import { spawn, spawnSync } from 'node:child_process';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyPin } from '../../src-main/core/admin/pin-hash.js';
import { loadTerminalConfig } from '../../src-main/core/config.js';
import { translatorFor } from '../../src-shared/messages/translator.js';
import { CLI } from '../helpers/cli.js';
import { makeProvisionSetup, requiredOptions, TEST_PIN } from '../helpers/provision-setup.js';
import type { ProvisionSetup } from '../helpers/provision-setup.js';

const hasScript = spawnSync('script', ['--version']).status === 0;

function shellQuote(arg: string): string {
  return `'${arg.replaceAll("'", "'\\''")}'`;
}

/** Runs the command on a pseudo-terminal; sends each answer once the text before it has appeared. */
function runOnTerminal(args: string[], cwd: string, dialogue: Array<[waitFor: string, answer: string]>): Promise<{ code: number | null; transcript: string }> {
  return new Promise((resolve, reject) => {
    const command = [process.execPath, CLI, ...args].map(shellQuote).join(' ');
    const child = spawn('script', ['--quiet', '--flush', '--return', '--command', command, '/dev/null'], {
      cwd,
      env: { ...process.env, MINSHENG_LANG: 'en' },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let transcript = '';
    let searchFrom = 0;
    const pending = [...dialogue];
    child.stdout.on('data', (chunk: Buffer) => {
      transcript += chunk.toString('utf8');
      while (pending.length > 0) {
        const found = transcript.indexOf(pending[0]![0], searchFrom);
        if (found === -1) break;
        searchFrom = found + pending[0]![0].length;
        child.stdin.write(`${pending.shift()![1]}\r`);
      }
    });

    const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, transcript });
    });
  });
}

let setup: ProvisionSetup;
beforeAll(() => {
  setup = makeProvisionSetup();
});
afterAll(() => setup.remove());

describe.skipIf(!hasScript)('minsheng provision on a terminal', () => {
  it('echoes answers but not the PIN', async () => {
    const configFile = path.join('etc', 'kiosk.json');
    const required = requiredOptions(configFile);
    const nameAt = required.indexOf('--terminal-name');
    const withoutName = [...required.slice(0, nameAt), ...required.slice(nameAt + 2)];
    const allButAdmin = ['--home-region', '431226101', '--language', 'zh-CN', '--printer', 'no', '--idle-timeout', '90', '--idle-warning', '20'];
    const rest = ['--restart-window', '03:00-04:00', '--report-url', 'https://www.hn12388.gov.cn/', '--heartbeat-url', 'https://county.example/heartbeats'];

    const result = await runOnTerminal([...withoutName, ...allButAdmin, ...rest], setup.dir, [
      ['Terminal name (--terminal-name): ', 'Jinhe Terminal 7'],
      ['Admin PIN', TEST_PIN],
      ['The PIN again: ', TEST_PIN],
      ['(--admin-corner) [top-left]: ', 'top-right'],
    ]);

    expect(result.code).toBe(0);
    expect(result.transcript).toContain('Jinhe Terminal 7');
    expect(result.transcript).toContain('top-right');
    expect(result.transcript).not.toContain(TEST_PIN);
    const loaded = loadTerminalConfig(path.join(setup.dir, configFile), translatorFor('en'));
    expect(loaded.config.terminalName).toBe('Jinhe Terminal 7');
    expect(loaded.config.admin?.corner).toBe('top-right');
    expect(verifyPin(TEST_PIN, loaded.config.admin!.pinHash)).toBe(true);
  });

  it('refuses --admin-pin-stdin on a terminal, where the PIN would show', async () => {
    const result = await runOnTerminal([...requiredOptions(path.join('etc', 'stdin.json')), '--admin-pin-stdin'], setup.dir, []);

    expect(result.code).toBe(2);
    expect(result.transcript).toContain('typed at a terminal, it would show on the screen');
  });
});
