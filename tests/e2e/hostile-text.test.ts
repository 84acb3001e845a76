import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { fixtureBank, simulate } from '../fixtures/attempts.js';
import { runCli } from './run-cli.js';

/**
 * One hostile string (issue 17.19): a colour escape, an OSC title change ended
 * by BEL, a C1 CSI (U+009B) clearing the screen, a bidi override, a lone
 * surrogate, a backspace and a carriage return.
 */
const HOSTILE = 'A\u001b[31mRED\u001b]0;owned\u0007\u009b2J\u202Eevil\uD800Z\u0008\r!';
/** What may never reach a terminal from a file, a flag, the config or the network. */
const UNSAFE = /[^\P{Cc}\t\n]|[\u202A-\u202E\u2066-\u2069]|[\uD800-\uDFFF]/u;

const home = mkdtempSync(join(tmpdir(), 'frontline-hostile-text-'));
afterAll(() => rmSync(home, { recursive: true, force: true }));
const env = { FRONTLINE_HOME: join(home, 'data'), XDG_CONFIG_HOME: join(home, 'config') };
const run = (...args: string[]) => runCli(args, { env });

function expectClean(label: string, out: { stdout: string; stderr: string }): void {
  for (const [stream, text] of [['stdout', out.stdout], ['stderr', out.stderr]] as const) {
    // CSV ends its records with CRLF (RFC 4180): that CR is the format's, not the input's.
    const found = UNSAFE.exec(text.replace(/\r\n/g, '\n'));
    expect(found, `${label} ${stream}: ${JSON.stringify(text.slice(0, 400))}`).toBeNull();
  }
}

const yamlQuoted = JSON.stringify(HOSTILE).replace(/\\u001b/g, '\\e');

describe('one hostile string through every output path (issue 17.19)', () => {
  const bankFile = join(home, 'bank.yaml');
  writeFileSync(
    bankFile,
    [
      'id: hostile',
      'version: 1.0.0',
      `title: ${yamlQuoted}`,
      'competencies:',
      '  - { id: c, title: C }',
      'policy: { timeLimitMinutes: 10, passMark: 70 }',
      'items:',
      '  - id: q1',
      '    type: single',
      '    competency: c',
      `    stem: ${yamlQuoted}`,
      '    options:',
      `      - { id: a, text: ${yamlQuoted} }`,
      '      - { id: b, text: B }',
      `    answer: ${yamlQuoted}`,
      '',
    ].join('\n'),
  );

  it('validate: findings quoting the value, text and --json', () => {
    const text = run('validate', bankFile);
    expect(text.status).not.toBe(0);
    expect(text.stdout + text.stderr).toMatch(/answer/);
    expectClean('validate', text);
    expectClean('validate --json', run('validate', bankFile, '--json'));
  });

  it('preview of a bank whose texts hold it', () => {
    const good = join(home, 'good.yaml');
    writeFileSync(good, [
      'id: hostile', 'version: 1.0.0', `title: ${JSON.stringify(HOSTILE.replace(/\uD800/, '')).replace(/\\u001b/g, '\\e')}`, 'competencies:', '  - { id: c, title: C }',
      'policy: { timeLimitMinutes: 10, passMark: 70 }', 'items:', '  - id: q1', '    type: single', '    competency: c',
      `    stem: ${JSON.stringify(HOSTILE.replace(/\uD800/, '')).replace(/\\u001b/g, '\\e')}`, '    options:', '      - { id: a, text: A }', '      - { id: b, text: B }', '    answer: a', '',
    ].join('\n'));
    const r = run('preview', good, '--answers');
    expect(r.stdout).toContain('evil');
    expectClean('preview', r);
  });

  it('issue: an error quoting the attempt id', () => {
    const attempt = join(home, 'attempt.json');
    writeFileSync(attempt, JSON.stringify({ format: 'frontline.attempt/1', id: HOSTILE, seed: HOSTILE, bank: { id: HOSTILE, version: HOSTILE, hash: 'sha256:x' } }));
    const r = run('issue', attempt, '--bank', bankFile, '--key', join(home, 'nokey.pem'));
    expect(r.status).not.toBe(0);
    expectClean('issue', r);
  });

  it('config list and get: a value set by hand in the config file', () => {
    const path = run('config', 'path').stdout.trim();
    mkdirSync(join(path, '..'), { recursive: true });
    writeFileSync(path, JSON.stringify({ defaults: { name: HOSTILE, employeeId: HOSTILE } }));
    for (const args of [['config', 'list'], ['config', 'list', '--json'], ['config', 'get', 'defaults.name']]) expectClean(args.join(' '), run(...args));
  });

  it('export --format csv and jsonl, verify text and --json: a certificate whose fields hold it', () => {
    const certs = join(home, 'certs');
    mkdirSync(certs);
    const cert = {
      '@context': ['https://www.w3.org/ns/credentials/v2', 'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json'],
      id: `urn:uuid:${HOSTILE}`,
      type: ['VerifiableCredential', 'OpenBadgeCredential'],
      issuer: { id: `did:key:${HOSTILE}`, name: HOSTILE },
      validFrom: '2026-11-20T10:00:00Z',
      name: HOSTILE,
      credentialSubject: { identifier: [{ identityType: 'name', hashed: false, identityHash: HOSTILE }], achievement: { name: HOSTILE } },
      proof: { type: 'DataIntegrityProof', cryptosuite: 'eddsa-jcs-2022', proofPurpose: 'assertionMethod', created: HOSTILE, verificationMethod: HOSTILE, proofValue: HOSTILE },
    };
    writeFileSync(join(certs, `${HOSTILE.replace(/[\p{Cc}/\uD800]/gu, '')}.json`), JSON.stringify(cert));
    const trust = join(home, 'trust.json');
    writeFileSync(trust, JSON.stringify({ issuers: [] }));
    for (const args of [
      ['export', certs, '--format', 'csv', '--unverified', '--include-invalid'],
      ['export', certs, '--format', 'jsonl', '--unverified', '--include-invalid'],
      ['verify', certs, '--trust', trust],
      ['verify', certs, '--trust', trust, '--json'],
    ]) {
      const r = run(...args);
      expect(r.stdout.length, args.join(' ')).toBeGreaterThan(0);
      expectClean(args.join(' '), r);
    }
  });

  it('report text, --csv and --json: attempts tagged with it', () => {
    const dir = join(home, 'attempts');
    mkdirSync(dir);
    for (const r of simulate(fixtureBank(), { n: 8, seed: 3, tags: () => ({ team: HOSTILE }) })) writeFileSync(join(dir, `${r.id}.json`), JSON.stringify({ ...r, candidate: { name: HOSTILE, employeeId: HOSTILE } }));
    for (const args of [['report', dir, '--by', 'team'], ['report', dir, '--csv', '--by', 'team'], ['report', dir, '--json', '--by', 'team']]) expectClean(args.join(' '), run(...args));
  });
});
