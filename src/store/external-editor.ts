import { spawnSync } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, readSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ExternalEditOutcome } from '../core/text/draft-buffer.js';
import { sanitizeLine } from '../core/text/sanitize.js';

export interface ExternalEditorOptions {
  /** Where VISUAL and EDITOR are read. @default process.env */
  env?: NodeJS.ProcessEnv;
  /** @default os.tmpdir() */
  tempDir?: string;
}

/** More than any draft can keep (the cap is 20,000 characters): a file made huge in the editor is read only this far. */
const READ_LIMIT = 4 * 1024 * 1024;

/**
 * Opens the draft in the candidate's own editor and returns what they saved.
 * The draft goes to a file only its owner can read (0600, in a 0700
 * directory of its own), deleted afterwards whatever happens. The editor runs
 * as git runs it: `sh -c '$EDITOR "$@"'`, so "code --wait" or "vim -u NONE"
 * work and the path is never parsed by the shell. It runs synchronously with
 * the terminal handed over (stdio inherited): the caller stops its own
 * reading of the keyboard first. An editor that is missing, fails or is
 * killed leaves the draft as it was, with a message saying why.
 */
export function editInExternalEditor(text: string, options: ExternalEditorOptions = {}): ExternalEditOutcome {
  const env = options.env ?? process.env;
  const editor = (env['VISUAL'] ?? '').trim() || (env['EDITOR'] ?? '').trim();
  if (editor === '') return { ok: false, message: 'No editor is set: set VISUAL or EDITOR (for example EDITOR=nano) to write in your own.' };
  const shown = `"${sanitizeLine(editor)}"`;
  const dir = mkdtempSync(join(options.tempDir ?? tmpdir(), 'frontline-draft-'));
  try {
    const file = join(dir, 'reply.txt');
    writeFileSync(file, text, { encoding: 'utf8', mode: 0o600, flag: 'wx' });
    // With the terminal in cooked mode, Ctrl-C in a simple editor signals the whole
    // foreground group, this process too; Node would die of it, with the draft unsaved.
    // A listener keeps it alive (it runs, doing nothing, once the editor has exited).
    process.on('SIGINT', ignoreSignal);
    const run =
      process.platform === 'win32'
        ? spawnSync(`${editor} "${file}"`, { stdio: 'inherit', shell: true, env })
        : spawnSync('/bin/sh', ['-c', `${editor} "$@"`, editor, file], { stdio: 'inherit', env });
    if (run.error) return { ok: false, message: `The editor ${shown} could not be started (${run.error.message}); your reply is unchanged.` };
    if (run.signal) return { ok: false, message: `The editor ${shown} was stopped (${run.signal}); your reply is unchanged.` };
    if (run.status === 127) return { ok: false, message: `The editor ${shown} was not found; your reply is unchanged.` };
    if (run.status === 126) return { ok: false, message: `The editor ${shown} cannot be run (not executable); your reply is unchanged.` };
    if (run.status !== 0) return { ok: false, message: `The editor ${shown} exited with status ${run.status}; your reply is unchanged.` };
    const saved = readLimited(file);
    if (saved === undefined) return { ok: false, message: `The editor ${shown} left no file to read back; your reply is unchanged.` };
    // Editors end a saved file with a line break the candidate did not type.
    return { ok: true, text: saved.replace(/\r?\n$/, '') };
  } finally {
    // After the loop has taken a signal that came while the editor ran.
    setImmediate(() => process.off('SIGINT', ignoreSignal));
    rmSync(dir, { recursive: true, force: true });
  }
}

const ignoreSignal = (): void => {};

function readLimited(file: string): string | undefined {
  let fd: number;
  try {
    fd = openSync(file, 'r');
  } catch {
    return undefined;
  }
  try {
    const buffer = Buffer.alloc(READ_LIMIT);
    let length = 0;
    for (;;) {
      const n = readSync(fd, buffer, length, READ_LIMIT - length, null);
      if (n === 0 || (length += n) >= READ_LIMIT) break;
    }
    // A character cut at the read limit decodes as U+FFFD, which the length cap drops in any case.
    return buffer.subarray(0, length).toString('utf8');
  } finally {
    closeSync(fd);
  }
}
