import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ExitCode } from '../../src/errors/exit-codes.js';
import { makeAttempt } from '../core/credential/attempt-fixture.js';
import { loadShippedBank } from '../core/credential/certificate-fixture.js';
import { repoRoot, runCli } from './run-cli.js';

const home = mkdtempSync(join(tmpdir(), 'frontline-trust-'));
const env = { FRONTLINE_HOME: join(home, 'data') };
const cli = (...args: string[]) => runCli(args, { env });
const keys = join(home, 'keys');
const profile = join(keys, 'issuer.json');
let cert = '';
let did = '';

afterAll(() => rmSync(home, { recursive: true, force: true }));

beforeAll(() => {
  const generated = cli('keys', 'generate', '--org', 'Acme Support', '--out', keys, '--json');
  expect(generated.status, generated.stderr).toBe(0);
  did = (JSON.parse(generated.stdout) as { did: string }).did;
  const { bank, hash } = loadShippedBank();
  const attempt = join(home, 'attempt.json');
  writeFileSync(attempt, JSON.stringify(makeAttempt(bank, hash, { id: 'a-trust' })));
  cert = join(home, 'cert.json');
  const issued = cli('issue', attempt, '--bank', `${repoRoot}question-banks/starter.yaml`, '--key', join(keys, 'issuer-key.pem'), '--out', cert);
  expect(issued.status, issued.stderr).toBe(0);
});

describe('trust add', () => {
  it('keys generate says how to trust the key', () => {
    const r = cli('keys', 'generate', '--org', 'Beta', '--out', join(home, 'beta'));
    expect(r.stdout).toContain(`frontline trust add ${join(home, 'beta', 'issuer.json')}`);
  });

  it("builds the data dir's trust file from issuer.json, after which verify passes with no --trust", () => {
    expect(cli('verify', cert).status).toBe(ExitCode.usage);
    const r = cli('trust', 'add', profile, '--from', '2026-01-01');
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^Added Acme Support in /);
    const written = JSON.parse(readFileSync(join(home, 'data', 'trust.json'), 'utf8')) as unknown;
    expect(written).toEqual({ issuers: [{ id: did, name: 'Acme Support', validFrom: '2026-01-01T00:00:00Z' }] });
    const v = cli('verify', cert);
    expect(v.status, v.stdout + v.stderr).toBe(0);
  });

  it('retiring the key (--until before it signed) makes verify refuse it as untrusted', () => {
    const file = join(home, 'retire.json');
    expect(cli('trust', 'add', did, '--name', 'Acme', '--trust', file).status).toBe(0);
    const r = cli('trust', 'add', did, '--until', '2020-01-01', '--trust', file, '--json');
    expect(r.status, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ action: 'updated', entry: { id: did, name: 'Acme', validUntil: '2020-01-01T23:59:59Z' } });
    expect(cli('verify', cert, '--trust', file).status).toBe(ExitCode.untrustedIssuer);
  });

  it('keeps other fields of an existing file and refuses a broken one naming it', () => {
    const file = join(home, 'schema.json');
    writeFileSync(file, JSON.stringify({ $schema: 'https://frontline.dev/schemas/trust.schema.json', issuers: [] }));
    expect(cli('trust', 'add', profile, '--trust', file).status).toBe(0);
    expect(JSON.parse(readFileSync(file, 'utf8'))).toMatchObject({ $schema: 'https://frontline.dev/schemas/trust.schema.json', issuers: [{ id: did }] });
    const broken = join(home, 'broken.json');
    writeFileSync(broken, '{"issuers": [{"id": "nope"}]}');
    const r = cli('trust', 'add', profile, '--trust', broken);
    expect(r.status).toBe(ExitCode.invalidInput);
    expect(r.stderr).toContain(`${broken}: issuers[0].id: expected a did:key`);
  });

  it.each([
    ['a certificate instead of a profile', () => [cert], ExitCode.invalidInput, /a credential, not an issuer profile/],
    ['a malformed did', () => ['did:key:nope'], ExitCode.usage, /is not a did:key/],
    ['a bad date', () => [profile, '--from', 'yesterday'], ExitCode.usage, /--from: expected an ISO 8601 date/],
    ['an empty window', () => [profile, '--from', '2027-01-01', '--until', '2026-01-01'], ExitCode.usage, /no time at all/],
    ['a missing file', () => [join(home, 'none.json')], ExitCode.io, /cannot read: no such file/],
  ])('refuses %s', (_, args, code, message) => {
    const r = cli('trust', 'add', ...args(), '--trust', join(home, 'refused.json'));
    expect(r.status).toBe(code);
    expect(r.stderr).toMatch(message);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });
});

describe('trust add, many at once', () => {
  it('eight concurrent runs on one trust file keep all eight keys', async () => {
    const { generateKeyPairSync } = await import('node:crypto');
    const { didKeyFromPublicKey } = await import('../../src/core/credential/ed25519.js');
    const { startCli } = await import('./spawn-cli.js');
    const file = join(home, 'concurrent-trust.json');
    const dids = Array.from({ length: 8 }, () => didKeyFromPublicKey(generateKeyPairSync('ed25519').publicKey));
    const runs = await Promise.all(dids.map((d) => startCli(['trust', 'add', d, '--trust', file], { env }).done));
    for (const r of runs) expect(r.status, r.stderr).toBe(0);
    const kept = (JSON.parse(readFileSync(file, 'utf8')) as { issuers: Array<{ id: string }> }).issuers.map((i) => i.id);
    expect(kept.sort()).toEqual([...dids].sort());
  });
});
