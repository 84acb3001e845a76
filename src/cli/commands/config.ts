import type { Command } from 'commander';
import { CONFIG_KEYS } from '../../core/config/config-keys.js';
import { lazyAction, type LoadRun } from '../lazy-action.js';

const EXAMPLES = [
  'frontline config set tags.site Leeds',
  'frontline config set lrs.endpoint https://lrs.example.com/xapi/',
  'frontline config list --json',
];

/** Every key and what it does, from the one table of keys, laid out and wrapped as commander lays out options. */
function keysHelp(command: Command): string {
  const help = command.createHelp();
  help.prepareContext({ helpWidth: command.configureOutput().getOutHelpWidth?.() });
  const termWidth = Math.max(...CONFIG_KEYS.map((k) => k.key.length));
  const keys = CONFIG_KEYS.map((k) => help.formatItem(k.key, termWidth, 'secret' in k ? `${k.description} (secret: list shows "(set)")` : k.description, help));
  return ['', 'Keys:', ...keys, '', 'Examples:', ...EXAMPLES.map((e) => `  ${e}`)].join('\n');
}

/** `load` gives the implementation module, loaded only when a config subcommand runs. */
export function registerConfig(program: Command, load: LoadRun<typeof import('../run/config.js')>): void {
  const config = program
    .command('config')
    .description('show or change settings kept on this machine')
    .addHelpText('after', ({ command }) => keysHelp(command));
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
