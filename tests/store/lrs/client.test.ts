import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import type { Statement } from '../../../src/core/xapi/statement.js';
import { authorizationHeader, findStored, MAX_RESPONSE_BYTES, postStatements, sendStatements, statementsUrl } from '../../../src/store/lrs/client.js';

interface Reply {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

interface Received {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
  body: Statement[];
}

let server: Server | undefined;

/** A real HTTP server answering each POST from `decide`, recording what it got. */
async function lrs(decide: (request: Received, index: number) => Reply): Promise<{ endpoint: string; received: Received[] }> {
  const received: Received[] = [];
  server = createServer((req, res) => {
    let data = '';
    req.on('data', (chunk: Buffer) => (data += chunk.toString()));
    req.on('end', () => {
      const request = { method: req.method ?? '', url: req.url ?? '', headers: req.headers, body: JSON.parse(data || '[]') as Statement[] };
      received.push(request);
      const reply = decide(request, received.length - 1);
      res.writeHead(reply.status, { 'Content-Type': 'application/json', ...reply.headers });
      res.end(reply.body === undefined ? '' : JSON.stringify(reply.body));
    });
  });
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { endpoint: `http://127.0.0.1:${port}/xapi/`, received };
}

afterEach(async () => {
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  server = undefined;
});

function statement(n: number): Statement {
  return {
    id: `00000000-0000-5000-8000-${String(n).padStart(12, '0')}`,
    actor: { objectType: 'Agent', account: { homePage: 'https://hr.example.com', name: `E${n}` } },
    verb: { id: 'http://adlnet.gov/expapi/verbs/passed', display: { 'en-US': 'passed' } },
    object: { objectType: 'Activity', id: 'https://lms.example.com/a' },
    context: { registration: '0b6f4f1e-8f5c-4c1a-9a57-5d0a3c2f7e11' },
    timestamp: '2026-11-20T09:00:00.000Z',
  };
}

function recordSleeps(): { sleeps: number[]; sleep: (ms: number) => Promise<void> } {
  const sleeps: number[] = [];
  return { sleeps, sleep: async (ms) => void sleeps.push(ms) };
}

describe('postStatements', () => {
  it('POSTs JSON to <endpoint>/statements with the xAPI version and the Authorization header', async () => {
    const server = await lrs((r) => ({ status: 200, body: r.body.map((x) => x.id) }));
    const outcome = await postStatements({ endpoint: server.endpoint, authorization: authorizationHeader('user:secret') }, [statement(1)]);
    expect(outcome).toEqual({ kind: 'stored' });
    const [request] = server.received;
    expect(request).toMatchObject({ method: 'POST', url: '/xapi/statements', body: [statement(1)] });
    expect(request!.headers['x-experience-api-version']).toBe('1.0.3');
    expect(request!.headers['content-type']).toBe('application/json');
    expect(request!.headers['authorization']).toBe(`Basic ${Buffer.from('user:secret').toString('base64')}`);
  });

  it.each([500, 502, 503, 504, 429, 408])('retries a %i with growing backoff, then succeeds', async (status) => {
    const server = await lrs((r, i) => (i < 2 ? { status, body: { message: 'busy' } } : { status: 200, body: r.body.map((x) => x.id) }));
    const { sleeps, sleep } = recordSleeps();
    const outcome = await postStatements({ endpoint: server.endpoint }, [statement(1)], { sleep, random: () => 0.5 });
    expect(outcome).toEqual({ kind: 'stored' });
    expect(server.received).toHaveLength(3);
    expect(sleeps).toEqual([250, 500]);
  });

  it('waits at least what Retry-After asks', async () => {
    const server = await lrs((r, i) => (i === 0 ? { status: 429, headers: { 'Retry-After': '3' } } : { status: 200, body: r.body.map((x) => x.id) }));
    const { sleeps, sleep } = recordSleeps();
    await postStatements({ endpoint: server.endpoint }, [statement(1)], { sleep, random: () => 0 });
    expect(sleeps).toEqual([3000]);
  });

  it('gives up after maxTries and says why', async () => {
    const server = await lrs(() => ({ status: 503, body: { message: 'maintenance' } }));
    const { sleeps, sleep } = recordSleeps();
    const outcome = await postStatements({ endpoint: server.endpoint }, [statement(1)], { sleep, random: () => 0, maxTries: 4 });
    expect(outcome).toEqual({ kind: 'unreachable', reason: '503 maintenance' });
    expect(server.received).toHaveLength(4);
    expect(sleeps).toHaveLength(3);
  });

  it.each([400, 401, 403, 404, 413])('does not retry a %i and reports the LRS reason', async (status) => {
    const server = await lrs(() => ({ status, body: { message: 'no thanks', warnings: ['statements.0.verb.id'] } }));
    const { sleeps, sleep } = recordSleeps();
    const outcome = await postStatements({ endpoint: server.endpoint }, [statement(1)], { sleep });
    expect(outcome).toEqual({ kind: 'rejected', status, reason: `${status} no thanks; statements.0.verb.id` });
    expect(server.received).toHaveLength(1);
    expect(sleeps).toEqual([]);
  });

  it('reports 409 as a conflict, without retrying', async () => {
    const server = await lrs(() => ({ status: 409, body: { message: 'x is conflicting' } }));
    expect(await postStatements({ endpoint: server.endpoint }, [statement(1)])).toEqual({ kind: 'conflict', reason: '409 x is conflicting' });
    expect(server.received).toHaveLength(1);
  });

  // xAPI 1.0.3 §2.1.3: a stored POST answers 200 with the array of the statements' ids, in order.
  it.each([
    ['an HTML captive portal', '<!doctype html><html><body>Log in to the hotel Wi-Fi</body></html>', /an HTML page, not the LRS/],
    ['garbage', 'garbage', /not JSON/],
    ['an empty body', '', /not JSON/],
    ['an empty array', '[]', /not the list of the statement ids sent/],
    ['other ids', JSON.stringify(['00000000-0000-5000-8000-000000000009']), /not the list of the statement ids sent/],
    ['a JSON object', '{"ok":true}', /not the list of the statement ids sent/],
  ])('calls a 200 with %s unreachable (nothing stored), without retrying', async (_, body, reason) => {
    server = createServer((req, res) => {
      req.resume();
      req.on('end', () => res.writeHead(200, { 'Content-Type': 'text/html' }).end(body));
    });
    await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    const outcome = await postStatements({ endpoint: `http://127.0.0.1:${port}` }, [statement(1)], { sleep: async () => {} });
    expect(outcome.kind).toBe('unreachable');
    expect((outcome as { reason: string }).reason).toMatch(reason);
  });

  it.each([200, 500])('stops reading an endless %i body at the cap', async (status) => {
    let written = 0;
    server = createServer((req, res) => {
      req.resume();
      res.writeHead(status);
      const chunk = Buffer.alloc(64 * 1024, 97);
      const pump = () => {
        while (!res.destroyed && written < 1 << 30 && res.write(chunk)) written += chunk.length;
        if (!res.destroyed && written < 1 << 30) res.once('drain', pump);
      };
      pump();
    });
    await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    const outcome = await postStatements({ endpoint: `http://127.0.0.1:${port}` }, [statement(1)], { sleep: async () => {}, maxTries: 1 });
    expect(outcome.kind).toBe('unreachable');
    if (status === 200) expect((outcome as { reason: string }).reason).toMatch(/longer than any list of statement ids/);
    expect(written).toBeLessThan(64 * MAX_RESPONSE_BYTES);
    server.closeAllConnections();
  });

  it('times out a request that never answers and calls the LRS unreachable', async () => {
    server = createServer(() => {
      /* never answers */
    });
    await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    const outcome = await postStatements({ endpoint: `http://127.0.0.1:${port}` }, [statement(1)], { timeoutMs: 200, maxTries: 2, sleep: async () => {} });
    expect(outcome).toEqual({ kind: 'unreachable', reason: 'timed out' });
    server.closeAllConnections();
  });
});

describe('sendStatements', () => {
  it('when a batch is refused, sends each statement alone; a 409 is read back: same content is already stored, other content a conflict', async () => {
    const other = { ...statement(2), verb: { id: 'http://adlnet.gov/expapi/verbs/failed', display: { 'en-US': 'failed' } } };
    // As an LRS keeps it: with the properties it adds itself.
    const stored = new Map<string, unknown>([
      [statement(2).id, { ...other, stored: '2026-11-20T09:00:01.000Z', version: '1.0.0' }],
      [statement(5).id, { ...statement(5), timestamp: '2026-11-20T09:00:00Z', stored: '2026-11-20T09:00:01.000Z', authority: { mbox: 'mailto:lrs@example.com' } }],
    ]);
    const server = await lrs((request) => {
      if (request.method === 'GET') {
        const id = new URL(request.url, 'http://x').searchParams.get('statementId') ?? '';
        return stored.has(id) ? { status: 200, body: stored.get(id) } : { status: 404 };
      }
      if (request.body.some((s) => s.id === statement(3).id)) return { status: 400, body: { message: 'bad statement 3' } };
      if (request.body.some((s) => stored.has(s.id))) return { status: 409, body: { message: 'conflict' } };
      for (const s of request.body) stored.set(s.id, s);
      return { status: 200, body: request.body.map((s) => s.id) };
    });
    const result = await sendStatements({ endpoint: server.endpoint }, [statement(1), statement(2), statement(3), statement(4), statement(5)]);
    expect(result.unreachable).toBeUndefined();
    expect(Object.fromEntries(result.outcomes)).toEqual({
      [statement(1).id]: { kind: 'sent' },
      [statement(2).id]: { kind: 'conflict', reason: '409 conflict: the LRS holds a different statement under this id' },
      [statement(3).id]: { kind: 'rejected', status: 400, reason: '400 bad statement 3' },
      [statement(4).id]: { kind: 'sent' },
      [statement(5).id]: { kind: 'alreadyStored' },
    });
    expect(server.received.map((r) => `${r.method} ${r.body.length}`)).toEqual(['POST 5', 'POST 1', 'POST 1', 'GET 0', 'POST 1', 'POST 1', 'POST 1', 'GET 0']);
  });

  it('findStored tells held-and-same, held-and-different and absent apart', async () => {
    const other = { ...statement(2), result: { response: 'edited' } };
    const server = await lrs((request) => {
      const id = new URL(request.url, 'http://x').searchParams.get('statementId');
      if (id === statement(1).id) return { status: 200, body: statement(1) };
      if (id === statement(2).id) return { status: 200, body: other };
      return { status: 404 };
    });
    const found = await findStored({ endpoint: server.endpoint }, [statement(1), statement(2), statement(3)]);
    expect(Object.fromEntries(found)).toEqual({
      [statement(1).id]: { kind: 'alreadyStored' },
      [statement(2).id]: { kind: 'conflict', reason: 'the LRS holds a different statement under this id' },
    });
  });
});

describe('helpers', () => {
  it.each([
    ['https://lrs.example.com/xAPI', 'https://lrs.example.com/xAPI/statements'],
    ['https://lrs.example.com/xAPI/', 'https://lrs.example.com/xAPI/statements'],
  ])('statementsUrl(%s)', (endpoint, url) => {
    expect(statementsUrl(endpoint)).toBe(url);
  });

  it.each([
    ['key:secret', `Basic ${Buffer.from('key:secret').toString('base64')}`],
    ['Basic a2V5OnNlY3JldA==', 'Basic a2V5OnNlY3JldA=='],
    ['Bearer abc.def', 'Bearer abc.def'],
  ])('authorizationHeader(%s)', (auth, header) => {
    expect(authorizationHeader(auth)).toBe(header);
  });
});
