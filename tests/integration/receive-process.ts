// `minsheng receive` as a child process of the built command, as a county technician runs it.
import { spawn } from 'node:child_process';
import { CLI, REPO_ROOT } from '../helpers/cli.js';

export interface ReceiveProcess {
  /** The first address it prints: the upload path, or the heartbeat path when it takes heartbeats only. */
  url: string;
  /** Everything the process has written to stdout so far. */
  stdout(): string;
  /** Everything the process has written to stderr so far. */
  stderr(): string;
  /** Sends SIGTERM and resolves with the exit code. */
  stop(): Promise<number | null>;
}

/**
 * Starts the receiver on a free port with `keyFiles` as its --commission-key options (none: heartbeats only), in English.
 * Resolves once it has printed its URL and the stop hint; rejects if it exits before.
 */
export async function startReceiveProcess(dbFile: string, keyFiles: string[]): Promise<ReceiveProcess> {
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
      const match = /running (?:for fleet heartbeats only )?at (http:\/\/\S+)/.exec(stdout);
      if (match && stdout.includes('Ctrl+C')) resolve(match[1]!);
    });
    child.on('close', () => reject(new Error(`receiver exited: ${stderr}`)));
  });
  return {
    url,
    stdout: () => stdout,
    stderr: () => stderr,
    stop: async () => {
      child.kill('SIGTERM');
      return exited;
    },
  };
}
