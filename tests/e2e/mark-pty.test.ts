import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Certificate } from '../../src/core/credential/certificate-types.js';
import { ExitCode } from '../../src/errors/exit-codes.js';
import { writeAttemptRecord } from '../../src/store/attempts.js';
import { finishedAttempt, MARK_BANK } from '../fixtures/attempt-builder.js';
import { spawnFrontline, tempHome, type PtySession } from './pty-harness.js';
import { runCli } from './run-cli.js';

/**
 * The must-show: two markers mark the same replies (the second blind),
 * disagree beyond the tolerance, a third settles it, and `issue` then signs a
 * certificate scored with the resolved marks, which `verify` accepts.
 */
const home = tempHome();
const sessions: PtySession[] = [];
afterAll(() => {
  for (const s of sessions) s.kill();
  home.remove();
});
const keys = join(home.dir, 'keys');
const cli = (...args: string[]) => runCli(args, { env: { FRONTLINE_HOME: home.dir } });

async function markInPty(args: string[], steps: (s: PtySession) => Promise<void>): Promise<number> {
  const s = spawnFrontline(['mark', '--bank', MARK_BANK, ...args], { home: home.dir });
  sessions.push(s);
  await steps(s);
  return (await s.exited).exitCode;
}

describe('mark in a terminal: first, blind second, third, then issue and verify', () => {
  it('certifies with the resolved marks', async () => {
    const { record } = finishedAttempt({
      id: '7d0c8a52-0d8e-4d8e-9a43-7b1f6f2b9c10',
      name: 'Priya Shah',
      employeeId: 'E1042',
      bankFile: MARK_BANK,
      texts: { w1: 'Sam, I am sorry you have had to write three times.\nI will call you by 3pm today.', w2: 'Third contact; call by 3pm.' },
    });
    mkdirSync(home.dir, { recursive: true });
    const attemptFile = await writeAttemptRecord(home.dir, record);
    expect(cli('keys', 'generate', '--org', 'Acme Support', '--out', keys).status).toBe(0);

    // First marker: both replies of the attempt, anonymised.
    expect(
      await markInPty(['--marker', 'Ann'], async (s) => {
        const first = await s.waitForText('first mark · reply 1 of 2');
        expect(first).not.toMatch(/Priya|E1042/);
        expect(first).toContain('I will call you by 3pm today.');
        s.press('2');
        s.press('2');
        await s.waitForText('Levels: ack 2 · next 2');
        s.press('enter');
        await s.waitForText('reply 2 of 2');
        s.press('2');
        s.press('enter');
        await s.waitForText('Every reply in this queue has your mark (2 saved now).');
        s.press('q');
      }),
    ).toBe(0);

    // Second marker, blind: the first marks are not on the screen; ack 0 against Ann's 2 is beyond the tolerance of 1.
    expect(
      await markInPty(['--marker', 'Bob', '--second'], async (s) => {
        const screen = await s.waitForText('second mark (blind) · reply 1 of 2');
        expect(screen).not.toMatch(/Ann|ack 2/);
        s.press('0');
        s.press('2');
        await s.waitForText('Levels: ack 0 · next 2');
        s.press('enter');
        await s.waitForText('reply 2 of 2');
        s.press('2');
        s.press('enter');
        await s.waitForText('Every reply in this queue has your mark');
        s.press('q');
      }),
    ).toBe(0);

    const listed = JSON.parse(cli('mark', '--bank', MARK_BANK, '--json').stdout) as { replies: Array<{ item: string; state: string; criteria?: string[] }> };
    expect(listed.replies.map((r) => [r.item, r.state, r.criteria])).toEqual([
      ['w1', 'awaiting-third', ['ack']],
      ['w2', 'resolved', undefined],
    ]);
    const waiting = cli('issue', attemptFile, '--bank', MARK_BANK, '--key', join(keys, 'issuer-key.pem'));
    expect(waiting.status).toBe(ExitCode.awaitingMarking);
    expect(waiting.stderr).toContain('"w1" waits for a third marker (first and second differ on ack)');

    // Neither of the two may settle their own disagreement.
    expect(
      await markInPty(['--marker', 'Ann', '--third'], async (s) => {
        await s.waitForText('a third mark must be another trainer');
      }),
    ).toBe(ExitCode.ownMark);

    // The third marker sees both marks; their levels stand.
    expect(
      await markInPty(['--marker', 'Cat', '--third'], async (s) => {
        const screen = await s.waitForText('third mark · reply 1 of 1');
        expect(screen).toContain('first, Ann: ack 2, next 2');
        expect(screen).toContain('second, Bob: ack 0, next 2');
        s.press('1');
        s.press('2');
        await s.waitForText('Levels: ack 1 · next 2');
        s.press('enter');
        await s.waitForText('Every reply in this queue has your mark (1 saved now).');
        s.press('q');
      }),
    ).toBe(0);

    const certFile = join(home.dir, 'cert.json');
    const issued = cli('issue', attemptFile, '--bank', MARK_BANK, '--key', join(keys, 'issuer-key.pem'), '--out', certFile, '--json');
    expect(issued.status, issued.stderr).toBe(0);
    // listening: s1 1 + ack 1/2 (the third's) → 75 %; writing: next 2/2 (the third's) + clear (2+2)/2 of 2 → 100 %; mean 87.5.
    expect((JSON.parse(issued.stdout) as { score: string }).score).toBe('87.5');
    const certificate = JSON.parse(readFileSync(certFile, 'utf8')) as Certificate;
    expect(JSON.stringify(certificate.credentialSubject)).toContain('87.5');

    const trust = cli('trust', 'add', join(keys, 'issuer.json'), '--from', '2020-01-01', '--trust', join(home.dir, 'trust.json'));
    expect(trust.status, trust.stderr).toBe(0);
    const verified = cli('verify', certFile, '--trust', join(home.dir, 'trust.json'));
    expect(verified.status, verified.stdout + verified.stderr).toBe(0);
    rmSync(certFile);
  }, 120_000);
});
