import type { Command } from 'commander';
import { lazyAction, type LoadRun } from '../lazy-action.js';

/** `load` gives the implementation module, loaded only when a config subcommand runs. */
export function registerConfig(program: Command, load: LoadRun<typeof import('../run/config.js')>): void {
  const config = program
    .command('config')
    .description('show or change settings kept on this machine')
    .addHelpText(
      'after',
      [
        '',
        'Keys: candidate.name, candidate.employeeId, tags.<name>, signing.keyFile, issuer.name,',
        '      lrs.endpoint, lrs.auth, lrs.homePage, lrs.activityBase, lrs.includeItems',
        '',
        'Examples:',
        '  frontline config set tags.site Leeds',
        '  frontline config set lrs.endpoint https://lrs.example.com/xapi/',
        '  frontline config list --json',
      ].join('\n'),
    );
  config
    .command('list')
    .description('every setting (secrets shown as "(set)")')
    .option('--json', 'print as JSON')
    .action(lazyAction(async () => ({ run: (await load()).runList })));
  config
    .command('get')
    .description('print one setting')
    .argument('<key>', 'dotted key, e.g. lrs.endpoint')
    .action(lazyAction(async () => ({ run: (await load()).runGet })));
  config
    .command('set')
    .description('change one setting')
    .argument('<key>', 'dotted key, e.g. tags.site')
    .argument('<value>', 'the value')
    .action(lazyAction(async () => ({ run: (await load()).runSet })));
  config
    .command('unset')
    .description('remove one setting')
    .argument('<key>', 'dotted key')
    .action(lazyAction(async () => ({ run: (await load()).runUnset })));
  config
    .command('path')
    .description('print where the config file is')
    .action(lazyAction(async () => ({ run: (await load()).runPath })));
}
