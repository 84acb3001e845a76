import type { Command } from 'commander';
import { lazyAction, type LoadRun } from '../lazy-action.js';

export function registerKeys(program: Command, load: LoadRun<typeof import('../run/keys.js')>): void {
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
    .action(lazyAction(load));
}
