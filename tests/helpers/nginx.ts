// A real nginx (Debian's /usr/sbin/nginx) serving a folder on 127.0.0.1, as the county content
// server does. Everything it writes (pid, logs, temp files) stays in its own temp prefix, and
// stop() ends it. Extra `location` blocks let fault tests change what some paths return.
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { freePort, makeTempDir } from './temp.js';

export const NGINX_BINARY = '/usr/sbin/nginx';

export interface NginxOptions {
  /** Folder served at the URL root. */
  root: string;
  /** Extra directives inside the server block, such as `location /x { return 503; }`. */
  locations?: string[];
  /** A whole server block in place of the default one, given the port it must listen on. */
  server?: (port: number) => string;
}

export interface RunningNginx {
  url: string;
  port: number;
  prefix: string;
  stop(): Promise<void>;
  /** The error log so far, for failure messages. */
  errorLog(): string;
  /** Lines of the access log so far (nginx's combined format: request, status, bytes sent). */
  accessLog(): string[];
}

function defaultServer(port: number, options: NginxOptions): string {
  return `server {
    listen 127.0.0.1:${port};
    server_name localhost;
    root ${path.resolve(options.root)};
    ${(options.locations ?? []).join('\n    ')}
  }`;
}

function configText(prefix: string, port: number, options: NginxOptions): string {
  // As root, the master would hand requests to worker processes running as "nobody". Those
  // cannot read a test's private temp folder (nginx returns 403), so keep them on root.
  const user = process.getuid?.() === 0 ? 'user root;' : '';
  const temp = (name: string) => path.join(prefix, 'temp', name);
  return `
${user}
daemon off;
master_process on;
worker_processes 1;
pid ${path.join(prefix, 'nginx.pid')};
error_log ${path.join(prefix, 'error.log')} info;
events { worker_connections 64; }
http {
  access_log ${path.join(prefix, 'access.log')};
  client_body_temp_path ${temp('client_body')};
  proxy_temp_path ${temp('proxy')};
  fastcgi_temp_path ${temp('fastcgi')};
  uwsgi_temp_path ${temp('uwsgi')};
  scgi_temp_path ${temp('scgi')};
  default_type application/octet-stream;
  types { application/json json; }
  sendfile on;
  ${options.server?.(port) ?? defaultServer(port, options)}
}
`;
}

async function waitUntilServing(url: string, child: ChildProcess, errorLog: () => string): Promise<void> {
  for (let attempt = 0; attempt < 200; attempt += 1) {
    if (child.exitCode !== null) {
      throw new Error(`nginx exited with code ${child.exitCode} before serving:\n${errorLog()}`);
    }
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(1000) });
      await response.body?.cancel();
      return;
    } catch {
      await sleep(50);
    }
  }
  throw new Error(`nginx did not answer at ${url} within 10 s:\n${errorLog()}`);
}

export async function startNginx(options: NginxOptions): Promise<RunningNginx> {
  const temp = makeTempDir('minsheng-nginx-');
  const prefix = temp.dir;
  mkdirSync(path.join(prefix, 'temp'), { recursive: true });
  mkdirSync(path.join(prefix, 'logs'), { recursive: true });

  const port = await freePort();
  const configFile = path.join(prefix, 'nginx.conf');
  writeFileSync(configFile, configText(prefix, port, options));

  const child = spawn(NGINX_BINARY, ['-p', prefix, '-c', configFile, '-e', path.join(prefix, 'error.log')], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
  const errorLog = () => {
    let text = stderr;
    try {
      text += readFileSync(path.join(prefix, 'error.log'), 'utf8');
    } catch {
      // No log file yet: nginx failed before opening it, and stderr has the reason.
    }
    return text;
  };

  const url = `http://127.0.0.1:${port}/`;
  try {
    await waitUntilServing(url, child, errorLog);
  } catch (error) {
    child.kill('SIGKILL');
    temp.remove();
    throw error;
  }

  return {
    url,
    port,
    prefix,
    errorLog,
    accessLog() {
      try {
        return readFileSync(path.join(prefix, 'access.log'), 'utf8').split('\n').filter((line) => line !== '');
      } catch {
        return [];
      }
    },
    async stop() {
      if (child.exitCode === null && child.signalCode === null) {
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.kill('SIGQUIT');
        const forced = sleep(5000).then(() => child.kill('SIGKILL'));
        await Promise.race([exited, forced]);
        await exited;
      }
      temp.remove();
    },
  };
}
