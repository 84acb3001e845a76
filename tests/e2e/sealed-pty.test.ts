// Sealed delivery end to end, as a trainer and an agent would run it: keys,
// seal, assign, take the sealed bank with the assignment in a real terminal,
// issue, and the certificate verified by Digital Bazaar's stack.
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { AttemptRecord } from '../../src/core/attempt/types.js';
import type { Certificate } from '../../src/core/credential/certificate-types.js';
import { statusListPath } from '../../src/store/status-list.js';
import { statusChecker, verifyWithVc } from '../core/credential/digital-bazaar.js';
import { spawnFrontline, type PtySession } from './pty-harness.js';
import { repoRoot, runCli } from './run-cli.js';

const home = mkdtempSync(join(tmpdir(), 'frontline-sealed-'));
const keys = join(home, 'keys');
const key = join(keys, 'issuer-key.pem');
const trainer = join(home, 'trainer');
const agent = join(home, 'agent');
const sessions: PtySession[] = [];
afterAll(() => {
  for (const s of sessions) s.kill();
  rmSync(home, { recursive: true, force: true });
});

/** The two-question bank whose first options are right, as a certification bank that takes hosted or sealed attempts. */
const bankFile = join(home, 'short-cert.yaml');
writeFileSync(bankFile, readFileSync(join(repoRoot, 'tests/fixtures/banks/take-short.yaml'), 'utf8').replace('  feedback: competency\n', '  feedback: competency\n  delivery: [hosted, sealed]\n'));
const EXPLANATIONS = ['Owning the repeat is what stops a fourth call.', 'Playing back the facts and the deadline shows they were heard.'];

const asTrainer = (...args: string[]) => runCli(args, { env: { FRONTLINE_HOME: trainer } });

describe('sealed delivery: keys, seal, assign, take in a terminal, issue, verify', () => {
  it('certifies an attempt taken offline from a sealed bank, with `sealed` in its evidence', async () => {
    expect(asTrainer('keys', 'generate', '--org', 'Acme Support', '--out', keys).status).toBe(0);
    const sealedFile = join(home, 'short.sealed.json');
    const sealed = asTrainer('seal', bankFile, '--key', key, '-o', sealedFile);
    expect(sealed.status, sealed.stderr).toBe(0);
    const sealedText = readFileSync(sealedFile, 'utf8');
    for (const e of EXPLANATIONS) expect(sealedText).not.toContain(e);
    const assignmentFile = join(home, 'a.json');
    const assigned = asTrainer('assign', bankFile, '--employee', 'E-7', '--name', 'Sam Reed', '--key', key, '--out', assignmentFile);
    expect(assigned.status, assigned.stderr).toBe(0);

    // The agent's machine has the sealed bank and the assignment, no key.
    const s = spawnFrontline(['take', sealedFile, '--assignment', assignmentFile], { home: agent });
    sessions.push(s);
    const start = await s.waitForText('Employee id:');
    expect(start).toContain('Sam Reed');
    s.press('\r');
    await s.waitForText(/Question 1 of 2/);
    s.press('\r');
    await s.waitForText(/Question 2 of 2/);
    s.press('\r');
    await s.waitForText('Review before submitting');
    s.press('s');
    await s.waitForText('Submit your answers?');
    s.press('y');
    const results = await s.waitForText('answers submitted');
    expect(results).toMatch(/result comes with\s+it|comes with the certificate|your result comes with/);
    expect(results).not.toMatch(/PASS|Score|By skill/);
    for (const e of EXPLANATIONS) expect(s.raw()).not.toContain(e);
    s.press('\r');
    const { exitCode } = await s.exited;
    expect(exitCode).toBe(0);
    expect(s.screenText()).toContain('the result comes with the certificate');

    const attempts = join(agent, 'attempts');
    const attemptFile = join(attempts, readdirSync(attempts).find((n) => n.endsWith('.json'))!);
    const record = JSON.parse(readFileSync(attemptFile, 'utf8')) as AttemptRecord;
    expect(record.delivery).toBe('sealed');
    expect(record.bank.sealedHash).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(record.result).toBeUndefined();
    expect(record.candidate).toEqual({ name: 'Sam Reed', employeeId: 'E-7' });

    // The trainer issues without naming a bank: the attempt names its sealed copy, which is opened here.
    const certFile = join(home, 'cert.json');
    const issued = asTrainer('issue', attemptFile, '--key', key, '--out', certFile);
    expect(issued.status, issued.stderr).toBe(0);
    expect(issued.stdout).toMatch(/Issued .* to Sam Reed \(E-7\) for .*: 100(\.0)?%/);
    const certificate = JSON.parse(readFileSync(certFile, 'utf8')) as Certificate;
    expect(certificate.evidence.map((e) => e.id)).toContain('urn:frontline:delivery:sealed');

    const listUrl = certificate.credentialStatus.statusListCredential;
    const list = JSON.parse(readFileSync(statusListPath(trainer, listUrl), 'utf8')) as Record<string, unknown>;
    const verified = await verifyWithVc(certificate, statusChecker({ [listUrl]: list }, new Date()), new Date());
    expect(verified.error).toBeUndefined();
    expect(verified.verified).toBe(true);
    expect(verified.statusResult?.verified).toBe(true);

  }, 60_000);
});
