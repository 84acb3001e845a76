import type { Command } from 'commander';
import { lazyAction } from '../lazy-action.js';

export function registerImport(program: Command): void {
  program
    .command('import')
    .description('convert question banks from other formats')
    .argument('<format>', 'gift')
    .argument('<file>', 'file to convert')
    .requiredOption('-o, --out <file>', 'bank YAML to write')
    .action(lazyAction(() => import('../run/import.js')));
}
