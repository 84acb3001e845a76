import { fstatSync, statSync, writeSync } from 'node:fs';
import { devNull } from 'node:os';
import { styleText } from 'node:util';
import { ExitCode } from '../errors/exit-codes.js';
import { terminalSafeJson } from '../core/text/sanitize.js';

/** Set once a write would block: from then on everything goes through Node's stream, in order. */
const viaStream = { 1: false, 2: false };
/** Set once the reader has gone: nothing more is written there. */
const closed = { 1: false, 2: false };
/** Whether anything went to stdout: an error in `--json` mode then adds no second document. */
let wroteStdout = false;

export const hasWrittenStdout = (): boolean => wroteStdout;

function stream(fd: 1 | 2): NodeJS.WriteStream {
  const out = fd === 1 ? process.stdout : process.stderr;
  if (out.listenerCount('error') === 0) out.on('error', stopOnClosedPipe);
  return out;
}

/** `frontline verify dir/ | head` closes the pipe early: that is the reader's choice, not an error. */
function stopOnClosedPipe(error: NodeJS.ErrnoException): void {
  if (error.code === 'EPIPE') process.exit(process.exitCode ?? ExitCode.ok);
  throw error;
}

/**
 * Writes with write(2) rather than through `process.stdout`: making that
 * stream loads Node's stream and net modules, ~2 ms of a 50 ms `validate`.
 * Node writes to files, pipes and terminals synchronously on POSIX anyway. A
 * pipe left non-blocking by whoever made it (EAGAIN) gets the rest through the
 * stream, and so does everything after. A reader that went away (EPIPE:
 * `frontline validate banks/*.yaml | head -1`) is not an error: the rest of
 * the output is dropped and the command ends with its own exit status, so a
 * script still learns that a bank was invalid.
 */
function write(fd: 1 | 2, text: string): void {
  if (fd === 1 && text.length > 0) wroteStdout = true;
  if (closed[fd]) return;
  if (viaStream[fd]) {
    stream(fd).write(text);
    return;
  }
  const bytes = Buffer.from(text, 'utf8');
  let done = 0;
  while (done < bytes.length) {
    try {
      done += writeSync(fd, bytes, done);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'EPIPE') {
        closed[fd] = true;
        return;
      }
      if (code !== 'EAGAIN') throw error;
      viaStream[fd] = true;
      stream(fd).write(bytes.subarray(done));
      return;
    }
  }
}

/**
 * For a command that draws with Ink, which writes through the streams: its own
 * lines then go the same way, so they cannot overtake what Ink has written.
 */
export function writeThroughStreams(): void {
  viaStream[1] = true;
  viaStream[2] = true;
}

export function writeOut(text: string): void {
  write(1, text);
}

export function writeErr(text: string): void {
  write(2, text);
}

/** Writes one JSON document to stdout: the only thing `--json` mode ever prints there. */
export function printJson(value: unknown, replacer?: (key: string, value: unknown) => unknown): void {
  writeOut(`${terminalSafeJson(JSON.stringify(value, replacer, 2))}\n`);
}

const terminals: { 1?: boolean; 2?: boolean } = {};

/**
 * Whether stdout (or stderr) is a terminal, without `tty.isatty`: the tty
 * module loads net and the streams (1.6 ms). A character device other than
 * the null device is a terminal in practice (the others, /dev/zero and the
 * like, are not where anyone sends a report).
 */
function isTerminal(fd: 1 | 2 = 1): boolean {
  const known = terminals[fd];
  if (known !== undefined) return known;
  let terminal = false;
  try {
    const out = fstatSync(fd);
    terminal = out.isCharacterDevice() && !isNullDevice(out.rdev);
  } catch {
    // No such stream at all (closed): nothing to colour.
  }
  terminals[fd] = terminal;
  return terminal;
}

/** Whether stderr is a terminal: progress lines go there only then. */
export function stderrIsTerminal(): boolean {
  return isTerminal(2);
}

function isNullDevice(rdev: number): boolean {
  try {
    return statSync(devNull).rdev === rdev;
  } catch {
    return false;
  }
}

/**
 * Colour only for a terminal, never under NO_COLOR (https://no-color.org);
 * FORCE_COLOR forces it. Node 20's styleText does not check either itself.
 */
export function useColor(): boolean {
  if ('NO_COLOR' in process.env && process.env['NO_COLOR'] !== '') return false;
  const force = process.env['FORCE_COLOR'];
  if (force !== undefined && force !== '0' && force !== 'false') return true;
  return isTerminal();
}

type Style = Parameters<typeof styleText>[0];

/** Styles text when colour is on. Meaning must never rest on colour alone. */
export function paint(style: Style, text: string): string {
  return useColor() ? styleText(style, text) : text;
}
