// With --json, stdout carries one JSON object whatever happens, errors included
// (issue 18 #20): a script parses stdout and reads the exit status, never stderr.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ExitCode } from '../../src/errors/exit-codes.js';
import { makeAttempt } from '../core/credential/attempt-fixture.js';
import { loadShippedBank } from '../core/credential/certificate-fixture.js';
import { repoRoot, runCli } from './run-cli.js';

const home = mkdtempSync(join(tmpdir(), 'frontline-json-'));
const env = { FRONTLINE_HOME: join(home, 'data') };
const cli = (...args: string[]) => runCli(args, { env });
const missing = join(home, 'missing.json');
const bankFile = `${repoRoot}question-banks/starter.yaml`;
afterAll(() => rmSync(home, { recursive: true, force: true }));

type ErrorDoc = { error: { message: string; exitCode: number; code: string } };

describe('--json on failure', () => {
  it.each([
    ['verify with an unreadable trust file', ['verify', missing, '--trust', missing], ExitCode.io],
    ['report of a missing path', ['report', missing], ExitCode.io],
    ['history with an unknown option', ['history', '--bogus'], ExitCode.usage],
    ['keys generate without --org', ['keys', 'generate', '--out', join(home, 'k')], ExitCode.usage],
    ['revoke with a missing key', ['revoke', 'urn:uuid:x', '--reason', 'r', '--key', missing], ExitCode.notFound],
    ['trust add of a missing profile', ['trust', 'add', missing, '--trust', join(home, 't.json')], ExitCode.io],
    ['config get of an unknown key', ['config', 'list', '--bogus'], ExitCode.usage],
    ['init over a folder', ['init', home], undefined],
  ])('%s prints one JSON error object on stdout', (_, args, code) => {
    const r = cli(...args, '--json');
    expect(r.status).not.toBe(0);
    if (code !== undefined) expect(r.status).toBe(code);
    const doc = JSON.parse(r.stdout) as ErrorDoc;
    expect(doc.error.exitCode).toBe(r.status);
    expect(ExitCode[doc.error.code as keyof typeof ExitCode]).toBe(r.status);
    expect(doc.error.message.length).toBeGreaterThan(0);
    // The message still goes to stderr for people.
    expect(r.stderr).toContain(doc.error.message);
  });

  it('issue --json of a failing attempt prints the reason as JSON (exit failed)', () => {
    const { bank, hash } = loadShippedBank();
    const keys = join(home, 'keys');
    expect(cli('keys', 'generate', '--org', 'Acme', '--out', keys).status).toBe(0);
    const file = join(home, 'failed.json');
    writeFileSync(file, JSON.stringify(makeAttempt(bank, hash, { id: 'a-fail', pass: false })));
    const r = cli('issue', file, '--bank', bankFile, '--key', join(keys, 'issuer-key.pem'), '--json');
    expect(r.status).toBe(ExitCode.failed);
    expect(JSON.parse(r.stdout)).toMatchObject({ error: { code: 'failed', exitCode: 1 } });
    expect((JSON.parse(r.stdout) as ErrorDoc).error.message).toMatch(/did not pass on re-scoring/);
  });
});
