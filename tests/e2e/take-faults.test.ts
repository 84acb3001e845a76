import { execFileSync } from 'node:child_process';
import { appendFileSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { ExitCode } from '../../src/errors/exit-codes.js';
import { spawnFrontline, tempHome, type PtySession } from './pty-harness.js';

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

const journalOf = (dir: string): string => {
  const names = readdirSync(join(dir, 'journals')).filter((n) => n.endsWith('.jsonl') && !n.endsWith('.done.jsonl'));
  expect(names).toHaveLength(1);
  return join(dir, 'journals', names[0]!);
};

/** Starts SHORT, answers question 1 (Enter), and leaves the session on question 2. */
async function startAndAnswerOne(dir: string): Promise<PtySession> {
  const s = take([SHORT, '--name', 'Sam Roe', '--employee-id', 'E-7'], dir);
  await s.waitForText('Employee id:');
  s.press('\r');
  await s.waitForText('Question 1 of 2');
  s.press('\r');
  await s.waitForText('Question 2 of 2');
  return s;
}

describe('two sessions on one attempt (issue 17.7)', () => {
  it('the second --resume is refused at once with one line, exit locked; the first carries on', async () => {
    const dir = home();
    const first = await startAndAnswerOne(dir);
    const second = take(['--resume'], dir);
    const { exitCode } = await second.exited;
    expect(exitCode).toBe(ExitCode.locked);
    const said = second.raw().replace(/\r?\n/g, '');
    expect(said).toMatch(/frontline: attempt [\w-]+ is open in another frontline session; finish or quit it there first/);
    expect(said).not.toMatch(/internal error|\s+at /);
    // The first session is untouched and finishes.
    first.press('\r');
    await first.waitForText(/Review before submitting|Submit your answers\?/);
  });
});

describe('a damaged journal (issue 17.6, 17.17)', () => {
  async function closedAttempt(dir: string): Promise<string> {
    const s = await startAndAnswerOne(dir);
    s.kill('SIGKILL');
    await s.exited;
    return journalOf(dir);
  }

  it('a damaged middle line: --resume names file:line, keeps the answer after it, and goes on', async () => {
    const dir = home();
    const journal = await closedAttempt(dir);
    const lines = readFileSync(journal, 'utf8').split('\n');
    // Line 2 becomes garbage (a damaged block); the answer to question 1 is on a later line.
    const answerLine = lines.findIndex((l) => l.includes('"type":"answer"'));
    expect(answerLine).toBeGreaterThan(0);
    lines.splice(1, 0, '{"kind":"event","type":"go","at":17\u0000\u0000');
    writeFileSync(journal, lines.join('\n'));
    const resumed = take(['--resume'], dir);
    const screen = await resumed.waitForText(/Question \d of 2/, 25_000);
    expect(resumed.raw().replace(/\r?\n/g, '')).toContain(`${journal}:2: damaged line skipped (not JSON); the answers on every other line are kept`);
    expect(screen).toMatch(/1\/2 answered/);
  });

  it.each([
    ['an unknown event', (j: string) => appendFileSync(j, `${JSON.stringify({ kind: 'event', type: 'teleport', at: 1 })}\n`), /:(\d+): unknown journal event "teleport"/],
    ['a form naming an item the bank lacks', (j: string) => {
      const [header, ...rest] = readFileSync(j, 'utf8').split('\n');
      const h = JSON.parse(header!) as { form: Array<{ itemId: string }> };
      h.form[0]!.itemId = 'no-such-item';
      writeFileSync(j, [JSON.stringify(h), ...rest].join('\n'));
    }, /:1: the attempt's form names item "no-such-item", which the bank does not have/],
  ])('%s: --resume is exit damaged with file:line, and plain take starts no new attempt beside it', async (_, damage, message) => {
    const dir = home();
    const journal = await closedAttempt(dir);
    damage(journal);
    const before = readFileSync(journal, 'utf8');
    const resumed = take(['--resume', SHORT], dir);
    expect((await resumed.exited).exitCode).toBe(ExitCode.damaged);
    expect(resumed.raw().replace(/\r?\n/g, '')).toContain(`frontline: ${journal}`);
    expect(resumed.raw().replace(/\r?\n/g, '')).toMatch(message);
    // The same person starts again: refused before the start screen (an unreadable journal may be
    // theirs), or once they give their id (their attempt's form is damaged).
    const fresh = take([SHORT, '--name', 'Sam Roe', '--employee-id', 'E-7'], dir);
    let gone = false;
    void fresh.exited.then(() => (gone = true));
    await Promise.race([fresh.exited, fresh.waitForText('Employee id:').catch(() => undefined)]);
    if (!gone) fresh.press('\r');
    expect((await fresh.exited).exitCode).toBe(ExitCode.damaged);
    // Nothing was changed, and no second journal appeared.
    expect(readFileSync(journal, 'utf8')).toBe(before);
    expect(readdirSync(join(dir, 'journals')).filter((n) => n.endsWith('.jsonl'))).toHaveLength(1);
  });
});

/** A tmpfs of `size` mounted at a new folder (root only); undefined where that is not possible. */
function smallDisk(size: string): { dir: string; unmount: () => void } | undefined {
  if (process.platform !== 'linux' || process.getuid?.() !== 0) return undefined;
  const dir = mkdtempSync(join(tmpdir(), 'frontline-take-full-'));
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${size}`, 'tmpfs', dir], { stdio: 'ignore' });
  } catch {
    rmSync(dir, { recursive: true, force: true });
    return undefined;
  }
  return { dir, unmount: () => (execFileSync('umount', ['-l', dir], { stdio: 'ignore' }), rmSync(dir, { recursive: true, force: true })) };
}

const disk = smallDisk('1m');
afterAll(() => disk?.unmount());

describe.skipIf(!disk)('a disk that fills up during take (issue 17.6)', () => {
  it('stops the session with one line and exit io; after space is freed, --resume has every answer shown', async () => {
    const dir = join(disk!.dir, 'home');
    const s = take([SHORT, '--name', 'Sam Roe', '--employee-id', 'E-7'], dir);
    await s.waitForText('Employee id:');
    s.press('\r');
    await s.waitForText('Question 1 of 2');
    s.press('\r');
    await s.waitForText('Question 2 of 2');
    // Fill the disk to the last byte, then keep flagging (each flag is journaled) until a write fails.
    const fillers: string[] = [];
    for (let i = 0; ; i++) {
      try {
        writeFileSync(join(disk!.dir, `filler-${i}`), Buffer.alloc(4096, 120));
        fillers.push(join(disk!.dir, `filler-${i}`));
      } catch {
        break;
      }
    }
    let exit: { exitCode: number } | undefined;
    void s.exited.then((e) => (exit = e));
    for (let i = 0; i < 400 && !exit; i++) {
      s.press('f');
      await new Promise((resolve) => setTimeout(resolve, 15));
    }
    await s.exited;
    expect(exit?.exitCode).toBe(ExitCode.io);
    const text = s.raw().replace(/\r?\n/g, '');
    expect(text).toMatch(/cannot write: no space left on device; the session stopped, and every answer shown before is saved/);
    expect(text).not.toMatch(/internal error/);
    for (const f of fillers) rmSync(f);

    const resumed = take(['--resume'], dir);
    const screen = await resumed.waitForText(/Question \d of 2/, 25_000);
    expect(screen).toMatch(/1\/2 answered/);
    // Let go of the small disk before it is unmounted.
    resumed.kill();
    await resumed.exited;
  });
});
