import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { ExitCode } from '../../src/errors/exit-codes.js';
import { finishedAttempt } from '../fixtures/attempt-builder.js';
import { runCli } from './run-cli.js';
import { startCli } from './spawn-cli.js';

const home = mkdtempSync(join(tmpdir(), 'frontline-sync-faults-'));
let server: Server | undefined;
afterAll(() => rmSync(home, { recursive: true, force: true }));
afterEach(async () => {
  server?.closeAllConnections();
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  server = undefined;
});

/** A data dir with `count` attempts queued (no LRS configured, so `sync --add` only queues). */
function queued(name: string, count: number): string {
  const dataDir = join(home, name);
  const files = Array.from({ length: count }, (_, i) => {
    const path = join(home, `${name}-${i}.json`);
    writeFileSync(path, JSON.stringify(finishedAttempt({ id: `${name}-${i}` }).record));
    return path;
  });
  const r = runCli(['--data-dir', dataDir, 'sync', '--add', ...files], { env: { FRONTLINE_LRS_ENDPOINT: '' } });
  expect(r.status, r.stderr).toBe(0);
  return dataDir;
}

const outboxFiles = (dataDir: string) => readdirSync(join(dataDir, 'outbox')).filter((n) => n.endsWith('.json') && !n.startsWith('.'));

async function listen(handle: (ids: string[], reply: (status: number, body: string) => void) => void): Promise<string> {
  server = createServer((req, res) => {
    // GET statements?statementId=… (sync's check of what the LRS holds): this LRS holds nothing else.
    if (req.method === 'GET') return void res.writeHead(404).end();
    let data = '';
    req.on('data', (chunk: Buffer) => (data += chunk.toString()));
    req.on('end', () => {
      const ids = (JSON.parse(data || '[]') as Array<{ id: string }>).map((s) => s.id);
      handle(ids, (status, body) => res.writeHead(status, { 'Content-Type': 'application/json' }).end(body));
    });
  });
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/xAPI`;
}

describe('sync against a server that is not an LRS', () => {
  it('a captive portal answering 200 with HTML: exit offline, the outbox is kept, and says why', async () => {
    const dataDir = queued('portal', 2);
    const before = outboxFiles(dataDir);
    const endpoint = await listen((_ids, reply) => reply(200, '<html><body>Please log in to the guest Wi-Fi</body></html>'));
    // Not spawnSync: the server answers from this process.
    const r = await startCli(['--data-dir', dataDir, 'sync', '--lrs', endpoint, '--retries', '0']).done;
    expect(r.status, r.stderr).toBe(ExitCode.offline);
    expect(r.stdout, r.stdout).toMatch(/sent 0 statement\(s\)/);
    expect(r.stdout).toMatch(/could not reach the LRS: 200, but the answer is an HTML page, not the LRS \(a captive portal or proxy\?\)/);
    expect(outboxFiles(dataDir)).toEqual(before);
  });
});

describe('two sync runs at once', () => {
  it('send each statement once between them, and their counts add up to the queue', async () => {
    const dataDir = queued('twice', 6);
    const received: string[] = [];
    // A slow LRS, so the two runs overlap.
    const endpoint = await listen((ids, reply) => {
      received.push(...ids);
      setTimeout(() => reply(200, JSON.stringify(ids)), 300);
    });
    const [a, b] = await Promise.all([1, 2].map(() => startCli(['--data-dir', dataDir, 'sync', '--lrs', endpoint, '--batch-size', '5', '--json']).done));
    expect(a!.status, a!.stderr).toBe(0);
    expect(b!.status, b!.stderr).toBe(0);
    const sent = [a!, b!].map((r) => (JSON.parse(r.stdout) as { sent: number }).sent);
    expect(new Set(received).size).toBe(received.length);
    expect(sent[0]! + sent[1]!).toBe(received.length);
    expect(sent.includes(0)).toBe(true);
    expect(outboxFiles(dataDir)).toEqual([]);
  });
});
