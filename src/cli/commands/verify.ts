import type { Command } from 'commander';
import { lazyAction } from '../lazy-action.js';

export function registerVerify(program: Command): void {
  program
    .command('verify')
    .description('verify certificates: signature, trusted issuer, validity, revocation')
    .argument('<paths...>', 'certificate files or directories')
    .option('--trust <file>', 'trusted issuers (JSON)')
    .option('--status <file>', 'status list for revocation')
    .option('--at <date>', 'verify as of this date (ISO 8601)')
    .option('--json', 'print as JSON')
    .action(lazyAction(() => import('../run/verify.js')));
}
