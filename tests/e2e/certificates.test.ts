import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { chmodSync, copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ExitCode } from '../../src/errors/exit-codes.js';
import validateCertificate from '../../src/generated/certificate.validate.js';
import { makeAttempt } from '../core/credential/attempt-fixture.js';
import { loadShippedBank } from '../core/credential/certificate-fixture.js';
import { repoRoot, runCli } from './run-cli.js';

const bankFile = `${repoRoot}question-banks/starter.yaml`;
const home = mkdtempSync(join(tmpdir(), 'frontline-certs-'));
const keys = join(home, 'keys');
const work = join(home, 'work');
mkdirSync(work);
const env = { FRONTLINE_HOME: join(home, 'data') };
const cli = (...args: string[]) => runCli(args, { env });

function writeJson(name: string, value: unknown): string {
  const path = join(work, name);
  writeFileSync(path, JSON.stringify(value, null, 2));
  return path;
}

const noStack = (stderr: string) => expect(stderr).not.toMatch(/\n\s+at /);

let did = '';
let certFile = '';
let certId = '';
let trustFile = '';

afterAll(() => rmSync(home, { recursive: true, force: true }));

beforeAll(() => {
  const generated = cli('keys', 'generate', '--org', 'Acme Support', '--out', keys, '--json');
  expect(generated.status, generated.stderr).toBe(0);
  did = (JSON.parse(generated.stdout) as { did: string }).did;
  trustFile = writeJson('trust.json', { issuers: [{ id: did, name: 'Acme Support', validFrom: '2020-01-01T00:00:00Z' }] });
  const { bank, hash } = loadShippedBank();
  const passed = writeJson('passed.json', makeAttempt(bank, hash, { id: 'a-pass', email: 'amara@example.com' }));
  const issued = cli('issue', passed, '--bank', bankFile, '--key', join(keys, 'issuer-key.pem'), '--out', join(work, 'cert.json'), '--json');
  expect(issued.status, issued.stderr).toBe(0);
  const out = JSON.parse(issued.stdout) as { id: string; files: string[] };
  certId = out.id;
  certFile = join(work, 'cert.json');
  expect(out.files).toContain(certFile);
});

describe('keys generate', () => {
  it.skipIf(process.platform === 'win32')('writes the private key 0600', () => {
    expect(statSync(join(keys, 'issuer-key.pem')).mode & 0o777).toBe(0o600);
  });

  it('refuses to replace an existing key without --force: exists (9)', () => {
    const r = cli('keys', 'generate', '--org', 'Acme Support', '--out', keys);
    expect(r.status).toBe(ExitCode.exists);
    expect(ExitCode.exists).toBe(9);
    expect(r.stderr).toMatch(/a key already exists/);
  });

  it('requires --org, as a usage error', () => {
    const r = cli('keys', 'generate', '--out', join(home, 'k2'));
    expect(r.status).toBe(ExitCode.usage);
    expect(r.stderr).toMatch(/--org is required/);
  });
});

