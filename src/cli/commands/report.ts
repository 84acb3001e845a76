import type { Command } from 'commander';
import { lazyAction, type LoadRun } from '../lazy-action.js';

export function registerReport(program: Command, load: LoadRun<typeof import('../run/report.js')>): void {
  program
    .command('report')
    .description('test, item and competency statistics; pre/post comparison')
    .argument('[paths...]', 'attempt records, JSONL files or directories of them')
    .option('--bank <file>', 'the question bank: titles, floors, modules, option texts; records on other versions are skipped')
    .option('--by <tag>', 'break competencies and scores down by a tag (site, team, cohort, any key given to take --tag)')
    .option('--compare <dirs...>', 'pre/post: a before and an after set of attempts, paired by employee id')
    .option('--marks <file>', 'trainers\' marks on written replies (JSON lines, as frontline mark writes them); default: marks.jsonl in the data dir')
    .option('--all-attempts', 'use every attempt, not only each agent\'s first')
    .option('--json', 'print as JSON')
    .option('--csv', 'print as CSV (RFC 4180, long form: section,subject,group,statistic,value)')
    .option('--html <file>', 'also write the report as one self-contained HTML page (charts, tables; printable, no network)')
    .option('--quiet', 'no progress line on stderr (there is none anyway unless stderr is a terminal)')
    .action(lazyAction(load));
}
