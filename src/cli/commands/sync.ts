import type { Command } from 'commander';
import { lazyAction, type LoadRun } from '../lazy-action.js';

export function registerSync(program: Command, load: LoadRun<typeof import('../run/sync.js')>): void {
  program
    .command('sync')
    .description('send queued xAPI statements to the Learning Record Store')
    .option('--lrs <url>', 'xAPI endpoint (else FRONTLINE_LRS_ENDPOINT, else config lrs.endpoint)')
    .option('--auth <credentials>', 'user:key or a full Authorization value (else FRONTLINE_LRS_AUTH, else config lrs.auth)')
    .option('--add <attempt.json...>', 'queue these attempt records first (attempts taken before the LRS was set up)')
    .option('--bank <file>', 'with --add: the bank, to describe each item in the statements')
    .option('--batch-size <n>', 'statements per request', '50')
    .option('--retries <n>', 'retries per request on network errors, 429 and 5xx (with backoff)', '4')
    .option('--json', 'print as JSON')
    .addHelpText(
      'after',
      '\nStatements wait in the outbox in the data directory until the LRS accepts them;\n' +
        'a resend never duplicates and is reported as already stored. Exit 20 when the\n' +
        'LRS cannot be reached (the outbox is kept); exit 21 when it holds other content\n' +
        'under an id sent (a conflict, listed with its id).',
    )
    .action(lazyAction(load));
}
