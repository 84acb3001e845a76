import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Assignment } from '../../src/core/assignment/assignment.js';
import type { AttemptRecord } from '../../src/core/attempt/types.js';
import { ExitCode } from '../../src/errors/exit-codes.js';
import validateAssignment from '../../src/generated/assignment.validate.js';
import { makeAttempt } from '../core/credential/attempt-fixture.js';
import { parseBank } from '../../src/core/bank/parse-bank.js';
import { scoreAttempt } from '../../src/core/attempt/scoring.js';
import { deadlineFor } from '../../src/core/attempt/session.js';
import { loadShippedBank } from '../core/credential/certificate-fixture.js';
import { repoRoot, runCli, runCliAsync } from './run-cli.js';

const certBankFile = `${repoRoot}question-banks/cs-fundamentals.yaml`;
const starterFile = `${repoRoot}question-banks/starter.yaml`;
const home = mkdtempSync(join(tmpdir(), 'frontline-trust-'));
const keys = join(home, 'keys');
const key = join(keys, 'issuer-key.pem');
const work = join(home, 'work');
mkdirSync(work);
const dataDir = join(home, 'data');
const cli = (...args: string[]) => runCli(args, { env: { FRONTLINE_HOME: dataDir } });
const noStack = (stderr: string) => expect(stderr).not.toMatch(/\n\s+at /);
const oneLine = (stderr: string) => expect(stderr.trim().split('\n').filter((l) => !l.startsWith('hint:')).length).toBeLessThanOrEqual(2);
const WINDOW = ['--opens', '2026-11-01T00:00:00Z', '--closes', '2027-06-01T00:00:00Z'];

const cert = loadShippedBank('cs-fundamentals');
const starter = loadShippedBank();
/** The starter bank taking sealed and open attempts, written beside the tests' files. */
const practiceFile = join(work, 'practice.yaml');
writeFileSync(practiceFile, readFileSync(starterFile, 'utf8').replace('  certificate: { validityMonths: 12 }', '  delivery: [sealed, open]\n  certificate: { validityMonths: 12 }'));
const practice = (() => {
  const parsed = parseBank(readFileSync(practiceFile, 'utf8'), practiceFile);
  if (!parsed.ok) throw new Error('practice bank does not parse');
  return { bank: parsed.bank, hash: parsed.hash };
})();

function writeJson(name: string, value: unknown): string {
  const path = join(work, name);
  writeFileSync(path, JSON.stringify(value, null, 2));
  return path;
}

const readJson = <T>(path: string): T => JSON.parse(readFileSync(path, 'utf8')) as T;
const certificatesIn = (dir: string) => (existsSync(join(dir, 'certificates')) ? readdirSync(join(dir, 'certificates')) : []);

function assignPractice(employee: string): Assignment {
  return assignOne(employee, [], practiceFile);
}

function assignOne(employee: string, extra: string[] = [], bankFile = certBankFile): Assignment {
  const out = join(work, `assignment-${employee}-${Math.random().toString(36).slice(2)}.json`);
  const r = cli('assign', bankFile, '--key', key, '--employee', employee, '--name', 'Amara Osei', ...WINDOW, '--out', out, '--attempts', '99', ...extra);
  expect(r.status, r.stderr).toBe(0);
  return readJson<Assignment>(out);
}

/** The record `take --assignment` would write for a perfect attempt (delivery as given). */
function attemptUnder(a: Assignment, id: string, delivery: AttemptRecord['delivery'] = 'sealed'): AttemptRecord {
  return { ...makeAttempt(cert.bank, cert.hash, { seed: a.seed, id }), delivery, assignment: a };
}

beforeAll(() => {
  const generated = cli('keys', 'generate', '--org', 'Acme Support', '--out', keys, '--json');
  expect(generated.status, generated.stderr).toBe(0);
});
afterAll(() => rmSync(home, { recursive: true, force: true }));

