import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { AttemptRecord } from '../../src/core/attempt/types.js';
import { spawnFrontline, tempHome, type PtySession } from './pty-harness.js';
import { runCli } from './run-cli.js';

const STARTER = 'question-banks/starter.yaml';
/** Two questions whose first option is right: Enter, Enter passes. */
const SHORT = 'tests/fixtures/banks/take-short.yaml';
const homes: Array<{ remove: () => void }> = [];
const sessions: PtySession[] = [];
afterEach(() => {
  for (const s of sessions.splice(0)) s.kill();
  for (const h of homes.splice(0)) h.remove();
});

function home(): string {
  const h = tempHome();
  homes.push(h);
  return h.dir;
}

function take(args: string[], dir: string): PtySession {
  const session = spawnFrontline(['take', ...args], { home: dir });
  sessions.push(session);
  return session;
}

const progress = (screen: string): number => Number(/(\d+)\/\d+ answered/.exec(screen)?.[1] ?? Number.NaN);

/**
 * Answers the question on screen by keys, whatever its type, and leaves it:
 * reads the instructions the screen gives, as a candidate would.
 */
async function answerShownQuestion(s: PtySession, screen: string): Promise<void> {
  const question = /Question (\d+) of/.exec(screen)?.[1];
  const leave = async (key: string) => {
    s.press(key);
    await s.waitForText(new RegExp(`Review before submitting|Question (?!${question} of)\\d+ of`));
  };
  if (screen.includes('Choose all that apply.')) {
    s.press('1');
    await s.waitForText('[x]');
    return leave('\r');
  }
  if (screen.includes('Put these in order')) {
    s.press('d');
    await s.waitForText('Your order is saved');
    return leave('\r');
  }
  if (screen.includes('Rate each from')) {
    // A digit rates and moves down: all but the last, which the review then calls incomplete.
    const rows = (screen.match(/\((not rated|rated \d)\)/g) ?? []).length;
    for (let i = 0; i < rows - 1; i += 1) s.press('3');
    await s.waitForText((() => new RegExp(`(\\(rated 3\\)[\\s\\S]*){${rows - 1}}\\(not rated\\)`))());
    return leave('n');
  }
  if (screen.includes('What do you say?')) {
    // Say the first reply at each step until the conversation ends (a digit only picks one; Enter says it).
    for (let step = 0; step < 8; step += 1) {
      s.press('1');
      s.press('\r');
      const ended = await s.waitForText('The conversation is over', 1500).then(
        () => true,
        () => false,
      );
      if (ended) break;
    }
    return leave('\r');
  }
  // Single choice or true/false: Enter takes the highlighted option and goes on.
  return leave('\r');
}

function onlyFile(dir: string): string {
  // A running session's lock (`<journal>.lock/`, `.lock-owner`) sits beside its journal.
  const files = readdirSync(dir).filter((n) => !/\.lock(-owner)?$/.test(n));
  expect(files).toHaveLength(1);
  return join(dir, files[0] as string);
}

