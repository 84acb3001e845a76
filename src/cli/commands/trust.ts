import type { Command } from 'commander';
import { lazyAction, type LoadRun } from '../lazy-action.js';

export function registerTrust(program: Command, load: LoadRun<typeof import('../run/trust.js')>): void {
  program
    .command('trust')
    .description('add an issuer to the trust file verify and export use')
    .argument('<action>', 'add')
    .argument('<issuer>', "the issuer's profile (issuer.json from keys generate) or its did:key")
    .option('--trust <file>', 'the trust file to create or update (default: trust.json in the data dir)')
    .option('--name <name>', 'name to show for this issuer (default: the profile\'s name)')
    .option('--from <date>', 'trust proofs created from this date (ISO 8601)')
    .option('--until <date>', 'trust proofs created until this date: the key is retired after it')
    .option('--json', 'print as JSON')
    .addHelpText(
      'after',
      [
        '',
        'Examples:',
        '  frontline trust add keys/issuer.json --from 2026-01-01 --trust trust.json',
        '  frontline trust add did:key:z6Mk… --name "Acme Support"',
        '  frontline trust add old/issuer.json --until 2026-12-31  # retire a key',
        '',
        'Adding a key that is already trusted sets only the fields given.',
      ].join('\n'),
    )
    .action(lazyAction(load));
}
