import type { Command } from 'commander';
import { lazyAction } from '../lazy-action.js';

export function registerInit(program: Command): void {
  program
    .command('init')
    .description('write a commented starter question bank')
    .argument('<file>', 'where to write the bank')
    .option('--force', 'overwrite an existing file')
    .action(lazyAction(() => import('../run/init.js')));
}
