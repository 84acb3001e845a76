import type { Command } from 'commander';
import { lazyAction, type LoadRun } from '../lazy-action.js';

export function registerSimulate(program: Command, load: LoadRun<typeof import('../run/simulate.js')>): void {
  program
    .command('simulate')
    .description('write a simulated cohort of attempts on a bank, to try report on (never certifiable)')
    .argument('<bank>', 'the question bank')
    .requiredOption('-o, --out <dir>', 'folder to write the attempt records into (created if missing)')
    .option('-n, --count <n>', 'candidates to simulate (1 to 100000)', '200')
    .option('--seed <text>', 'the same seed and bank give the same cohort', '1')
    .option('--tag <key=values...>', 'tag candidates, cycling the values: --tag team=north,south,west')
    .option('--shift <sd>', 'move every ability by this many SDs: -1 before training, 0.5 after', '0')
    .option('--start <iso>', 'when the first attempt starts (default: now)')
    .option('--json', 'print a summary as JSON')
    .option('--quiet', 'no progress line')
    .addHelpText(
      'after',
      '\nEach record is a real attempt record (form from its seed, scored as take\n' +
        'scores it) marked "simulated", with candidates "Simulated agent N" (SIM-N):\n' +
        'issue refuses it, report counts it.\n\n' +
        'Examples:\n' +
        '  frontline simulate question-banks/live-chat.yaml -n 300 -o sim/ \\\n' +
        '      --tag team=north,south\n' +
        '  frontline report sim/ --bank question-banks/live-chat.yaml --by team\n' +
        '  frontline simulate bank.yaml -o before/ --seed q4 --shift -0.8\n' +
        '  frontline simulate bank.yaml -o after/ --seed q4 --shift 0.4\n' +
        '  frontline report --compare before/ after/ --bank bank.yaml',
    )
    .action(lazyAction(load));
}
