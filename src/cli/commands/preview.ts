import type { Command } from 'commander';
import { importInkCommand } from '../import-ink-command.js';
import { lazyAction } from '../lazy-action.js';

export function registerPreview(program: Command): void {
  program
    .command('preview')
    .description('show items as a candidate would see them')
    .argument('<bank>', 'question bank YAML file')
    .option('--item <id>', 'only this item')
    .option('--answers', 'also show the answers and explanations')
    .option('--screen-reader', 'plain text for screen readers (also INK_SCREEN_READER=true)')
    .action(lazyAction(() => importInkCommand<typeof import('../run/preview.js')>('preview')));
}
