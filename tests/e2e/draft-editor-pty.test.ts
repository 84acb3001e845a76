import { chmodSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnFrontline, tempHome, type PtySession } from './pty-harness.js';

/**
 * The draft editor in a real pseudo-terminal (CI unset, so Ink draws live):
 * what a terminal sends for typing, a bracketed paste, a megabyte paste and
 * Ctrl-O reaches the text as a candidate would expect.
 */
const home = tempHome();
const harness = join(home.dir, 'harness.mjs');
const out = join(home.dir, 'draft.txt');
afterAll(() => home.remove());

beforeAll(async () => {
  await build({
    entryPoints: [fileURLToPath(new URL('./seams/draft-editor-harness.tsx', import.meta.url))],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    jsx: 'automatic',
    define: { 'process.env.NODE_ENV': '"production"' },
    // Ink loads it only when DEV=true; in one bundle without chunks its import would be at the top.
    plugins: [
      {
        name: 'no-devtools',
        setup(b) {
          b.onResolve({ filter: /^react-devtools-core$/ }, () => ({ path: 'react-devtools-core', namespace: 'stub' }));
          b.onLoad({ filter: /.*/, namespace: 'stub' }, () => ({ contents: 'export default {};' }));
        },
      },
    ],
    banner: { js: "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);" },
    outfile: harness,
    logLevel: 'silent',
  });
}, 60_000);

const PASTE_START = '\u001B[200~';
const PASTE_END = '\u001B[201~';

function start(env: Record<string, string> = {}, args: string[] = []): PtySession {
  rmSync(out, { force: true });
  return spawnFrontline([out, ...args], { home: home.dir, script: harness, env: { VISUAL: '', EDITOR: '', ...env } });
}

const draft = () => readFileSync(out, 'utf8');
async function draftBecomes(s: PtySession, text: string): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (draft() !== text) {
    if (Date.now() > deadline) throw new Error(`draft is ${JSON.stringify(draft())}, expected ${JSON.stringify(text)}; screen:\n${s.screenText()}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('draft editor in a pty', () => {
  it('asks for bracketed paste; typed lines and a pasted block go in as text; Esc and Ctrl-C inside a paste are inert', async () => {
    const s = start({}, ['5']);
    await s.waitForText('0 words (at most 5)');
    expect(s.raw()).toContain('\u001B[?2004h');
    s.press('Hi Ana,');
    s.press('enter');
    await draftBecomes(s, 'Hi Ana,\n');
    s.press(`${PASTE_START}Sorry for the wait.\r\n\u001B[31mYour refund\u001B[0m is on its way.\u001B\u0003\r\nSam${PASTE_END}`);
    await draftBecomes(s, 'Hi Ana,\nSorry for the wait.\nYour refund is on its way.\nSam');
    const screen = await s.waitForText('! 13 words: 8 over the limit of 5');
    expect(screen).toContain('Your refund is on its way.');
    s.press('escape');
    await s.waitForText('harness done');
    expect((await s.exited).exitCode).toBe(0);
    expect(s.raw()).toContain('\u001B[?2004l');
  });

  it('a megabyte paste is cut at the cap with a notice, and Esc still leaves at once', async () => {
    const s = start();
    await s.waitForText('0 words');
    const line = 'We have refunded order 12345 in full.\r\n';
    s.press(PASTE_START + line.repeat(Math.ceil(1_048_576 / line.length)) + PASTE_END);
    await s.waitForText(/cut at the 20,000-character/, 60_000);
    expect(draft().length).toBe(20_000);
    s.press('escape');
    await s.waitForText('harness done');
  }, 90_000);

  it('Ctrl-O hands the terminal to $EDITOR and takes back what it saved; a missing editor leaves the draft and says so', async () => {
    const editor = join(home.dir, 'append.sh');
    writeFileSync(editor, '#!/bin/sh\nprintf "\\nKind regards,\\nSam\\n" >> "$1"\n');
    chmodSync(editor, 0o755);
    const s = start({ EDITOR: editor });
    await s.waitForText('Ctrl-O own editor');
    s.press('Dear Ana');
    await draftBecomes(s, 'Dear Ana');
    s.press('\u000F');
    await draftBecomes(s, 'Dear Ana\nKind regards,\nSam');
    await s.waitForText('Kind regards,');
    // Raw mode is back: a key is a key, not a line.
    s.press('!');
    await draftBecomes(s, 'Dear Ana\nKind regards,\nSam!');
    s.press('escape');
    await s.waitForText('harness done');

    const missing = start({ EDITOR: '/nowhere/editor' });
    await missing.waitForText('0 words');
    missing.press('Keep me');
    await draftBecomes(missing, 'Keep me');
    missing.press('\u000F');
    await missing.waitForText('"/nowhere/editor" was not found');
    missing.press('.');
    await draftBecomes(missing, 'Keep me.');
    missing.press('escape');
    await missing.waitForText('harness done');
  });
});