describe('issue', () => {
  const { bank, hash } = loadShippedBank();

  it('writes a certificate that matches the schema and verifies', () => {
    const cert = JSON.parse(readFileSync(certFile, 'utf8')) as unknown;
    expect(validateCertificate(cert)).toBe(true);
    const r = cli('verify', certFile, '--trust', trustFile);
    expect(r.status, r.stdout + r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^VALID/);
  });

  it('without --trust, reads trust.json in the data dir, and says where to put one when there is none', () => {
    const defaultTrust = join(home, 'data', 'trust.json');
    const missing = cli('verify', certFile);
    expect(missing.status).toBe(ExitCode.usage);
    expect(missing.stderr).toContain(`no trust file: pass --trust <file> or create ${defaultTrust}`);
    noStack(missing.stderr);
    copyFileSync(trustFile, defaultTrust);
    try {
      const r = cli('verify', certFile);
      expect(r.status, r.stdout + r.stderr).toBe(0);
    } finally {
      rmSync(defaultTrust);
    }
  });

  it.each([
    ['a new folder named with a trailing slash', 'new-certs/', true],
    ['an existing folder', 'existing-certs', false],
  ])('puts the certificate in %s under its id', (_, out, create) => {
    const folder = join(work, out);
    if (!create) mkdirSync(folder);
    const attempt = writeJson(`out-${out.replace('/', '')}.json`, makeAttempt(bank, hash, { id: `a-out-${out.length}` }));
    const r = cli('issue', attempt, '--bank', bankFile, '--key', join(keys, 'issuer-key.pem'), '--out', join(work, out), '--json');
    expect(r.status, r.stderr).toBe(0);
    const { id, files } = JSON.parse(r.stdout) as { id: string; files: string[] };
    const written = join(folder, `${id.replace('urn:uuid:', '')}.json`);
    expect(readdirSync(folder)).toEqual([`${id.replace('urn:uuid:', '')}.json`]);
    expect(files).toContain(written);
    expect(cli('verify', folder, '--trust', trustFile).status).toBe(0);
  });

  it('refuses a second certificate for the same attempt: alreadyIssued (8)', () => {
    const passed = join(work, 'passed.json');
    const again = cli('issue', passed, '--bank', bankFile, '--key', join(keys, 'issuer-key.pem'));
    expect(again.status).toBe(ExitCode.alreadyIssued);
    expect(ExitCode.alreadyIssued).toBe(8);
    expect(again.stderr).toMatch(/already has certificate urn:uuid:/);
    noStack(again.stderr);
  });

  it('refuses a failing attempt with the reason (exit failed)', () => {
    const file = writeJson('failed.json', makeAttempt(bank, hash, { id: 'a-fail', pass: false }));
    const r = cli('issue', file, '--bank', bankFile, '--key', join(keys, 'issuer-key.pem'));
    expect(r.status).toBe(ExitCode.failed);
    expect(r.stderr).toMatch(/did not pass on re-scoring: 0% overall, below the pass mark of 70%/);
    noStack(r.stderr);
  });

  it('refuses a tampered attempt (form edited) as altered', () => {
    const attempt = makeAttempt(bank, hash, { id: 'a-tampered' });
    const file = writeJson('tampered-attempt.json', { ...attempt, form: [...attempt.form].reverse() });
    const r = cli('issue', file, '--bank', bankFile, '--key', join(keys, 'issuer-key.pem'));
    expect(r.status).toBe(ExitCode.altered);
    expect(r.stderr).toMatch(/not issued \(altered\): .*the record was altered/);
  });

  it('refuses an attempt on another bank (hash mismatch)', () => {
    const file = writeJson('other-bank.json', makeAttempt(bank, `sha256:${'1'.repeat(64)}`, { id: 'a-other' }));
    const r = cli('issue', file, '--bank', bankFile, '--key', join(keys, 'issuer-key.pem'));
    expect(r.status).toBe(ExitCode.invalidInput);
    expect(r.stderr).toMatch(/but this bank is starter/);
  });

  it.skipIf(process.platform === 'win32')('refuses a group-readable key (exit insecureKey)', () => {
    const loose = join(home, 'loose');
    mkdirSync(loose);
    for (const f of ['issuer-key.pem', 'issuer.json']) copyFileSync(join(keys, f), join(loose, f));
    chmodSync(join(loose, 'issuer-key.pem'), 0o640);
    const file = writeJson('passed-2.json', makeAttempt(bank, hash, { id: 'a-pass-2' }));
    const r = cli('issue', file, '--bank', bankFile, '--key', join(loose, 'issuer-key.pem'));
    expect(r.status).toBe(ExitCode.insecureKey);
    expect(r.stderr).toMatch(/readable by group or others/);
  });
});

