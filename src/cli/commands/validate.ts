import type { Command } from 'commander';
import { lazyAction } from '../lazy-action.js';

export function registerValidate(program: Command): void {
  program
    .command('validate')
    .description('check question banks: schema, semantic rules and lint warnings')
    .argument('<files...>', 'question bank YAML files')
    .option('--json', 'print the findings as JSON')
    .addHelpText(
      'after',
      `
Prints one line per finding, "file:line:col: error|warning: message [code]",
then a summary per file with its item counts and bank hash.

Exit status: 0 no errors (warnings are fine), 3 a bank has errors, 4 a file cannot be read.

Examples:
  frontline validate question-banks/*.yaml
  frontline validate --json my-bank.yaml`,
    )
    .action(lazyAction(() => import('../run/validate.js')));
}
