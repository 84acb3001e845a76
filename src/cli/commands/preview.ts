import type { Command } from 'commander';
import { lazyAction, type LoadRun } from '../lazy-action.js';

export function registerPreview(program: Command, load: LoadRun<typeof import('../run/preview.js')>): void {
  program
    .command('preview')
    .description('show items as a candidate would see them')
    .argument('<bank>', 'question bank YAML file')
    .option('--item <id>', 'only this item')
    .option('--answers', 'also show the answers and explanations')
    .option('--screen-reader', 'plain text for screen readers (also INK_SCREEN_READER=true)')
    .action(lazyAction(load));
}
