import { spawn, type ChildProcess } from 'node:child_process';
import { binPath, repoRoot, type CliResult } from './run-cli.js';

export interface Started {
  child: ChildProcess;
  /** Resolves when the process has exited (status null when killed). */
  done: Promise<CliResult & { signal: NodeJS.Signals | null }>;
}

/** Starts the built binary without waiting for it, so several can run at once, or one can be killed. */
export function startCli(args: string[], options: { env?: NodeJS.ProcessEnv; cwd?: string } = {}): Started {
  const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: '1', ...options.env };
  delete env['CI'];
  const child = spawn(process.execPath, [binPath, ...args], { cwd: options.cwd ?? repoRoot, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const done = new Promise<CliResult & { signal: NodeJS.Signals | null }>((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (status, signal) => resolve({ status, signal, stdout, stderr }));
  });
  return { child, done };
}

/** Runs the binary and kills it with SIGKILL after `delayMs` (when still running). */
export async function runAndKill(args: string[], delayMs: number, options: { env?: NodeJS.ProcessEnv } = {}): Promise<CliResult & { signal: NodeJS.Signals | null }> {
  const started = startCli(args, options);
  const timer = setTimeout(() => started.child.kill('SIGKILL'), delayMs);
  try {
    return await started.done;
  } finally {
    clearTimeout(timer);
  }
}
