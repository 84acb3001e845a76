import type { Command } from 'commander';
import { lazyAction, type LoadRun } from '../lazy-action.js';

export function registerHistory(program: Command, load: LoadRun<typeof import('../run/history.js')>): void {
  program
    .command('history')
    .description('list past attempts on this machine')
    .option('--bank <id>', 'only attempts on this bank id')
    .option('--employee <id>', 'only this employee id')
    .option('--json', 'print as JSON')
    .action(lazyAction(load));
}