describe('assign', () => {
  it('writes a signed assignment that matches its schema, records it with the reason, and keeps the reason out of the file', () => {
    const a = assignOne('E1042', ['--extra-time', '1.5', '--reason', 'dyslexia assessment 2026-03']);
    expect(validateAssignment(a), JSON.stringify(validateAssignment.errors)).toBe(true);
    expect(a).toMatchObject({ bank: { id: 'cs-fundamentals', hash: cert.hash }, candidate: { employeeId: 'E1042' }, accommodations: { extraTime: 1.5 }, attempt: { number: 1, of: 99 } });
    expect(JSON.stringify(a)).not.toContain('dyslexia');
    const registry = readJson<{ assignments: Array<{ id: string; reason?: string }> }>(join(dataDir, 'assignment-registry.json'));
    expect(registry.assignments.find((e) => e.id === a.id)?.reason).toBe('dyslexia assessment 2026-03');
  });

  it('allocates the next attempt number each time, and refuses past the bank\'s attempts', () => {
    const numbers = [1, 2, 3].map((i) => {
      const out = join(work, `e2001-${i}.json`);
      expect(cli('assign', certBankFile, '--key', key, '--employee', 'E2001', ...WINDOW, '--out', out).status).toBe(0);
      return readJson<Assignment>(out).attempt.number;
    });
    expect(numbers).toEqual([1, 2, 3]);
    const r = cli('assign', certBankFile, '--key', key, '--employee', 'E2001', ...WINDOW, '--out', join(work, 'fourth.json'));
    expect(r.status).toBe(ExitCode.notAllowed);
    expect(r.stderr).toMatch(/E2001 has had 3 of 3 attempts/);
    expect(existsSync(join(work, 'fourth.json'))).toBe(false);
  });

  it('assigns a cohort from a roster CSV, one file each, and names the line of a bad row', () => {
    const roster = join(work, 'roster.csv');
    writeFileSync(roster, 'employeeId,name,extraTime,attempts,reason\nE3001,"Osei, Amara",,,\nE3002,Ben Ng,1.25,4,"reading speed, per HR"\n');
    const outDir = join(work, 'cohort');
    const r = cli('assign', certBankFile, '--key', key, '--roster', roster, ...WINDOW, '--out', outDir, '--json');
    expect(r.status, r.stderr).toBe(0);
    expect(readdirSync(outDir).sort()).toEqual(['E3001.json', 'E3002.json']);
    expect(readJson<Assignment>(join(outDir, 'E3002.json'))).toMatchObject({ candidate: { name: 'Ben Ng' }, accommodations: { extraTime: 1.25, attempts: 4 } });
    writeFileSync(roster, 'employeeId,name,extraTime\nE3003,Cy,1.5\nE3004,Di,15\n');
    const bad = cli('assign', certBankFile, '--key', key, '--roster', roster, ...WINDOW, '--out', join(work, 'cohort-2'));
    expect(bad.stderr).toMatch(/roster\.csv:3: extraTime: expected a multiplier from 1 to 4/);
    expect(existsSync(join(work, 'cohort-2'))).toBe(false);
    noStack(bad.stderr);
  });
});

