import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { editInExternalEditor } from '../../src/store/external-editor.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'frontline-editor-test-'));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

/** An "editor": a shell script that gets the draft's path as its last argument. */
function script(name: string, body: string): string {
  const path = join(dir, name);
  writeFileSync(path, `#!/bin/sh\n${body}\n`);
  chmodSync(path, 0o755);
  return path;
}

// The test's own directory as the temp dir, so it can see that no draft is left behind.
const run = (text: string, env: NodeJS.ProcessEnv, tempDir = dir) => editInExternalEditor(text, { env: { PATH: process.env['PATH'], ...env }, tempDir });
const leftovers = () => readdirSync(dir).filter((n) => n.startsWith('frontline-draft-'));

describe.skipIf(process.platform === 'win32')('editInExternalEditor', () => {
  it('hands over the draft in a file only its owner can read, and takes back what was saved', () => {
    const log = join(dir, 'log');
    const editor = script('ed.sh', `stat -c '%a %n' "$1" > '${log}'; stat -c '%a' "$(dirname "$1")" >> '${log}'; printf ' and more.\\n' >> "$1"`);
    const outcome = run('Dear Ana,\nthanks', { EDITOR: editor });
    expect(outcome).toEqual({ ok: true, text: 'Dear Ana,\nthanks and more.' });
    const [fileLine, dirMode] = readFileSync(log, 'utf8').trim().split('\n');
    expect(fileLine).toMatch(/^600 .*frontline-draft-.*\/reply\.txt$/);
    expect(dirMode).toBe('700');
    expect(existsSync(fileLine!.split(' ')[1]!)).toBe(false);
    expect(leftovers()).toEqual([]);
  });

  it('VISUAL comes before EDITOR, and an editor given with arguments gets them', () => {
    const visual = script('visual.sh', `printf '%s' "$1" > "$2"`);
    const editor = script('editor.sh', `printf 'from EDITOR' > "$1"`);
    expect(run('x', { VISUAL: `${visual} --from-visual`, EDITOR: editor })).toEqual({ ok: true, text: '--from-visual' });
    expect(run('x', { EDITOR: editor })).toEqual({ ok: true, text: 'from EDITOR' });
  });

  it('a path with spaces and quotes reaches the editor as one argument', () => {
    const editor = script('count.sh', `printf '%s args' "$#" > "$1"`);
    const spaced = join(dir, `it's a "dir" $HOME`);
    mkdirSync(spaced);
    expect(run('x', { EDITOR: editor }, spaced)).toEqual({ ok: true, text: '1 args' });
  });

  it.each([
    ['no editor set', {}, 'No editor is set: set VISUAL or EDITOR'],
    ['a missing editor', { EDITOR: '/nowhere/vim' }, 'The editor "/nowhere/vim" was not found; your reply is unchanged.'],
    ['an editor that fails', { EDITOR: 'false' }, 'The editor "false" exited with status 1; your reply is unchanged.'],
    ['an editor that is killed', { EDITOR: 'kill -TERM $$; :' }, 'was stopped'],
    ['an editor that removes the file', { EDITOR: 'rm' }, 'left no file to read back'],
    ['an editor named with escape sequences', { EDITOR: '/nowhere/\u001b[31mred\u001b]0;owned\u0007' }, 'The editor "/nowhere/red" was not found'],
  ])('%s: the draft is untouched and the message says why', (_what, env, message) => {
    const outcome = run('my draft', env);
    expect(outcome.ok).toBe(false);
    if (!outcome.ok) expect(outcome.message).toContain(message);
    expect(leftovers()).toEqual([]);
  });

  it('Ctrl-C in the editor (SIGINT to this process as well) does not kill the candidate\'s session', async () => {
    // The editor's parent is sh; sh's parent is this test's process.
    const editor = script('interrupt.sh', `kill -INT "$(ps -o ppid= -p $PPID | tr -d ' ')"; sleep 0.2; printf 'after Ctrl-C' > "$1"`);
    expect(run('x', { EDITOR: editor })).toEqual({ ok: true, text: 'after Ctrl-C' });
    // The signal reaches the event loop only now; still alive after it.
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(process.listenerCount('SIGINT')).toBe(0);
  });

  it('an editor that is not executable', () => {
    const path = join(dir, 'plain.txt');
    writeFileSync(path, 'not a program');
    const outcome = run('x', { EDITOR: path });
    expect(outcome).toEqual({ ok: false, message: `The editor "${path}" cannot be run (not executable); your reply is unchanged.` });
  });
});
