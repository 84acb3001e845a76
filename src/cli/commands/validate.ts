import type { Command } from 'commander';
import { lazyAction } from '../lazy-action.js';

export function registerValidate(program: Command): void {
  program
    .command('validate')
    .description('check question banks: schema, semantic rules and lint warnings')
    .argument('<files...>', 'question bank YAML files')
    .option('--json', 'print the findings as JSON')
    .action(lazyAction(() => import('../run/validate.js')));
}
