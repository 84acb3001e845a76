import type { Command } from 'commander';
import { lazyAction } from '../lazy-action.js';

export function registerRevoke(program: Command): void {
  program
    .command('revoke')
    .description('revoke a certificate in the status list')
    .argument('<id>', 'certificate id')
    .requiredOption('--reason <text>', 'why it is revoked')
    .option('--json', 'print as JSON')
    .action(lazyAction(() => import('../run/revoke.js')));
}
