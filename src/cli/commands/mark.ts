import type { Command } from 'commander';
import { lazyAction, type LoadRun } from '../lazy-action.js';

export function registerMark(program: Command, load: LoadRun<typeof import('../run/mark.js')>, loadScreens: LoadRun<typeof import('../run/mark-screen.js')>): void {
  program
    .command('mark')
    .description('mark written replies against their rubric, one at a time (anonymised); --json lists what waits')
    .argument('[attempts...]', "attempt records, JSONL files or folders of them (default: the data dir's attempts)")
    .requiredOption('--bank <file>', 'the question bank the attempts were taken on, or its sealed copy (with --key)')
    .option('--key <file>', "the issuer's private key: opens a sealed bank's rubric")
    .option('--marker <name>', 'who is marking, recorded with each mark (default: config marker)')
    .option('--second', 'blind second marking: replies with a first mark and no second; the first is not shown')
    .option('--third', 'replies whose first and second marks differ beyond the tolerance; both are shown')
    .option('--show-names', "show candidates' names and employee ids (hidden by default, to avoid bias)")
    .option('--json', 'list the replies and where their marking stands, as JSON (also plain text without a terminal)')
    .action((...args: unknown[]) => {
      const options = args[args.length - 2] as { json?: boolean };
      // The queue is a screen; a pipe, a script or --json gets the listing, without loading Ink.
      const screen = options.json !== true && process.stdin.isTTY === true && process.stdout.isTTY === true;
      return lazyAction(async () => (screen ? { run: (await loadScreens()).run } : { run: (await load()).run }))(...args);
    });
}
