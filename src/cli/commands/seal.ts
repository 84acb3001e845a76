import type { Command } from 'commander';
import { lazyAction, type LoadRun } from '../lazy-action.js';

export function registerSeal(program: Command, load: LoadRun<typeof import('../run/seal.js')>): void {
  program
    .command('seal')
    .description('seal a bank for offline delivery: its key encrypted to the issuer, the rest readable by take')
    .argument('<bank>', 'the full question bank YAML file')
    .requiredOption('--key <file>', 'issuer private key (PEM, mode 0600); the encryption key beside it is made if missing')
    .requiredOption('-o, --out <file>', 'the sealed bank to write (JSON), for agents to take')
    .option('--issuer <file>', 'issuer profile (default: issuer.json next to the key)')
    .option('--force', 'replace the --out file when it exists')
    .option('--json', 'print as JSON')
    .action(lazyAction(load));
}
