import type { Command } from 'commander';
import { lazyAction, type LoadRun } from '../lazy-action.js';
import { repeatable } from './repeatable.js';

export function registerExport(program: Command, load: LoadRun<typeof import('../run/export.js')>): void {
  program
    .command('export')
    .description('export certificates for HR systems')
    .argument('<paths...>', 'certificate files or directories')
    .option('--format <format>', 'csv or jsonl', 'csv')
    .option('--profile <profile>', 'generic, successfactors or workday', 'generic')
    .option('--out <file>', 'write here instead of stdout')
    .option('--trust <file>', 'trusted issuers (default: trust.json in the data dir); export refuses without one')
    .option('--status <path>', 'status list file or folder (repeatable)', repeatable)
    .option('--at <date>', 'status as of this date (ISO 8601)')
    .option('--include-invalid', 'also write certificates that fail verification, with the reason as status')
    .option('--unverified', 'export without a trust file: issuers unchecked, status not-verified')
    .option('--quiet', 'no progress line on stderr (there is none anyway unless stderr is a terminal)')
    .action(lazyAction(load));
}
