import type { Command } from 'commander';
import { lazyAction } from '../lazy-action.js';

export function registerHistory(program: Command): void {
  program
    .command('history')
    .description('list past attempts on this machine')
    .option('--json', 'print as JSON')
    .action(lazyAction(() => import('../run/history.js')));
}
