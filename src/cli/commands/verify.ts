import { InvalidArgumentError, type Command } from 'commander';
import { lazyAction, type LoadRun } from '../lazy-action.js';
import { repeatable } from './repeatable.js';

const MODES = ['hosted', 'sealed', 'open'];

function deliveryModes(value: string): string[] {
  const modes = value.split(',').map((m) => m.trim()).filter(Boolean);
  const unknown = modes.find((m) => !MODES.includes(m));
  if (unknown !== undefined || modes.length === 0) throw new InvalidArgumentError(`expected delivery modes from ${MODES.join(', ')}, comma-separated`);
  return modes;
}

function positiveInteger(value: string): number {
  const n = Number(value);
  if (!Number.isSafeInteger(n) || n < 1) throw new InvalidArgumentError('expected a whole number of 1 or more');
  return n;
}

export function registerVerify(program: Command, load: LoadRun<typeof import('../run/verify.js')>): void {
  program
    .command('verify')
    .description('verify certificates: signature, trusted issuer, validity, revocation')
    .argument('<paths...>', 'certificate files or directories')
    .option('--trust <file>', 'trusted issuers (JSON; default: trust.json in the data dir)')
    .option('--status <path>', 'status list file or folder (repeatable; default: the data dir\'s status folder)', repeatable)
    .option('--at <date>', 'verify as of this date (ISO 8601)')
    .option('--require-delivery <modes>', 'refuse certificates earned under other delivery modes (e.g. hosted,sealed)', deliveryModes)
    .option('--json', 'print as JSON')
    .option('--quiet', 'no progress line on stderr (there is none anyway unless stderr is a terminal)')
    .option('--threads <n>', 'threads to verify with (default: one per CPU, up to 8, for 250 files each)', positiveInteger)
    .action(lazyAction(load));
}
