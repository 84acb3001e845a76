import { loadBankOrThrow } from '../../app/load-bank.js';
import { loadMarkingWork, type MarkingWork } from '../../app/mark-replies.js';
import type { MarkRole } from '../../core/attempt/marking.js';
import { looksSealed } from '../../core/bank/looks-sealed.js';
import type { Bank } from '../../core/bank/types.js';
import { readBankFile } from '../../store/bank-file.js';
import { resolveDataDir } from '../../store/data-dir.js';
import { UserError } from '../../errors/user-error.js';
import { ExitCode } from '../../errors/exit-codes.js';
import type { GlobalOptions } from '../lazy-action.js';

export interface MarkOptions {
  bank: string;
  key?: string;
  marker?: string;
  second?: boolean;
  third?: boolean;
  showNames?: boolean;
  json?: boolean;
}

export interface OpenedWork extends MarkingWork {
  dataDir: string;
  bank: Bank;
  hash: string;
}

export function roleOf(options: MarkOptions): MarkRole {
  if (options.second && options.third) throw new UserError('mark: choose one of --second and --third', { exitCode: ExitCode.usage });
  return options.third ? 'third' : options.second ? 'second' : 'first';
}

/**
 * The bank and the work on it. A sealed bank's rubrics are in its envelope:
 * opened with the issuer's key, as `issue` opens it.
 */
export async function openMarkingWork(paths: readonly string[], options: MarkOptions, globals: GlobalOptions): Promise<OpenedWork> {
  const dataDir = resolveDataDir(globals);
  const read = await readBankFile(options.bank);
  let bank: Bank;
  let hash: string;
  if (read.ok && looksSealed(read.text)) {
    if (options.key === undefined) {
      throw new UserError(`${options.bank}: its rubrics are sealed (encrypted to the issuer)`, {
        exitCode: ExitCode.usage,
        hint: "pass the issuer's key with --key, or the full bank with --bank",
      });
    }
    const { loadPrivateKey } = await import('../../store/keys.js');
    const { unsealForIssue } = await import('../../app/seal-bank.js');
    const { did } = await loadPrivateKey(options.key);
    ({ bank, hash } = await unsealForIssue({ dataDir, keyPath: options.key, did, file: options.bank }));
  } else {
    ({ bank, hash } = await loadBankOrThrow(options.bank));
  }
  const work = await loadMarkingWork({ dataDir, paths, bank, hash });
  return { ...work, dataDir, bank, hash };
}
