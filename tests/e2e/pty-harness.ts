import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as pty from 'node-pty';
import xtermHeadless from '@xterm/headless';
import { binPath, repoRoot } from './run-cli.js';

const { Terminal } = xtermHeadless;

/** Keys by name, as a terminal sends them. */
const ptyKeys = {
  up: '\u001B[A',
  down: '\u001B[B',
  right: '\u001B[C',
  left: '\u001B[D',
  pageUp: '\u001B[5~',
  pageDown: '\u001B[6~',
  enter: '\r',
  space: ' ',
  escape: '\u001B',
  tab: '\t',
  backspace: '\u007F',
  ctrlC: '\u0003',
} as const;

export type PtyKey = keyof typeof ptyKeys;

/** Output silence after which a frame counts as fully drawn (frames are written within a few ms; the clock ticks once a second). */
const QUIET_MS = 60;

export interface PtySession {
  /** What an 80x24 screen shows now, one string per row, right-trimmed. */
  screenText(): string;
  waitForText(text: string | RegExp, timeoutMs?: number): Promise<string>;
  /** Sends a named key or literal text. */
  press(key: PtyKey | (string & {})): void;
  /** Everything the program wrote, as raw bytes decoded (for escape-sequence checks). */
  raw(): string;
  resize(cols: number, rows: number): void;
  kill(signal?: string): void;
  readonly exited: Promise<{ exitCode: number; signal?: number }>;
  readonly pid: number;
}

export function tempHome(): { dir: string; remove: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'frontline-pty-'));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/**
 * Runs `node bin/frontline.js ...args` in a real pseudo-terminal whose output
 * feeds a headless xterm of the same size, so tests read the screen a person
 * would see. CI is removed from the environment: Ink draws nothing live under CI.
 */
export function spawnFrontline(args: string[], options: PtyOptions): PtySession {
  return spawnInPty(process.execPath, [options.script ?? binPath, ...args], options);
}

export interface PtyOptions {
  home: string;
  cols?: number;
  rows?: number;
  env?: Record<string, string>;
  /** Another script than bin/frontline.js (a bundled seam), for spawnFrontline. */
  script?: string;
}

/** Any program in a pty read through a headless xterm, as spawnFrontline runs frontline (the exam host's tests run `ssh -tt`). */
export function spawnInPty(file: string, args: string[], options: PtyOptions): PtySession {
  const cols = options.cols ?? 80;
  const rows = options.rows ?? 24;
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(process.env)) if (v !== undefined) env[k] = v;
  delete env['CI'];
  delete env['CONTINUOUS_INTEGRATION'];
  delete env['NO_COLOR'];
  Object.assign(env, { FRONTLINE_HOME: options.home, TERM: 'xterm-256color' }, options.env ?? {});

  const term = new Terminal({ cols, rows, allowProposedApi: true, scrollback: 1000 });
  let raw = '';
  let lastDataAt = Date.now();
  const child = pty.spawn(file, args, { name: 'xterm-256color', cols, rows, cwd: repoRoot, env });
  child.onData((data) => {
    raw += data;
    lastDataAt = Date.now();
    term.write(data);
  });
  const exited = new Promise<{ exitCode: number; signal?: number }>((resolve) => {
    child.onExit((e) => resolve(e));
  });

  const screenText = (): string => {
    const buffer = term.buffer.active;
    const out: string[] = [];
    for (let y = 0; y < term.rows; y += 1) {
      out.push(buffer.getLine(buffer.viewportY + y)?.translateToString(true) ?? '');
    }
    return out.join('\n');
  };

  return {
    pid: child.pid,
    exited,
    screenText,
    raw: () => raw,
    async waitForText(text, timeoutMs = 10_000) {
      const start = Date.now();
      for (;;) {
        // xterm parses writes asynchronously: flush before reading.
        await new Promise<void>((resolve) => term.write('', resolve));
        const screen = screenText();
        // A frame can reach the pty in several writes: a match on its first
        // rows is trusted only once the program has been quiet for a moment.
        const settled = Date.now() - lastDataAt >= QUIET_MS;
        if (settled && (typeof text === 'string' ? screen.includes(text) : text.test(screen))) return screen;
        if (Date.now() - start > timeoutMs) {
          throw new Error(`the terminal never showed ${String(text)} within ${timeoutMs} ms; screen:\n${screen}`);
        }
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    },
    press(key) {
      child.write(key in ptyKeys ? ptyKeys[key as PtyKey] : key);
    },
    resize(c, r) {
      child.resize(c, r);
      term.resize(c, r);
    },
    kill(signal = 'SIGKILL') {
      child.kill(signal);
    },
  };
}
