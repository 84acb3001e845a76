import { mkdir, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { simulateCohort, simulatedId } from '../../core/attempt/simulate-cohort.js';
import { stringifyEntryPerLine } from '../../core/entry-per-line-json.js';
import { sanitizeText } from '../../core/text/sanitize.js';
import { loadBankOrThrow } from '../../app/load-bank.js';
import { writeFileAtomic } from '../../store/atomic-write.js';
import { ioError, UserError } from '../../errors/user-error.js';
import { ExitCode } from '../../errors/exit-codes.js';
import type { Run } from '../lazy-action.js';
import { printJson, writeOut } from '../output.js';
import { startProgress } from '../progress.js';

interface SimulateOptions {
  out: string;
  count: string;
  seed: string;
  tag?: string[];
  shift: string;
  start?: string;
  json?: boolean;
  quiet?: boolean;
}

const MOST = 100_000;
const SEED = /^[A-Za-z0-9._-]{1,40}$/;
const TAG_KEY = /^[A-Za-z0-9._-]{1,40}$/;

function usage(message: string): UserError {
  return new UserError(`simulate: ${message}`, { exitCode: ExitCode.usage });
}

function parseTags(specs: readonly string[]): Record<string, string[]> {
  const tags: Record<string, string[]> = {};
  for (const spec of specs) {
    const at = spec.indexOf('=');
    const key = at > 0 ? spec.slice(0, at) : '';
    const values = spec.slice(at + 1).split(',').map((v) => v.trim()).filter(Boolean);
    if (!TAG_KEY.test(key) || values.length === 0) throw usage(`--tag: expected key=value[,value…], found "${sanitizeText(spec)}"`);
    tags[key] = values;
  }
  return tags;
}

export const run: Run<[string], SimulateOptions> = async ([bankPath], options) => {
  const count = Number(options.count);
  if (!Number.isInteger(count) || count < 1 || count > MOST) throw usage(`--count: expected a whole number from 1 to ${MOST.toLocaleString('en-US')}, found "${sanitizeText(options.count)}"`);
  if (!SEED.test(options.seed)) throw usage(`--seed: expected up to 40 letters, digits, ".", "_" or "-", found "${sanitizeText(options.seed)}"`);
  const shift = Number(options.shift);
  if (!Number.isFinite(shift) || Math.abs(shift) > 3) throw usage(`--shift: expected a number of SDs from -3 to 3, found "${sanitizeText(options.shift)}"`);
  const startAt = options.start === undefined ? Date.now() : Date.parse(options.start);
  if (Number.isNaN(startAt)) throw usage(`--start: expected an ISO 8601 date, found "${sanitizeText(options.start ?? '')}"`);
  const tags = parseTags(options.tag ?? []);
  const { bank, hash } = await loadBankOrThrow(bankPath);

  try {
    await mkdir(options.out, { recursive: true });
  } catch (error) {
    throw ioError(options.out, error, 'create');
  }
  // Never mixed into a folder of real attempts by accident, and never overwrites one.
  const present = new Set(await readdir(options.out));
  for (let n = 1; n <= count; n += 1) {
    const name = `${simulatedId(options.seed, n, count)}.json`;
    if (present.has(name)) throw new UserError(`${join(options.out, name)}: already exists`, { exitCode: ExitCode.io, hint: 'choose another --out folder or --seed' });
  }
  const progress = startProgress('simulate', 'attempts', { quiet: options.json === true || options.quiet === true });
  let passed = 0;
  let written = 0;
  try {
    for (const record of simulateCohort({ bank, bankHash: hash, count, seed: options.seed, startAt, tags, shift })) {
      const file = join(options.out, `${record.id}.json`);
      try {
        await writeFileAtomic(file, `${stringifyEntryPerLine(record)}\n`);
      } catch (error) {
        throw ioError(file, error, 'write');
      }
      if (record.result?.passed) passed += 1;
      written += 1;
      progress.update(written, count);
    }
  } finally {
    progress.stop();
  }
  if (options.json) {
    printJson({ out: options.out, bank: { id: bank.id, version: bank.version, hash }, seed: options.seed, attempts: written, passed, simulated: true });
  } else {
    writeOut(`wrote ${written} simulated attempts on ${sanitizeText(bank.id)} ${sanitizeText(bank.version)} to ${sanitizeText(options.out)} (${passed} passed)\n`);
    writeOut(`each is marked simulated: frontline issue refuses it and frontline report says so\n`);
    writeOut(`next: frontline report ${sanitizeText(options.out)} --bank ${sanitizeText(bankPath)}\n`);
  }
  return ExitCode.ok;
};