describe('verify', () => {
  const verdicts = (stdout: string) => JSON.parse(stdout) as { results: Array<{ file: string; ok: boolean; reason: string }>; summary: { exitCode: number } };

  it.each([
    ['expired', ['--at', '2099-01-01T00:00:00Z'], ExitCode.expired],
    ['not-yet-valid', ['--at', '2000-01-01T00:00:00Z'], ExitCode.notYetValid],
  ])('%s', (reason, extra, code) => {
    const r = cli('verify', certFile, '--trust', trustFile, '--json', ...extra);
    expect(r.status).toBe(code);
    expect(verdicts(r.stdout).results[0]).toMatchObject({ ok: false, reason });
  });

  it('untrusted issuer', () => {
    const other = writeJson('other-trust.json', { issuers: [{ id: 'did:key:z6MkrJVnaZkeFzdQyMZu1cgjg7k1pZZ6pvBQ7XJPt4swbTQ2' }] });
    const r = cli('verify', certFile, '--trust', other, '--json');
    expect(r.status).toBe(ExitCode.untrustedIssuer);
    expect(verdicts(r.stdout).results[0]?.reason).toBe('untrusted-issuer');
  });

  it('status unknown when no status list is available', () => {
    const empty = join(home, 'no-lists');
    mkdirSync(empty, { recursive: true });
    const r = cli('verify', certFile, '--trust', trustFile, '--status', empty);
    expect(r.status).toBe(ExitCode.statusUnknown);
  });

  it('tampered, truncated and not-JSON files each fail for their own reason; mixed reasons exit failed', () => {
    const text = readFileSync(certFile, 'utf8');
    const dir = join(home, 'batch');
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, '1-good.json'), text);
    writeFileSync(join(dir, '2-tampered.json'), text.replace('"100.0"', '"100.1"'));
    writeFileSync(join(dir, '3-truncated.json'), text.slice(0, 500));
    writeFileSync(join(dir, '4-not-json.json'), 'PK\u0003\u0004 this is a zip file');
    const r = cli('verify', dir, '--trust', trustFile, '--json');
    expect(r.status).toBe(ExitCode.failed);
    expect(verdicts(r.stdout).results.map((v) => v.reason)).toEqual(['ok', 'bad-signature', 'truncated', 'not-json']);
    for (const [file, code] of [['2-tampered.json', ExitCode.badSignature], ['3-truncated.json', ExitCode.malformed], ['4-not-json.json', ExitCode.malformed]] as const) {
      expect(cli('verify', join(dir, file), '--trust', trustFile).status).toBe(code);
    }
    noStack(r.stderr);
  });

  it('several threads give the same lines, JSON and exit status as one, in file order', () => {
    const text = readFileSync(certFile, 'utf8');
    const dir = join(home, 'threads');
    mkdirSync(join(dir, 'nested'), { recursive: true });
    const variants = [text, text.replace('"100.0"', '"100.1"'), text.slice(0, 500), 'not json', text];
    for (let i = 0; i < 40; i += 1) writeFileSync(join(dir, i % 7 ? '' : 'nested', `${String(i).padStart(2, '0')}.json`), variants[i % variants.length] as string);
    const one = cli('verify', dir, '--trust', trustFile, '--threads', '1');
    expect(one.status).toBe(ExitCode.failed);
    // One verdict per file, each starting a line; longer verdicts continue on indented lines within 80 columns.
    expect(one.stdout.match(/^(VALID|INVALID) /gm)).toHaveLength(40);
    for (const line of one.stdout.split('\n')) expect(line.length, line).toBeLessThanOrEqual(80);
    for (const threads of ['2', '3']) {
      const many = cli('verify', dir, '--trust', trustFile, '--threads', threads);
      expect(many).toEqual(one);
      expect(cli('verify', dir, '--trust', trustFile, '--json', '--at', '2027-01-01T00:00:00Z', '--threads', threads)).toEqual(
        cli('verify', dir, '--trust', trustFile, '--json', '--at', '2027-01-01T00:00:00Z', '--threads', '1'),
      );
    }
    // An entry that cannot be read gets its own verdict in its place and the rest are still checked, whatever the
    // thread count (issue 17.13); a folder named like a certificate is searched, not read.
    mkdirSync(join(dir, '15x.json'));
    writeFileSync(join(dir, '15x.json', 'inside.json'), text);
    if (process.platform !== 'win32') execFileSync('mkfifo', [join(dir, '30x.json')]);
    const unreadable = cli('verify', dir, '--trust', trustFile, '--threads', '1');
    expect(unreadable.status).toBe(ExitCode.failed);
    const joined = unreadable.stdout.replace(/\n {8}/g, '  ');
    expect(joined.match(/^(VALID|INVALID) /gm)).toHaveLength(process.platform === 'win32' ? 41 : 42);
    expect(joined).toContain(`${join(dir, '15x.json', 'inside.json')}  `);
    if (process.platform !== 'win32') expect(joined).toMatch(/INVALID .*30x\.json {2}unreadable: cannot read: a named pipe \(FIFO\), not a file/);
    expect(cli('verify', dir, '--trust', trustFile, '--threads', '3')).toEqual(unreadable);
    noStack(unreadable.stderr);
  });

  it('a folder of 600 files with no certificate among them ends with its own error: the threads started for them do not keep verify running', () => {
    const dir = join(home, 'no-certificates');
    mkdirSync(dir, { recursive: true });
    for (let i = 0; i < 600; i += 1) writeFileSync(join(dir, `${i}.txt`), 'not a certificate');
    // A thread still holding the process would run into runCli's timeout: no status at all.
    const r = cli('verify', dir, '--trust', trustFile, '--threads', '2');
    expect(r.status).toBe(ExitCode.invalidInput);
    expect(r.stderr).toContain('no .json files');
  });

  it('--threads takes a whole number of 1 or more', () => {
    expect(cli('verify', certFile, '--trust', trustFile, '--threads', '0').status).toBe(ExitCode.usage);
  });

  it('accepts the proof as an array of one (as issued) or as an object; refuses two proofs as malformed', () => {
    const cert = JSON.parse(readFileSync(certFile, 'utf8')) as { proof: unknown[] };
    expect(cert.proof).toHaveLength(1);
    const asObject = writeJson('proof-object.json', { ...cert, proof: cert.proof[0] });
    expect(cli('verify', asObject, '--trust', trustFile).status).toBe(0);
    const two = writeJson('proof-two.json', { ...cert, proof: [cert.proof[0], cert.proof[0]] });
    const r = cli('verify', two, '--trust', trustFile);
    expect(r.status).toBe(ExitCode.malformed);
    expect(r.stdout).toMatch(/a set of 2 proofs/);
  });

  it('--json with one missing path reports that path (unreadable, exit io) and verifies the rest', () => {
    const missing = join(work, 'no-such-cert.json');
    const r = cli('verify', certFile, missing, certFile, '--trust', trustFile, '--json');
    expect(r.status).toBe(ExitCode.io);
    const out = verdicts(r.stdout);
    expect(out.results.map((v) => [v.file, v.reason])).toEqual([[certFile, 'ok'], [missing, 'unreadable'], [certFile, 'ok']]);
    expect(out.summary.exitCode).toBe(ExitCode.io);
  });

  it('--json prints only JSON', () => {
    const r = cli('verify', certFile, '--trust', trustFile, '--json');
    expect(() => JSON.parse(r.stdout) as unknown).not.toThrow();
    expect(verdicts(r.stdout).summary.exitCode).toBe(0);
  });
});