describe('take in a real terminal (80x24, CI unset)', () => {
  it('takes the starter bank from start to results by keys alone', async () => {
    const dir = home();
    const s = take([STARTER, '--seed', 'pty-1', '--name', 'Pat Doe', '--employee-id', 'E-42'], dir);
    const start = await s.waitForText('Employee id:');
    expect(start).toContain('8 questions in 10 minutes');
    s.press('\r');
    let screen = await s.waitForText(/Question 1 of 8/);
    for (let i = 0; i < 8; i += 1) {
      await answerShownQuestion(s, screen);
      screen = await s.waitForText(/Review before submitting|Question \d+ of 8/);
      if (screen.includes('Review before submitting')) break;
    }
    expect(screen).toContain('7 answered, 1 incomplete, 0 unanswered');
    expect(screen).toMatch(/\d\. INCOMPLETE/);
    s.press('s');
    const confirm = await s.waitForText('Submit your answers?');
    expect(confirm.replace(/\s+/g, ' ')).toContain('1 question has responses you have not rated; each scores nothing.');
    s.press('y');
    const results = await s.waitForText(/PASS|NOT YET PASSED/);
    expect(results).toContain('By skill:');
    s.press('\r');
    const { exitCode } = await s.exited;
    const record = JSON.parse(readFileSync(onlyFile(join(dir, 'attempts')), 'utf8')) as AttemptRecord;
    expect(exitCode).toBe(record.result!.passed ? 0 : 1);
    expect(record.candidate).toEqual({ name: 'Pat Doe', employeeId: 'E-42' });
    expect(record.ended).toBe('submitted');
    expect(record.answers.every((a) => a.response !== null)).toBe(true);
    expect(s.screenText()).toContain('Attempt saved:');
    // The results screen is gone: only the summary stays.
    expect(s.screenText()).not.toContain('Enter or q: close');
    // The terminal never received the bank's text with control sequences other than Ink's own drawing.
    expect(s.raw()).not.toContain('\u001B]0;');
  });

  it('survives kill -9: --resume brings back every answer and the original deadline', async () => {
    const dir = home();
    const first = take([STARTER, '--seed', 'pty-2', '--name', 'Sam Roe', '--employee-id', 'E-7'], dir);
    await first.waitForText('Employee id:');
    first.press('\r');
    let screen = await first.waitForText(/Question 1 of 8/);
    for (let i = 0; i < 3; i += 1) {
      await answerShownQuestion(first, screen);
      screen = await first.waitForText(/Question \d+ of 8/);
    }
    expect(progress(screen)).toBeGreaterThanOrEqual(2);
    const answeredBefore = progress(screen);
    first.press('f');
    await first.waitForText('(flagged)');
    const journal = onlyFile(join(dir, 'journals'));
    const header = JSON.parse(readFileSync(journal, 'utf8').split('\n')[0] as string) as { deadline: number; attemptId: string };
    const before = readFileSync(journal, 'utf8')
      .trim()
      .split('\n')
      .slice(1)
      .map((l) => JSON.parse(l) as { type: string; itemId?: string; response?: unknown; choice?: string })
      .filter((e) => e.type === 'answer' || e.type === 'scenario-choose');
    first.kill('SIGKILL');
    await first.exited;

    // A plain start offers the unfinished attempt; --resume takes it directly.
    const offer = take([STARTER, '--name', 'Sam Roe', '--employee-id', 'E-7'], dir);
    await offer.waitForText('Employee id:');
    offer.press('\r');
    await offer.waitForText('Your unfinished attempt is waiting');
    offer.kill();
    await offer.exited;

    const second = take(['--resume'], dir);
    // The killed session's lock goes stale 10 s after its last refresh: the resume waits that out.
    const resumed = await second.waitForText(/Question \d+ of 8/, 25_000);
    expect(progress(resumed)).toBe(answeredBefore);
    expect(resumed).toContain('(flagged)');
    second.press('r');
    await second.waitForText('Review before submitting');
    second.press('s');
    await second.waitForText('Submit your answers?');
    second.press('y');
    await second.waitForText(/PASS|NOT YET PASSED/);
    second.press('\r');
    await second.exited;

    const record = JSON.parse(readFileSync(onlyFile(join(dir, 'attempts')), 'utf8')) as AttemptRecord;
    expect(record.id).toBe(header.attemptId);
    expect(Date.parse(record.deadline)).toBe(header.deadline);
    // An item's last answer is the one that counts.
    const lastAnswers = [...new Map(before.filter((e) => e.type === 'answer').map((e) => [e.itemId, e])).values()];
    for (const event of [...lastAnswers, ...before.filter((e) => e.type === 'scenario-choose')]) {
      const answer = record.answers.find((a) => a.itemId === event.itemId);
      if (event.type === 'answer') expect(answer?.response).toEqual(event.response);
      else expect(answer?.response?.type === 'scenario' && answer.response.path.map((m) => m.choice)).toContain(event.choice);
    }
    expect(record.answers.filter((a) => a.response !== null).length).toBeGreaterThanOrEqual(answeredBefore);
    expect(record.answers.some((a) => a.flagged)).toBe(true);
  });

  it('fits 80x24 and refits when the terminal shrinks', async () => {
    const dir = home();
    const s = take([STARTER, '--seed', 'pty-3', '--name', 'Kim', '--employee-id', 'E-3'], dir);
    await s.waitForText('Employee id:');
    s.press('\r');
    const screen = await s.waitForText(/Question 1 of 8/);
    // The question's options and the key line are on screen, under the case.
    expect(screen).toMatch(/> 1\. \( \)/);
    expect(screen).toContain('? help');
    s.resize(60, 16);
    const small = await s.waitForText(/press c\s+to\s+read|more lines below/);
    expect(small).toMatch(/> 1\. \( \)/);
    // And back: no stale copy of an earlier frame is left on screen.
    s.resize(80, 24);
    const back = await s.waitForText(/^Question 1 of 8 {30,}Test \d\d:\d\d$/m);
    expect(back.split('\n')[0]).toMatch(/^Question 1 of 8 /);
    expect(back.match(/Question 1 of 8/g)).toHaveLength(1);
  });

  it('prints plain text in screen-reader mode', async () => {
    const dir = home();
    const s = spawnFrontline(['take', STARTER, '--seed', 'pty-4', '--name', 'Kim', '--employee-id', 'E-3', '--screen-reader'], { home: dir });
    sessions.push(s);
    await s.waitForText('Employee id:');
    s.press('\r');
    const screen = await s.waitForText('? help');
    expect(screen).not.toContain('[....');
  });

  it('hides the test in a window under 40x12, says so, and shows it again once the window is larger', async () => {
    const dir = home();
    const s = spawnFrontline(['take', STARTER, '--seed', 'pty-5', '--name', 'Kim', '--employee-id', 'E-4'], { home: dir, cols: 36, rows: 10 });
    sessions.push(s);
    await s.waitForText('This window is 36x10');
    s.resize(80, 24);
    await s.waitForText('Employee id:');
  });

  it('does not hide anything from a screen reader, whatever the window', async () => {
    const dir = home();
    const s = spawnFrontline(['take', STARTER, '--seed', 'pty-6', '--name', 'Kim', '--employee-id', 'E-5', '--screen-reader'], { home: dir, cols: 36, rows: 10 });
    sessions.push(s);
    const screen = await s.waitForText('Employee id:');
    expect(screen).not.toContain('This window is');
  });
});

