import type { Command } from 'commander';
import type { ExitCodeValue } from '../errors/exit-codes.js';

/** Options every command accepts (set on the root program). */
export interface GlobalOptions {
  /** Print stacks for errors. */
  debug?: boolean;
  /** Overrides the data directory (also FRONTLINE_HOME). */
  dataDir?: string;
}

export type RunResult = ExitCodeValue | void;

/** Gives a command's run module (see load-run-module.ts); typed by the module it stands for. */
export type LoadRun<Module> = () => Promise<Module>;

/** What a command's run module exports: positionals as commander parsed them, then options. */
export type Run<P extends unknown[] = unknown[], O = Record<string, unknown>> = (
  positionals: P,
  options: O,
  globals: GlobalOptions,
) => Promise<RunResult>;

/**
 * Wraps a command's implementation so that its module (and everything heavy it
 * imports: yaml, ajv, Ink) loads only when that command runs. `--help` and
 * `--version` therefore load nothing but commander.
 */
export function lazyAction<P extends unknown[], O>(load: () => Promise<{ run: Run<P, O> }>) {
  return async (...args: unknown[]): Promise<void> => {
    const command = args[args.length - 1] as Command;
    const options = args[args.length - 2] as O;
    const positionals = args.slice(0, -2) as P;
    const { run } = await load();
    const code = await run(positionals, options, command.optsWithGlobals<GlobalOptions>());
    process.exitCode = code ?? 0;
  };
}
