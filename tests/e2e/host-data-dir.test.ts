import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ExitCode } from '../../src/errors/exit-codes.js';
import { finishedAttempt, STARTER_BANK } from '../fixtures/attempt-builder.js';
import { runCli } from './run-cli.js';
import { startCli } from './spawn-cli.js';

// revoke, report, sync and the outbox, run on an exam host's folder (made by `host init`) as the trainer runs them there.
const root = mkdtempSync(join(tmpdir(), 'frontline-host-data-'));
const hostDir = join(root, 'host');
const key = join(hostDir, 'keys', 'issuer-key.pem');
const onHost = (...args: string[]) => runCli(['--data-dir', hostDir, ...args], { env: { FRONTLINE_LRS_ENDPOINT: '', FRONTLINE_HOME: '' } });
const attemptFile = join(root, 'attempt.json');
let certificateId: string;
let server: Server | undefined;

beforeAll(() => {
  const init = runCli(['host', 'init', hostDir, '--org', 'Acme Support', '--json']);
  expect(init.status, init.stderr).toBe(0);
  writeFileSync(attemptFile, JSON.stringify(finishedAttempt({ id: 'host-a1', start: Date.now() - 3_600_000 }).record));
  const issued = onHost('issue', attemptFile, '--bank', STARTER_BANK, '--key', key, '--json');
  expect(issued.status, issued.stderr).toBe(0);
  certificateId = (JSON.parse(issued.stdout) as { id: string }).id;
  expect(onHost('trust', 'add', join(hostDir, 'keys', 'issuer.json'), '--json').status).toBe(0);
});
afterAll(async () => {
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  rmSync(root, { recursive: true, force: true });
});

describe('the host folder as the data dir', () => {
  it('issue keeps the certificate and the status list in the host folder, and verify there accepts it', () => {
    expect(readdirSync(join(hostDir, 'certificates')).length).toBe(1);
    expect(readdirSync(join(hostDir, 'status')).length).toBeGreaterThan(0);
    const v = onHost('verify', join(hostDir, 'certificates'), '--json');
    expect(v.status, v.stdout + v.stderr).toBe(0);
  });

  it('revoke marks it in the host\'s status list, and verify then says revoked', () => {
    const r = onHost('revoke', certificateId, '--reason', 'issued in error', '--key', key, '--json');
    expect(r.status, r.stderr).toBe(0);
    const v = onHost('verify', join(hostDir, 'certificates'), '--json');
    expect(v.status).toBe(ExitCode.revoked);
  });

  it('report reads the host\'s attempts', () => {
    // issue does not keep the record; a session writes it to attempts/, as here.
    const attempts = join(hostDir, 'attempts');
    writeFileSync(join(attempts, 'host-a1.json'), readFileSync(attemptFile));
    const r = onHost('report', attempts, '--bank', STARTER_BANK, '--json');
    expect(r.status, r.stderr).toBe(0);
    expect((JSON.parse(r.stdout) as { attempts: unknown }).attempts).toMatchObject({ read: 1, used: 1, agents: 1 });
  });

  it('sync queues into the host\'s outbox and empties it into the LRS', async () => {
    const queued = onHost('sync', '--add', attemptFile, '--bank', STARTER_BANK, '--json');
    expect(queued.status, queued.stderr).toBe(0);
    const outbox = () => readdirSync(join(hostDir, 'outbox')).filter((n) => n.endsWith('.json') && !n.startsWith('.'));
    expect(outbox().length).toBeGreaterThan(0);
    const received: string[] = [];
    server = createServer((req, res) => {
      if (req.method === 'GET') return void res.writeHead(404).end();
      let data = '';
      req.on('data', (chunk: Buffer) => (data += chunk.toString()));
      req.on('end', () => {
        const ids = (JSON.parse(data || '[]') as Array<{ id: string }>).map((s) => s.id);
        received.push(...ids);
        res.writeHead(200, { 'Content-Type': 'application/json' }).end(JSON.stringify(ids));
      });
    });
    await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
    const endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}/xAPI`;
    const r = await startCli(['--data-dir', hostDir, 'sync', '--lrs', endpoint, '--retries', '0', '--json']).done;
    expect(r.status, r.stderr).toBe(0);
    expect(received.length).toBeGreaterThan(0);
    expect(outbox()).toEqual([]);
  });
});