describe('issue under an assignment', () => {
  it('a record that says sealed is refused until it names a sealed copy this issuer made (no `seal` yet)', () => {
    const a = assignOne('E1042');
    const r = cli('issue', writeJson('sealed-claim.json', attemptUnder(a, 'sealed-claim')), '--bank', certBankFile, '--key', key);
    expect(r.status).toBe(ExitCode.deliveryRefused);
    expect(r.stderr).toMatch(/not issued \(delivery-refused\): its record says sealed, but names no sealed copy of cs-fundamentals this issuer made/);
  });

  it('an open attempt under an assignment, on a bank that takes open ones, carries its delivery and assignment in the evidence', () => {
    const a = assignPractice('E1042');
    const attempt = { ...makeAttempt(practice.bank, practice.hash, { seed: a.seed, id: 'practice-ok' }), delivery: 'open' as const, assignment: a };
    const r = cli('issue', writeJson('practice-ok.json', attempt), '--bank', practiceFile, '--key', key, '--json');
    expect(r.status, r.stderr).toBe(0);
    const issued = readJson<{ evidence: Array<{ id: string; genre: string }> }>((JSON.parse(r.stdout) as { files: string[] }).files[0] as string);
    expect(issued.evidence).toEqual(
      expect.arrayContaining([expect.objectContaining({ id: 'urn:frontline:delivery:open', genre: 'Delivery' }), expect.objectContaining({ id: a.id, genre: 'Assignment' })]),
    );
    expect(JSON.stringify(issued)).not.toMatch(/extraTime|accommodation/i);
  });

  it('refuses an attempt number used twice', () => {
    const a = assignPractice('E1042');
    const first = { ...makeAttempt(practice.bank, practice.hash, { seed: a.seed, id: 'twice-1' }), delivery: 'open' as const, assignment: a };
    expect(cli('issue', writeJson('twice-1.json', first), '--bank', practiceFile, '--key', key).status).toBe(0);
    // The same assignment again, with other answers (not a replay): its number is used.
    const second = { ...first, id: 'twice-2', answers: first.answers.map((x, i) => (i === 0 ? { ...x, response: null } : x)) };
    const r = cli('issue', writeJson('twice-2.json', { ...second, result: scoreAttempt(practice.bank, second.form, second.answers) }), '--bank', practiceFile, '--key', key);
    expect(r.stderr).toMatch(/not issued \(attempt-used\)/);
    expect(r.status).toBe(ExitCode.attemptUsed);
  });

  const forgeries: Array<[string, (a: Assignment) => AttemptRecord, number, string]> = [
    ['answers edited after submitting', (a) => ({ ...attemptUnder(a, 'f-edit'), result: makeAttempt(cert.bank, cert.hash, { seed: a.seed, pass: false }).result }), ExitCode.altered, 'altered'],
    ['a changed identity', (a) => ({ ...attemptUnder(a, 'f-id'), candidate: { name: 'Amara Osei', employeeId: 'E9999' } }), ExitCode.assignmentMismatch, 'assignment-mismatch'],
    ['a chosen seed', (a) => ({ ...makeAttempt(cert.bank, cert.hash, { seed: 'chosen', id: 'f-seed' }), delivery: 'sealed', assignment: a }), ExitCode.assignmentMismatch, 'assignment-mismatch'],
    [
      'self-granted extra time',
      (a) => {
        const at = attemptUnder(a, 'f-extra');
        return { ...at, extraTime: 2, deadline: new Date(deadlineFor(cert.bank, Date.parse(at.startedAt), 2)).toISOString() };
      },
      ExitCode.assignmentMismatch,
      'assignment-mismatch',
    ],
    ['no assignment for a bank that requires one', (a) => ({ ...attemptUnder(a, 'f-none'), assignment: undefined }) as AttemptRecord, ExitCode.deliveryRefused, 'assignment-required'],
    ['an open-mode attempt on a hosted/sealed bank', (a) => attemptUnder(a, 'f-open', 'open'), ExitCode.deliveryRefused, 'delivery-refused'],
    [
      'answers after the deadline',
      (a) => {
        const at = attemptUnder(a, 'f-late');
        return { ...at, answers: at.answers.map((x, i) => (i === 0 ? { ...x, answeredAt: '2026-11-21T09:00:00.000Z' } : x)) };
      },
      ExitCode.lateAnswers,
      'late-answers',
    ],
    ['a tampered assignment', (a) => attemptUnder({ ...a, accommodations: { extraTime: 2 } }, 'f-tamper'), ExitCode.badAssignment, 'bad-assignment'],
  ];

  it.each(forgeries)('refuses %s with its own reason and exit code, one line, nothing written', (_name, forge, code, reason) => {
    const a = assignOne('E1042');
    const before = certificatesIn(dataDir).length;
    const file = writeJson(`forged-${reason}-${Math.random().toString(36).slice(2)}.json`, forge(a));
    const r = cli('issue', file, '--bank', certBankFile, '--key', key);
    expect(r.status, r.stderr).toBe(code);
    expect(r.stderr).toContain(`not issued (${reason})`);
    oneLine(r.stderr);
    noStack(r.stderr);
    expect(certificatesIn(dataDir).length).toBe(before);
  });

  it('refuses an assignment signed by another key', () => {
    const otherKeys = join(home, 'other-keys');
    expect(cli('keys', 'generate', '--org', 'Mallory', '--out', otherKeys).status).toBe(0);
    const otherData = join(home, 'other-data');
    const out = join(work, 'foreign.json');
    const made = runCli(['assign', certBankFile, '--key', join(otherKeys, 'issuer-key.pem'), '--employee', 'E1042', ...WINDOW, '--out', out], { env: { FRONTLINE_HOME: otherData } });
    expect(made.status, made.stderr).toBe(0);
    const r = cli('issue', writeJson('foreign-attempt.json', attemptUnder(readJson<Assignment>(out), 'foreign')), '--bank', certBankFile, '--key', key);
    expect(r.status).toBe(ExitCode.badAssignment);
    expect(r.stderr).toMatch(/signed by did:key:.*, not by did:key:/);
  });
});

describe('one key, one data dir', () => {
  it('a second data dir with the same key refuses to issue or revoke, and writes nothing', () => {
    const first = cli('issue', writeJson('owner-1.json', makeAttempt(starter.bank, starter.hash, { id: 'owner-1' })), '--bank', starterFile, '--key', key);
    expect(first.status, first.stderr).toBe(0);
    const second = join(home, 'second-data');
    const r = runCli(['issue', writeJson('owner-2.json', makeAttempt(starter.bank, starter.hash, { id: 'owner-2' })), '--bank', starterFile, '--key', key], { env: { FRONTLINE_HOME: second } });
    expect(r.status).toBe(ExitCode.notKeyOwner);
    expect(r.stderr).toContain(`does not own key`);
    expect(r.stderr).toContain(dataDir);
    noStack(r.stderr);
    expect(certificatesIn(second)).toEqual([]);
    const revoke = runCli(['revoke', 'urn:uuid:00000000-0000-4000-8000-000000000000', '--reason', 'x', '--key', key], { env: { FRONTLINE_HOME: second } });
    expect(revoke.status).toBe(ExitCode.notKeyOwner);
  });
});

