import type { Command } from 'commander';
import { lazyAction, type LoadRun } from '../lazy-action.js';

export function registerTake(program: Command, load: LoadRun<typeof import('../run/take.js')>): void {
  program
    .command('take')
    .description('take an assessment')
    .argument('[bank]', 'question bank YAML file')
    .option('--resume', 'resume your unfinished attempt (say whose with --employee-id on a shared machine)')
    .option('--assignment <file>', 'take it as assigned: identity, form, extra time and window come from this staff-signed file')
    .option('--seed <seed>', 'make the form reproducible')
    .option('--extra-time <multiplier>', 'accommodation: multiply every time limit (e.g. 1.5)')
    .option('--name <name>', 'candidate name')
    .option('--employee-id <id>', 'candidate employee id')
    .option('--tag <key=value...>', 'label the attempt (cohort, site, team)')
    .option('--screen-reader', 'plain text for screen readers (also INK_SCREEN_READER=true)')
    .action(lazyAction(load));
}
