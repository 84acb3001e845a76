import type { Command } from 'commander';
import { lazyAction, type LoadRun } from '../lazy-action.js';

export function registerAssign(program: Command, load: LoadRun<typeof import('../run/assign.js')>): void {
  program
    .command('assign')
    .description('sign an assignment: who may take a bank, when, with which form and accommodations')
    .argument('<bank>', 'question bank YAML file (the full bank, also for sealed delivery)')
    .requiredOption('--key <file>', 'issuer private key (PEM, mode 0600)')
    .option('--employee <id>', 'employee id of the person assigned')
    .option('--name <name>', 'their name, as the certificate will carry it')
    .option('--extra-time <multiplier>', 'accommodation: multiply every time limit (1 to 4)')
    .option('--attempts <n>', 'attempts allowed in all (default: the bank\'s policy.attempts.max)')
    .option('--reason <text>', 'why the accommodations (kept in the issuer\'s registry only)')
    .option('--opens <date>', 'window opens (ISO 8601; default now)')
    .option('--closes <date>', 'window closes (ISO 8601; default 7 days after it opens)')
    .option('--roster <csv>', 'assign everyone in a roster: columns employeeId,name,extraTime,attempts,reason')
    .option('--issuer <file>', 'issuer profile (default: issuer.json next to the key)')
    .requiredOption('--out <path>', 'the assignment file; with --roster, a folder that gets <employeeId>.json')
    .option('--json', 'print as JSON')
    .action(lazyAction(load));
}
