import type { Command } from 'commander';
import { lazyAction } from '../lazy-action.js';

export function registerIssue(program: Command): void {
  program
    .command('issue')
    .description('re-score an attempt against its bank and sign a certificate')
    .argument('<attempt>', 'attempt record JSON')
    .requiredOption('--bank <file>', 'the question bank the attempt was taken on')
    .requiredOption('--key <file>', 'issuer private key (PEM, mode 0600)')
    .option('--out <file>', 'where to write the certificate')
    .option('--json', 'print as JSON')
    .action(lazyAction(() => import('../run/issue.js')));
}