describe('export', () => {
  it('refuses without a trust file, saying how to get one or go on unverified', () => {
    const r = cli('export', certFile);
    expect(r.status).toBe(ExitCode.usage);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/export: no trust file, so no certificate can be verified/);
    expect(r.stderr).toMatch(/frontline trust add/);
    noStack(r.stderr);
  });

  it('--unverified writes not-verified rows and says so on stderr; a tampered certificate is still left out', () => {
    const text = readFileSync(certFile, 'utf8');
    const dir = join(home, 'export-unverified');
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, '1-good.json'), text);
    writeFileSync(join(dir, '2-score-edited.json'), text.replace('"100.0"', '"100.1"'));
    const r = cli('export', dir, '--unverified', '--format', 'jsonl');
    expect(r.status).toBe(ExitCode.badSignature);
    const rows = r.stdout.trim().split('\n').map((l) => JSON.parse(l) as { status: string; file: string });
    expect(rows.map((row) => [row.file, row.status])).toEqual([[join(dir, '1-good.json'), 'not-verified']]);
    expect(r.stderr).toContain(`${join(dir, '2-score-edited.json')}: left out: bad-signature`);
    expect(r.stderr).toMatch(/--unverified: 1 row\(s\) have status not-verified/);
  });

  it('leaves out what fails verification (bad signature, not a certificate, not JSON), names each, exits as verify would', () => {
    const text = readFileSync(certFile, 'utf8');
    const dir = join(home, 'export-batch');
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, '1-good.json'), text);
    writeFileSync(join(dir, '2-score-edited.json'), text.replace('"100.0"', '"100.1"'));
    writeFileSync(join(dir, '3-not-a-certificate.json'), '{"hello": "world"}');
    writeFileSync(join(dir, '4-not-json.json'), 'PK\u0003\u0004');
    const r = cli('export', dir, '--trust', trustFile);
    expect(r.status).toBe(ExitCode.failed);
    const lines = r.stdout.split('\r\n');
    expect(lines).toHaveLength(3);
    expect(lines[1]).toContain(',valid,');
    expect(r.stderr).toContain(`${join(dir, '2-score-edited.json')}: left out: bad-signature`);
    expect(r.stderr).toContain(`${join(dir, '3-not-a-certificate.json')}: left out: malformed`);
    expect(r.stderr).toContain(`${join(dir, '4-not-json.json')}: left out: not-json`);
    expect(r.stderr).toMatch(/3 of 4 certificate\(s\) left out/);
    const all = cli('export', dir, '--trust', trustFile, '--include-invalid');
    // The not-JSON file still has no row: left out, so the exit status says so.
    expect(all.status).toBe(ExitCode.malformed);
    const statuses = all.stdout.split('\r\n').slice(1, -1).map((l) => l.split(',')[6]);
    expect(statuses).toEqual(['valid', 'bad-signature', 'malformed']);
    expect(all.stderr).toContain(`${join(dir, '2-score-edited.json')}: included: bad-signature`);
  });

  it('one CSV row per certificate, with the file hash and status', () => {
    const r = cli('export', certFile, '--trust', trustFile);
    expect(r.status, r.stderr).toBe(0);
    const [header, row, end] = r.stdout.split('\r\n');
    expect(header?.split(',')[0]).toBe('employee_id');
    expect(row).toContain('E1042');
    expect(row).toContain(',valid,');
    expect(row).toContain(createHash('sha256').update(readFileSync(certFile)).digest('hex'));
    expect(end).toBe('');
  });
});

