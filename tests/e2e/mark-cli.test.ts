import { spawn } from 'node:child_process';
import { appendFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ExitCode } from '../../src/errors/exit-codes.js';
import { writeAttemptRecord } from '../../src/store/attempts.js';
import { marksPath, readMarks } from '../../src/store/marks.js';
import { finishedAttempt, MARK_BANK } from '../fixtures/attempt-builder.js';
import { tempHome } from './pty-harness.js';
import { runCli } from './run-cli.js';

const home = tempHome();
afterAll(() => home.remove());
const keys = join(home.dir, 'keys');
const cli = (...args: string[]) => runCli(args, { env: { FRONTLINE_HOME: home.dir } });
let attemptFile = '';

beforeAll(async () => {
  mkdirSync(home.dir, { recursive: true });
  const { record } = finishedAttempt({
    id: 'att-cli-1',
    bankFile: MARK_BANK,
    texts: { w1: 'Sorry about the three contacts, Sam.', w2: '' },
  });
  attemptFile = await writeAttemptRecord(home.dir, record);
  expect(cli('keys', 'generate', '--org', 'Acme Support', '--out', keys).status).toBe(0);
});

describe('mark without a terminal', () => {
  it('lists what waits for marking, as text and as JSON; an empty reply needs no marker', () => {
    const text = cli('mark', '--bank', MARK_BANK);
    expect(text.status, text.stderr).toBe(0);
    expect(text.stdout).toBe('mark-written 1.0.0: 1 written reply, 0 marked, 1 waiting\natt-cli-1  w1  waits for a first mark\n');
    const json = cli('mark', attemptFile, '--bank', MARK_BANK, '--json');
    expect(JSON.parse(json.stdout)).toMatchObject({
      counts: { replies: 1, unmarked: 1, resolved: 0 },
      replies: [{ attempt: 'att-cli-1', item: 'w1', state: 'unmarked', markers: {} }],
    });
  });

  it('issue refuses the unmarked attempt, saying what it waits for (exit 40)', () => {
    const r = cli('issue', attemptFile, '--bank', MARK_BANK, '--key', join(keys, 'issuer-key.pem'));
    expect(r.status).toBe(ExitCode.awaitingMarking);
    expect(r.stderr).toContain('1 written reply waits for marking: "w1" waits for a first mark');
  });

  it.each([
    ['not JSON', '{"attempt":"att-cli-1","item":"w1","lev', 'not JSON (torn or edited)'],
    [
      'a level the rubric lacks',
      JSON.stringify({
        attempt: 'att-cli-1',
        item: 'w1',
        levels: { ack: 7, next: 0 },
        marker: 'Ann',
        at: '2026-12-06T09:00:00Z',
        role: 'first',
      }),
      'criterion "ack": 7 is not one of its levels (0, 1, 2)',
    ],
  ])('a hand-edited marks.jsonl line (%s): one line naming file:line, exit 41, for issue and mark', (_, line, problem) => {
    appendFileSync(marksPath(home.dir), `${line}\n`);
    try {
      for (const r of [cli('issue', attemptFile, '--bank', MARK_BANK, '--key', join(keys, 'issuer-key.pem')), cli('mark', '--bank', MARK_BANK)]) {
        expect(r.status).toBe(ExitCode.badMark);
        const [first, hint, ...rest] = r.stderr.trimEnd().split('\n');
        expect(first).toBe(`frontline: ${marksPath(home.dir)}:1: ${problem}`);
        expect(hint).toMatch(/^hint: /);
        expect(rest).toEqual([]);
        expect(r.stderr).not.toMatch(/\n\s+at /);
      }
    } finally {
      writeFileSync(marksPath(home.dir), '');
    }
  });
});

describe('mark on a sealed bank', () => {
  it("opens the rubrics with the issuer's key, and asks for it without", () => {
    const sealed = join(home.dir, 'mark.sealed.json');
    expect(cli('seal', MARK_BANK, '--key', join(keys, 'issuer-key.pem'), '-o', sealed).status).toBe(0);
    const without = cli('mark', '--bank', sealed);
    expect(without.status).toBe(ExitCode.usage);
    expect(without.stderr).toContain(`${sealed}: its rubrics are sealed (encrypted to the issuer)`);
    const opened = cli('mark', '--bank', sealed, '--key', join(keys, 'issuer-key.pem'));
    expect(opened.status, opened.stderr).toBe(0);
    expect(opened.stdout).toContain('att-cli-1  w1  waits for a first mark');
  });
});

describe('marks.jsonl under concurrent markers', () => {
  it('keeps every line appended by two processes at once', async () => {
    const appender = join(home.dir, 'appender.mjs');
    await build({
      entryPoints: [fileURLToPath(new URL('./seams/mark-appender.ts', import.meta.url))],
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: 'node20',
      outfile: appender,
      logLevel: 'silent',
      // proper-lockfile is CommonJS and requires Node's modules.
      banner: {
        js: "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);",
      },
    });
    const dir = join(home.dir, 'concurrent');
    mkdirSync(dir);
    const run = (marker: string) =>
      new Promise<number | null>((resolve, reject) => {
        const child = spawn(process.execPath, [appender, dir, marker, '40'], {
          stdio: 'ignore',
        });
        child.on('error', reject);
        child.on('exit', resolve);
      });
    expect(await Promise.all([run('Ann'), run('Bob')])).toEqual([0, 0]);
    const { marks, problems } = await readMarks(dir);
    expect(problems).toEqual([]);
    expect(marks.filter((m) => m.marker === 'Ann')).toHaveLength(40);
    expect(marks.filter((m) => m.marker === 'Bob')).toHaveLength(40);
  });
});