describe('concurrent issue', () => {
  it('20 issue runs at once give 20 certificates with 20 distinct status indexes, all in the registry', async () => {
    const files = Array.from({ length: 20 }, (_, i) => writeJson(`concurrent-${i}.json`, makeAttempt(starter.bank, starter.hash, { id: `concurrent-${i}` })));
    const results = await Promise.all(files.map((f) => runCliAsync(['issue', f, '--bank', starterFile, '--key', key, '--json'], { env: { FRONTLINE_HOME: dataDir } })));
    for (const r of results) expect(r.status, r.stderr).toBe(0);
    const indexes = results.map((r) => (JSON.parse(r.stdout) as { statusListIndex: number }).statusListIndex);
    expect(new Set(indexes).size).toBe(20);
    const registry = readJson<{ entries: Array<{ attempt: string; statusListIndex: number }> }>(join(dataDir, 'certificate-registry.json'));
    const mine = registry.entries.filter((e) => e.attempt.startsWith('concurrent-'));
    expect(mine).toHaveLength(20);
    expect(new Set(mine.map((e) => e.statusListIndex))).toEqual(new Set(indexes));
  }, 120_000);
});

describe('verify: how it was earned, and which status list', () => {
  it('--require-delivery hosted,sealed refuses an open certificate (exit 18), open accepts it; export carries the mode', () => {
    const trust = writeJson('trust-delivery.json', { issuers: [{ id: readJson<{ id: string }>(join(keys, 'issuer.json')).id }] });
    const open = cli('issue', writeJson('open-cert.json', makeAttempt(starter.bank, starter.hash, { id: 'open-cert' })), '--bank', starterFile, '--key', key, '--out', join(work, 'open.cert.json'));
    expect(open.status, open.stderr).toBe(0);
    const acceptedOpen = cli('verify', join(work, 'open.cert.json'), '--trust', trust, '--require-delivery', 'open');
    expect(acceptedOpen.status, acceptedOpen.stdout).toBe(0);
    const refused = cli('verify', join(work, 'open.cert.json'), '--trust', trust, '--require-delivery', 'hosted,sealed');
    expect(refused.status).toBe(ExitCode.deliveryRefused);
    expect(refused.stdout).toMatch(/earned under open delivery; hosted or sealed required/);
    const bad = cli('verify', join(work, 'open.cert.json'), '--trust', trust, '--require-delivery', 'proctored');
    expect(bad.status).toBe(ExitCode.usage);
    const exported = cli('export', join(work, 'open.cert.json'), '--trust', trust, '--format', 'jsonl');
    expect(exported.status, exported.stderr).toBe(0);
    const modes = exported.stdout.trim().split('\n').map((l) => (JSON.parse(l) as { delivery: string }).delivery);
    expect(modes).toEqual(['open']);
  });

  it('two different lists under one URL: status-conflict (exit 17), naming both files', () => {
    const trust = writeJson('trust-conflict.json', { issuers: [{ id: readJson<{ id: string }>(join(keys, 'issuer.json')).id }] });
    const url = readJson<{ statusListUrl: string }>(join(keys, 'issuer.json')).statusListUrl;
    const malloryKeys = join(home, 'mallory-keys');
    const malloryData = join(home, 'mallory-data');
    expect(cli('keys', 'generate', '--org', 'Mallory', '--out', malloryKeys, '--status-url', url).status).toBe(0);
    const m = runCli(['issue', writeJson('mallory.json', makeAttempt(starter.bank, starter.hash, { id: 'mallory-1' })), '--bank', starterFile, '--key', join(malloryKeys, 'issuer-key.pem')], { env: { FRONTLINE_HOME: malloryData } });
    expect(m.status, m.stderr).toBe(0);
    const certs = join(dataDir, 'certificates');
    const one = join(certs, readdirSync(certs)[0] as string);
    const r = cli('verify', one, '--trust', trust, '--status', join(dataDir, 'status'), '--status', join(malloryData, 'status'));
    expect(r.status, r.stdout + r.stderr).toBe(ExitCode.statusConflict);
    expect(r.stdout).toMatch(/two different status lists claim/);
    const alone = cli('verify', one, '--trust', trust, '--status', join(dataDir, 'status'));
    expect(alone.status, alone.stdout).toBe(0);
  });
});
