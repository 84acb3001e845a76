import type { Command } from 'commander';
import { lazyAction, type LoadRun } from '../lazy-action.js';

export function registerImport(program: Command, load: LoadRun<typeof import('../run/import.js')>): void {
  program
    .command('import')
    .description('convert question banks from other formats')
    .argument('<format>', 'gift (Moodle GIFT)')
    .argument('<file>', 'file to convert')
    // Checked in the run, after the format: `import qti x` should hear about the format first.
    .option('-o, --out <file>', '(required) bank YAML to write')
    .option('--competency <id>', 'competency for questions before any $CATEGORY', 'general')
    .option('--id <bank-id>', 'bank id (default: from the output file name)')
    .option('--title <text>', 'bank title (default: from the input file name)')
    .option('--force', 'overwrite the output file')
    .option('--json', 'print the report as JSON')
    .option('--quiet', 'no progress line on stderr (there is none anyway unless stderr is a terminal)')
    .addHelpText(
      'after',
      '\nConverts multiple choice (incl. weighted answers), true/false and feedback;\n' +
        'each $CATEGORY becomes a competency. Questions that cannot be converted, and\n' +
        'those converted with changes, are listed with their line numbers, on screen\n' +
        'and at the top of the written file.',
    )
    .action(lazyAction(load));
}
