import type { Command } from 'commander';
import { lazyAction } from '../lazy-action.js';

export function registerHistory(program: Command): void {
  program
    .command('history')
    .description('list past attempts on this machine')
    .option('--bank <id>', 'only attempts on this bank id')
    .option('--employee <id>', 'only this employee id')
    .option('--json', 'print as JSON')
    .action(lazyAction(() => import('../run/history.js')));
}
