import type { Command } from 'commander';
import { lazyAction } from '../lazy-action.js';

export function registerKeys(program: Command): void {
  program
    .command('keys')
    .description('manage signing keys')
    .argument('<action>', 'generate')
    .option('--out <dir>', 'directory for the key files', '.')
    .option('--json', 'print as JSON')
    .action(lazyAction(() => import('../run/keys.js')));
}