describe('the end of take on a proctored machine with an LRS', () => {
  it('shows and prints the certificate it issued and the statements it queued; the certificate verifies', async () => {
    const dir = home();
    const env = { FRONTLINE_HOME: dir };
    const keys = runCli(['keys', 'generate', '--org', 'Acme Support', '--out', join(dir, 'keys'), '--json'], { env });
    expect(keys.status, keys.stderr).toBe(0);
    const did = (JSON.parse(keys.stdout) as { did: string }).did;
    writeFileSync(
      join(dir, 'config.json'),
      JSON.stringify({ signing: { keyFile: join(dir, 'keys', 'issuer-key.pem') }, lrs: { endpoint: 'https://lrs.example/xapi' } }),
      { mode: 0o600 },
    );
    const s = take([SHORT, '--name', 'Pat Doe', '--employee-id', 'E-42'], dir);
    await s.waitForText('Employee id:');
    s.press('\r');
    await s.waitForText('Question 1 of 2');
    s.press('\r');
    await s.waitForText('Question 2 of 2');
    s.press('\r');
    await s.waitForText('Review before submitting');
    s.press('s');
    await s.waitForText('Submit your answers?');
    s.press('y');
    const results = await s.waitForText(/Certificate urn:uuid:\S+ written to/);
    expect(results).toMatch(/Queued \d+ statements for the LRS/);
    s.press('\r');
    expect((await s.exited).exitCode).toBe(0);
    const printed = s.screenText();
    expect(printed).toMatch(/^PASS: 100%/m);
    expect(printed).toMatch(/Queued \d+ statements for the LRS; `frontline sync` sends them\./);
    const certificate = /written to (\S+\.json)/.exec(printed.replace(/\n/g, ''))?.[1] ?? '';
    writeFileSync(join(dir, 'trust.json'), JSON.stringify({ issuers: [{ id: did, name: 'Acme Support', validFrom: '2020-01-01T00:00:00Z' }] }));
    const verified = runCli(['verify', certificate, '--trust', join(dir, 'trust.json')], { env });
    expect(verified.status, verified.stdout + verified.stderr).toBe(0);
    expect(readdirSync(join(dir, 'outbox')).length).toBeGreaterThan(0);
  });
});

describe('take without a terminal', () => {
  it('fails with a clear message and exit code noTerminal (5), not 0', () => {
    const result = runCli(['take', 'tests/fixtures/banks/ui-tour.yaml']);
    expect(result.status).toBe(5);
    expect(result.stderr).toContain('take needs an interactive terminal');
    expect(result.stderr).toContain('hint:');
    expect(result.stdout).toBe('');
  });

  it('still calls a bad option a usage error (2), since it would be one at a terminal too', () => {
    const result = runCli(['take', 'tests/fixtures/banks/ui-tour.yaml', '--extra-time', 'abc']);
    expect(result.status).toBe(2);
    expect(result.stderr).toBe('frontline: --extra-time: expected a multiplier from 1 to 4 (e.g. 1.25 or 1.5), got "abc"\n');
  });
});
