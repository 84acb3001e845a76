import type { Command } from 'commander';
import { lazyAction } from '../lazy-action.js';

export function registerSync(program: Command): void {
  program
    .command('sync')
    .description('send queued xAPI statements to the Learning Record Store')
    .option('--lrs <url>', 'LRS endpoint')
    .option('--json', 'print as JSON')
    .action(lazyAction(() => import('../run/sync.js')));
}
