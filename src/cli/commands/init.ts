import type { Command } from 'commander';
import { lazyAction, type LoadRun } from '../lazy-action.js';

export function registerInit(program: Command, load: LoadRun<typeof import('../run/init.js')>): void {
  program
    .command('init')
    .description('write a commented starter question bank')
    .argument('<file>', 'where to write the bank')
    .option('--force', 'overwrite an existing file')
    .option('--json', 'print what was written as JSON')
    .addHelpText(
      'after',
      `
The starter uses every item type, a case study and a short branching scenario,
and starts with a yaml-language-server modeline so editors check it as you type.

Example:
  frontline init banks/returns.yaml && frontline validate banks/returns.yaml`,
    )
    .action(lazyAction(load));
}
