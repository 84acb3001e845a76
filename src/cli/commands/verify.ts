import type { Command } from 'commander';
import { lazyAction } from '../lazy-action.js';

const collect = (value: string, previous: string[]): string[] => [...previous, value];

export function registerVerify(program: Command): void {
  program
    .command('verify')
    .description('verify certificates: signature, trusted issuer, validity, revocation')
    .argument('<paths...>', 'certificate files or directories')
    .option('--trust <file>', 'trusted issuers (JSON; default: trust.json in the data dir)')
    .option('--status <path>', 'status list file or folder (repeatable; default: the data dir\'s status folder)', collect, [])
    .option('--at <date>', 'verify as of this date (ISO 8601)')
    .option('--json', 'print as JSON')
    .action(lazyAction(() => import('../run/verify.js')));
}
