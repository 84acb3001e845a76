import type { Command } from 'commander';
import { lazyAction } from '../lazy-action.js';

export function registerKeys(program: Command): void {
  program
    .command('keys')
    .description('manage signing keys')
    .argument('<action>', 'generate')
    .option('--out <dir>', 'directory for the key files', '.')
    .option('--org <name>', 'organisation name certificates are issued by (required for generate)')
    .option('--url <url>', "the organisation's web site, shown in certificates")
    .option('--status-url <url>', 'URL where the revocation list will be published (default: derived from --url)')
    .option('--force', 'replace an existing key in --out')
    .option('--json', 'print as JSON')
    .action(lazyAction(() => import('../run/keys.js')));
}
