import { randomBytes } from 'node:crypto';
import { UserError } from '../../errors/user-error.js';
import { ExitCode } from '../../errors/exit-codes.js';
import { MAX_EXTRA_TIME } from '../../core/assignment/assignment.js';

export interface TakeOptions {
  resume?: boolean;
  assignment?: string;
  seed?: string;
  extraTime?: string;
  name?: string;
  employeeId?: string;
  tag?: string[];
  screenReader?: boolean;
}


export function parseExtraTime(value: string | undefined, where = '--extra-time'): number {
  if (value === undefined) return 1;
  const n = Number(value);
  if (!Number.isFinite(n) || n < 1 || n > MAX_EXTRA_TIME) {
    throw new UserError(`${where}: expected a multiplier from 1 to ${MAX_EXTRA_TIME} (e.g. 1.25 or 1.5), got "${value}"`, {
      exitCode: ExitCode.usage,
    });
  }
  return n;
}

export function parseTags(values: readonly string[] | undefined): Record<string, string> {
  const tags: Record<string, string> = {};
  for (const value of values ?? []) {
    const at = value.indexOf('=');
    if (at <= 0) {
      throw new UserError(`--tag: expected key=value (e.g. site=leeds), got "${value}"`, { exitCode: ExitCode.usage });
    }
    tags[value.slice(0, at).trim()] = value.slice(at + 1).trim();
  }
  return tags;
}

/** A fresh seed when none is given: 64 random bits, short enough to read out to a trainer. */
export const newSeed = (): string => randomBytes(8).toString('hex');
