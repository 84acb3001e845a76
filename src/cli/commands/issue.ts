import type { Command } from 'commander';
import { lazyAction, type LoadRun } from '../lazy-action.js';

export function registerIssue(program: Command, load: LoadRun<typeof import('../run/issue.js')>): void {
  program
    .command('issue')
    .description('re-score an attempt against its bank and sign a certificate')
    .argument('<attempt>', 'attempt record JSON')
    .option('--bank <file>', 'the question bank the attempt was taken on, or its sealed copy (a sealed attempt finds the copy `seal` kept)')
    .requiredOption('--key <file>', 'issuer private key (PEM, mode 0600)')
    .option('--issuer <file>', 'issuer profile (default: issuer.json next to the key)')
    .option('--out <path>', 'also write the certificate here: a file, or a folder (existing, or ending in /) to put <id>.json in; it is always kept in the data dir')
    .option('--force', 'replace the --out file when it exists')
    .option('--no-email', "leave the candidate's salted e-mail hash out")
    .option('--reissue', 'issue again for an attempt that already has a certificate')
    .option('--json', 'print as JSON')
    .action(lazyAction(load));
}
