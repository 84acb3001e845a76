import { fork, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The Learning Locker xAPI statements service (npm `xapi-statements`, GPL-3.0,
 * a devDependency only), run as a child process with its in-memory models repo
 * and its test auth/events repos, so no Mongo or Redis is needed. It accepts any
 * Authorization and answers as a real LRS does: 200 with ids, 409 for an id it
 * holds with other content, 400 with a reason for an invalid statement.
 */
export interface LocalLrs {
  endpoint: string;
  port: number;
  stop(): Promise<void>;
  /** The service's own log, for a failing test's message. */
  log(): string;
}

const SERVICE = fileURLToPath(new URL('../../node_modules/xapi-statements/dist/index.js', import.meta.url));

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

export async function startLearningLocker(port?: number): Promise<LocalLrs> {
  const listenOn = port ?? (await freePort());
  // The service reads .env from its working directory and writes logs there: give it an empty one.
  const cwd = mkdtempSync(join(tmpdir(), 'frontline-lrs-'));
  let output = '';
  const child: ChildProcess = fork(SERVICE, [], {
    cwd,
    silent: true,
    env: {
      PATH: process.env['PATH'],
      EXPRESS_PORT: String(listenOn),
      AUTH_REPO: 'test',
      EVENTS_REPO: 'test',
      MODELS_REPO: 'memory',
      STORAGE_REPO: 'local',
      FS_LOCAL_STORAGE_DIR: join(cwd, 'storage'),
      EXPRESS_MORGAN_DIRECTORY: join(cwd, 'access-logs'),
      // Stores before answering, so a GET right after a POST sees the statement.
      SERVICE_AWAIT_UPDATES: 'true',
      WINSTON_CONSOLE_LEVEL: 'warn',
      // aws-sdk v2 prints an end-of-support notice on load.
      AWS_SDK_JS_SUPPRESS_MAINTENANCE_MODE_MESSAGE: '1',
    },
  });
  // If the test process dies first, do not leave an LRS listening behind it.
  const killChild = (): void => void child.kill('SIGKILL');
  process.once('exit', killChild);
  child.once('exit', () => process.off('exit', killChild));
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));

  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`xapi-statements did not start in 30 s:\n${output}`)), 30_000);
    child.once('message', (message) => {
      if (message === 'ready') {
        clearTimeout(timer);
        resolve();
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`xapi-statements exited with ${code}:\n${output}`));
    });
  });

  return {
    endpoint: `http://127.0.0.1:${listenOn}/xAPI`,
    port: listenOn,
    log: () => output,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) {
          rmSync(cwd, { recursive: true, force: true });
          resolve();
          return;
        }
        child.once('exit', () => {
          rmSync(cwd, { recursive: true, force: true });
          resolve();
        });
        child.kill('SIGTERM');
      }),
  };
}

/** Reads statements back through the xAPI GET API (all pages). */
export async function fetchStatements(endpoint: string, query: Record<string, string>): Promise<Array<Record<string, unknown>>> {
  const headers = { 'X-Experience-API-Version': '1.0.3', Authorization: 'Basic dGVzdDp0ZXN0' };
  let url: string | undefined = `${endpoint}/statements?${new URLSearchParams({ limit: '500', ...query })}`;
  const all: Array<Record<string, unknown>> = [];
  while (url) {
    const response = await fetch(url, { headers });
    if (!response.ok) throw new Error(`GET ${url}: ${response.status} ${await response.text()}`);
    const page = (await response.json()) as { statements: Array<Record<string, unknown>>; more?: string };
    all.push(...page.statements);
    url = page.more ? new URL(page.more, endpoint).toString() : undefined;
  }
  return all;
}

export async function fetchStatement(endpoint: string, id: string): Promise<Record<string, unknown> | undefined> {
  const response = await fetch(`${endpoint}/statements?statementId=${id}`, {
    headers: { 'X-Experience-API-Version': '1.0.3', Authorization: 'Basic dGVzdDp0ZXN0' },
  });
  if (response.status === 404) return undefined;
  if (!response.ok) throw new Error(`GET statement ${id}: ${response.status} ${await response.text()}`);
  return (await response.json()) as Record<string, unknown>;
}
