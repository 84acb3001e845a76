import type { Command } from 'commander';
import { lazyAction } from '../lazy-action.js';

export function registerExport(program: Command): void {
  program
    .command('export')
    .description('export certificates for HR systems')
    .argument('<paths...>', 'certificate files or directories')
    .option('--format <format>', 'csv or jsonl', 'csv')
    .option('--profile <profile>', 'generic, successfactors or workday', 'generic')
    .action(lazyAction(() => import('../run/export.js')));
}
