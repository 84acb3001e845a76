import { Command, CommanderError } from 'commander';
import { describeError } from './errors.js';
import { ExitCode } from './exit-codes.js';
import { registerCommands } from './commands/index.js';

declare const FRONTLINE_VERSION: string | undefined;
const version = typeof FRONTLINE_VERSION === 'string' ? FRONTLINE_VERSION : '0.0.0-dev';

const debug = process.argv.includes('--debug') || process.env['FRONTLINE_DEBUG'] === '1';

// `frontline verify dir/ | head` closes the pipe early: that is the reader's
// choice, not an error, so stop quietly the way other Unix tools do.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(process.exitCode ?? ExitCode.ok);
    throw error;
  });
}

const program = new Command('frontline')
  .description('Timed scenario assessments and signed certificates for customer-service teams.')
  .version(version, '-V, --version', 'print the version')
  .option('--debug', 'show stack traces for errors')
  .option('--data-dir <dir>', 'where attempts, journals and certificates live (default: FRONTLINE_HOME or the OS data dir)')
  .showHelpAfterError('(run with --help for usage)')
  .exitOverride();

registerCommands(program);

// No top-level await: the CLI is bundled as CommonJS (see scripts/build.mjs).
async function main(): Promise<void> {
  try {
    await program.parseAsync(process.argv);
  } catch (error) {
    if (error instanceof CommanderError) {
      // Commander has already printed its message (or the help/version text).
      const clean = ['commander.helpDisplayed', 'commander.version', 'commander.help'].includes(error.code);
      process.exitCode = clean ? ExitCode.ok : ExitCode.usage;
    } else {
      const report = describeError(error, debug);
      process.stderr.write(`${report.lines.join('\n')}\n`);
      process.exitCode = report.exitCode;
    }
  }
}

void main();
