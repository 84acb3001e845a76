import { Command, CommanderError } from 'commander';
import { describeError, errorJson } from './errors.js';
import { ExitCode } from '../errors/exit-codes.js';
import { hasWrittenStdout, printJson, writeErr, writeOut } from './output.js';
import { registerCommands } from './commands/index.js';

declare const FRONTLINE_VERSION: string | undefined;
const version = typeof FRONTLINE_VERSION === 'string' ? FRONTLINE_VERSION : '0.0.0-dev';

const debug = process.argv.includes('--debug') || process.env['FRONTLINE_DEBUG'] === '1';
const dashes = process.argv.indexOf('--');
const json = process.argv.slice(2, dashes === -1 ? undefined : dashes).includes('--json');

const program = new Command('frontline')
  .description('Timed scenario assessments and signed certificates for customer-service teams.')
  .version(version, '-V, --version', 'print the version')
  .option('--debug', 'show stack traces for errors')
  .option('--data-dir <dir>', 'where attempts, journals and certificates live (default: FRONTLINE_HOME or the OS data dir)')
  .showHelpAfterError('(run with --help for usage)')
  // Through write(2) like every command's output (see output.ts); help still asks the stream for the width.
  .configureOutput({ writeOut, writeErr })
  .exitOverride();

registerCommands(program);

/**
 * An error thrown outside the command's own promise (a lock lost in a timer,
 * a stream's error event) is shown like any other: one line, its exit code,
 * the stack only with --debug. The process stops at once: what failed may
 * have been what kept it safe to go on.
 */
function failAtOnce(error: unknown): void {
  const report = describeError(error, debug);
  writeErr(`${report.lines.join('\n')}\n`);
  if (json && !hasWrittenStdout()) printJson(errorJson(error, report.exitCode));
  process.exit(report.exitCode);
}
process.on('uncaughtException', failAtOnce);
process.on('unhandledRejection', failAtOnce);

// No top-level await: the CLI is bundled as CommonJS (see scripts/build.mjs).
async function main(): Promise<void> {
  try {
    await program.parseAsync(process.argv);
  } catch (error) {
    if (error instanceof CommanderError) {
      // Commander has already printed its message (or the help/version text).
      const clean = ['commander.helpDisplayed', 'commander.version', 'commander.help'].includes(error.code);
      process.exitCode = clean ? ExitCode.ok : ExitCode.usage;
      if (!clean && json && !hasWrittenStdout()) printJson(errorJson(error, ExitCode.usage));
    } else {
      const report = describeError(error, debug);
      writeErr(`${report.lines.join('\n')}\n`);
      process.exitCode = report.exitCode;
      if (json && !hasWrittenStdout()) printJson(errorJson(error, report.exitCode));
    }
  }
}

void main();
