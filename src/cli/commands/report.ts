import type { Command } from 'commander';
import { lazyAction } from '../lazy-action.js';

export function registerReport(program: Command): void {
  program
    .command('report')
    .description('test, item and competency statistics; pre/post comparison')
    .argument('[paths...]', 'attempt records or directories')
    .option('--bank <file>', 'the question bank')
    .option('--json', 'print as JSON')
    .option('--csv', 'print as CSV')
    .action(lazyAction(() => import('../run/report.js')));
}
