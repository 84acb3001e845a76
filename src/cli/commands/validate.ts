import type { Command } from 'commander';
import { lazyAction, type LoadRun } from '../lazy-action.js';

export function registerValidate(program: Command, load: LoadRun<typeof import('../run/validate.js')>): void {
  program
    .command('validate')
    .description('check question banks: schema, semantic rules and lint warnings')
    .argument('<files...>', 'question bank YAML files')
    .option('--json', 'print the findings as JSON')
    .option('--paths', 'list every scenario path with its points per competency')
    .option('--forms', 'draw 10,000 seeded forms and print the spread of expected time and items per competency')
    .option('--form-count <n>', 'forms to draw with --forms', '10000')
    .addHelpText(
      'after',
      `
Prints one line per finding, "file:line:col: error|warning: message [code]",
then a summary per file with its item counts and bank hash.

--paths and --forms add to the summary (and to --json). Expected time reads
180 words a minute and allows 8 s per option; see docs/bank-format.md.

Exit status: 0 no errors (warnings are fine), 3 a bank has errors,
4 a file cannot be read.

Examples:
  frontline validate question-banks/*.yaml
  frontline validate --json my-bank.yaml
  frontline validate --paths --forms question-banks/complaint-handling.yaml`,
    )
    .action(lazyAction(load));
}
