import { chmodSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { AttemptRecord } from '../../src/core/attempt/types.js';
import { MAX_WRITTEN_CHARS } from '../../src/core/attempt/written.js';
import { spawnFrontline, tempHome, type PtySession } from './pty-harness.js';

/**
 * Issue 21, "Must show": a written reply typed in take, in a real pty (CI
 * unset, so Ink draws live) from the built binary: a multi-line reply (Enter
 * for new lines, a bracketed paste with a line break), kill -9, resume: the
 * draft is on screen; submit: the record awaits marking and the results say
 * which reply waits. Then bad input: a paste of escape sequences, a paste
 * past the length cap, an $EDITOR that fails or is missing.
 */
const BANK = 'tests/fixtures/banks/take-written.yaml';
const PASTE_START = '\u001B[200~';
const PASTE_END = '\u001B[201~';
const CTRL_O = '\u000F';

const cleanup: Array<() => void> = [];
afterEach(() => {
  for (const done of cleanup.splice(0)) done();
});

function start(home: string, args: string[], env: Record<string, string> = {}): PtySession {
  const s = spawnFrontline(['take', ...args], { home, env: { VISUAL: '', EDITOR: '', ...env } });
  cleanup.push(() => s.kill());
  return s;
}

/** Starts the test and answers the first question: the written one is on screen, its editor with the keys. */
async function toWrittenItem(home: string, env: Record<string, string> = {}): Promise<PtySession> {
  const s = start(home, [BANK, '--name', 'Pat Doe', '--employee-id', 'E-42'], env);
  await s.waitForText('Employee id:');
  s.press('enter');
  await s.waitForText('Question 1 of 2');
  s.press('enter');
  await s.waitForText('0 words (10-60 asked for)');
  return s;
}

/** The written reply as the journal last holds it (what a resume would restore). */
function journaledReply(home: string): string | undefined {
  const dir = join(home, 'journals');
  const file = readdirSync(dir).find((n) => n.endsWith('.jsonl') && !n.endsWith('.done.jsonl'));
  if (!file) return undefined;
  let text: string | undefined;
  for (const line of readFileSync(join(dir, file), 'utf8').split('\n')) {
    if (!line.includes('"written"')) continue;
    const event = JSON.parse(line) as { type: string; itemId: string; response: { text: string } };
    if (event.type === 'answer' && event.itemId === 'w1') text = event.response.text;
  }
  return text;
}

async function journalBecomes(s: PtySession, home: string, expected: (text: string | undefined) => boolean, what: string): Promise<void> {
  const deadline = Date.now() + 15_000;
  while (!expected(journaledReply(home))) {
    if (Date.now() > deadline) throw new Error(`the journal never held ${what}; it holds ${JSON.stringify(journaledReply(home)?.slice(0, 200))}; screen:\n${s.screenText()}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

function theRecord(home: string): AttemptRecord {
  const files = readdirSync(join(home, 'attempts')).filter((f) => f.endsWith('.json'));
  expect(files).toHaveLength(1);
  return JSON.parse(readFileSync(join(home, 'attempts', files[0]!), 'utf8')) as AttemptRecord;
}

describe('take: a written reply', () => {
  it('is typed over several lines, survives kill -9 in the journal, is back on screen on resume, and the submitted attempt awaits marking', async () => {
    const home = tempHome();
    cleanup.push(home.remove);
    const s = await toWrittenItem(home.dir);
    // Letters that are keys elsewhere (n, p, r, s) are text here.
    s.press("Hi Sam, I'm sorry: this is your third call.");
    s.press('enter');
    s.press('I have fixed it now:');
    s.press('enter');
    s.press(`${PASTE_START}refund sent today,\r\ntext by 5pm.${PASTE_END}`);
    const reply = "Hi Sam, I'm sorry: this is your third call.\nI have fixed it now:\nrefund sent today,\ntext by 5pm.";
    const typed = await s.waitForText('20 words (10-60 asked for)');
    expect(typed).toContain('refund sent today,');
    expect(typed).toContain('Question 2 of 2 (answered)');
    // Still in the editor: the draft reaches the journal without leaving it.
    await journalBecomes(s, home.dir, (t) => t === reply, 'the whole reply');
    s.kill('SIGKILL');
    await s.exited;

    const again = start(home.dir, ['--resume', '--employee-id', 'E-42']);
    // The killed session's lock goes stale in 10 s; the resume waits for that.
    const resumed = await again.waitForText('20 words (10-60 asked for)', 30_000);
    for (const row of reply.split('\n')) expect(resumed).toContain(row);
    expect(resumed).toContain('Esc done writing');
    // The cursor is at the end: typing goes on from there.
    again.press(' Sam');
    await again.waitForText('21 words');
    again.press('escape');
    await again.waitForText('Enter/w write');
    again.press('s');
    await again.waitForText('Submit your answers?');
    again.press('y');
    const results = await again.waitForText('AWAITING MARKING');
    expect(results).toContain('Question 2: Write your reply to the customer who has called');
    expect(results).toContain('whether you');
    expect(results).not.toMatch(/NOT YET PASSED|FAIL/);
    again.press('enter');
    expect((await again.exited).exitCode).toBe(0);
    expect(again.screenText()).toContain('AWAITING MARKING: 100% scored so far (pass mark 50%)');
    expect(again.screenText()).toContain('the written reply in question 2');

    const record = theRecord(home.dir);
    expect(record.answers.find((a) => a.itemId === 'w1')?.response).toEqual({ type: 'written', text: `${reply} Sam` });
    expect(record.result!.status).toBe('awaiting-marking');
    expect(record.result!.passed).toBe(false);
    expect(record.result!.items.find((r) => r.itemId === 'w1')).toMatchObject({ answered: true, pending: true });
  }, 60_000);

  it('a paste of escape sequences draws nothing raw; a paste past the cap is cut there with a message, nothing before it lost', async () => {
    const home = tempHome();
    cleanup.push(home.remove);
    const s = await toWrittenItem(home.dir);
    s.press('Start ');
    s.press(`${PASTE_START}\u001B]0;pwned\u0007Hello \u001B[31mred\u001B[0m\u001B[2J\u001B[H done${PASTE_END}`);
    const screen = await s.waitForText('4 words');
    expect(screen).toContain('Start Hello red done');
    // The clear-screen in the paste did nothing: the question is still above the reply.
    expect(screen).toContain('Question 2 of 2');
    expect(screen).not.toContain('pwned');
    expect(screen).not.toContain('[31m');
    expect(s.raw()).not.toContain('\u001B]0;pwned');
    await journalBecomes(s, home.dir, (t) => t === 'Start Hello red done', 'the cleaned paste');

    const block = 'We have refunded order 12345 in full today.\r\n';
    s.press(PASTE_START + block.repeat(Math.ceil((MAX_WRITTEN_CHARS + 5_000) / block.length)) + PASTE_END);
    const cut = await s.waitForText(/cut at the 20,000-character limit/, 30_000);
    expect(cut).toContain('over the limit of 60');
    s.press('escape');
    await journalBecomes(s, home.dir, (t) => t?.length === MAX_WRITTEN_CHARS, `${MAX_WRITTEN_CHARS} characters`);
    const kept = journaledReply(home.dir)!;
    expect(kept.startsWith('Start Hello red doneWe have refunded order 12345 in full today.\nWe have')).toBe(true);
    s.press('ctrlC');
    await s.waitForText('Quit for now?');
    s.press('y');
    expect((await s.exited).exitCode).toBe(130);
  }, 90_000);

  it('an $EDITOR that fails or is missing says so, and the draft stays as it was', async () => {
    const home = tempHome();
    cleanup.push(home.remove);
    const failing = join(home.dir, 'failing-editor.sh');
    writeFileSync(failing, '#!/bin/sh\necho "partial" > "$1"\nexit 3\n');
    chmodSync(failing, 0o755);
    const s = await toWrittenItem(home.dir, { EDITOR: failing });
    await s.waitForText('Ctrl-O own editor');
    s.press('Keep me');
    await s.waitForText('2 words');
    s.press(CTRL_O);
    const failed = await s.waitForText(/exited with status\s+3/);
    expect(failed.replace(/\s+/g, ' ')).toContain('your reply is unchanged');
    expect(failed).toContain('Keep me');
    expect(failed).not.toContain('partial');
    s.press('.');
    await journalBecomes(s, home.dir, (t) => t === 'Keep me.', 'the draft as typed');
    s.kill('SIGKILL');
    await s.exited;

    const missing = start(home.dir, ['--resume', '--employee-id', 'E-42'], { VISUAL: '/nowhere/editor' });
    await missing.waitForText('Keep me.', 30_000);
    missing.press(CTRL_O);
    const notFound = await missing.waitForText('"/nowhere/editor" was not found');
    expect(notFound).toContain('Keep me.');
    missing.press('!');
    await journalBecomes(missing, home.dir, (t) => t === 'Keep me.!', 'the draft typed on');
  }, 60_000);
});