describe('revoke', () => {
  it('revokes by id; verify then says revoked (exit revoked); the list is in the data dir', () => {
    const r = cli('revoke', certId, '--reason', 'issued in error', '--key', join(keys, 'issuer-key.pem'));
    expect(r.status, r.stderr).toBe(0);
    const v = cli('verify', certFile, '--trust', trustFile, '--json');
    expect(v.status).toBe(ExitCode.revoked);
    const text = cli('verify', certFile, '--trust', trustFile);
    expect(text.status).toBe(ExitCode.revoked);
    // One verdict that says why and where to look, without repeating itself, wrapped at spaces within 80 columns.
    expect(text.stdout.replace(/\n {8}/g, ' ')).toMatch(/^INVALID .* revoked: marked in the issuer's status list \S+ at index \d+$/m);
    for (const line of text.stdout.split('\n')) expect(line.length, line).toBeLessThanOrEqual(80);
    const left = cli('export', certFile, '--trust', trustFile, '--profile', 'workday');
    expect(left.status).toBe(ExitCode.revoked);
    expect(left.stdout.split('\r\n')).toHaveLength(2);
    const csv = cli('export', certFile, '--trust', trustFile, '--profile', 'workday', '--include-invalid');
    expect(csv.status).toBe(0);
    expect(csv.stdout).toContain('revoked');
  });

  it('an unknown id is notFound (24)', () => {
    const r = cli('revoke', 'urn:uuid:00000000-0000-0000-0000-000000000000', '--reason', 'x', '--key', join(keys, 'issuer-key.pem'));
    expect(r.status).toBe(ExitCode.notFound);
    expect(ExitCode.notFound).toBe(24);
    expect(r.stderr).toMatch(/no certificate urn:uuid:0{8}-/);
  });
});
