import type { Command } from 'commander';
import { lazyAction, type LoadRun } from '../lazy-action.js';

export function registerRevoke(program: Command, load: LoadRun<typeof import('../run/revoke.js')>): void {
  program
    .command('revoke')
    .description('revoke a certificate in the status list')
    .argument('<id>', 'certificate id (urn:uuid:… or the bare uuid)')
    .requiredOption('--reason <text>', 'why it is revoked (kept in the registry, not published)')
    .requiredOption('--key <file>', 'the issuer private key: the status list is signed with it')
    .option('--issuer <file>', 'issuer profile (default: issuer.json next to the key)')
    .option('--json', 'print as JSON')
    .action(lazyAction(load));
}
