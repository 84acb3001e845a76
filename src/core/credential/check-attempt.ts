import { isDeepStrictEqual } from 'node:util';
import { assemble } from '../attempt/assemble.js';
import type { AttemptRecord, FailReason, Result } from '../attempt/types.js';
import { assertNever, type Bank } from '../bank/types.js';
import { scoreAttempt } from '../attempt/scoring.js';
import { isSimulated } from '../attempt/simulated.js';

export type AttemptCheck =
  | { ok: true; result: Result; /** The candidate's machine reported another score than the re-score. */ reportedDiffers: boolean }
  | { ok: false; kind: 'simulated' | 'wrong-bank' | 'tampered' | 'failed'; message: string };

/**
 * Decides whether an attempt earns a certificate, trusting nothing the
 * candidate's machine computed: the bank must be the one the attempt names
 * (same hash), the form must be the one the seed assembles, and the answers
 * are scored again here.
 */
export function checkAttemptForIssue(bank: Bank, bankHash: string, attempt: AttemptRecord): AttemptCheck {
  if (isSimulated(attempt)) {
    return { ok: false, kind: 'simulated', message: 'it was made by frontline simulate, not taken by a person: simulated attempts are never certified' };
  }
  if (attempt.bank.id !== bank.id || attempt.bank.hash !== bankHash) {
    return {
      ok: false,
      kind: 'wrong-bank',
      message: `the attempt was taken on ${attempt.bank.id} ${attempt.bank.version} (${attempt.bank.hash}), but this bank is ${bank.id} ${bank.version} (${bankHash})`,
    };
  }
  if (!isDeepStrictEqual(assemble(bank, attempt.seed), attempt.form)) {
    return { ok: false, kind: 'tampered', message: `its form is not the one seed "${attempt.seed}" draws from the bank: the record was altered` };
  }
  const onForm = new Set(attempt.form.map((e) => e.itemId));
  const stray = attempt.answers.find((a) => !onForm.has(a.itemId));
  if (stray) return { ok: false, kind: 'tampered', message: `it answers item "${stray.itemId}", which is not on its form: the record was altered` };
  if (Number.isNaN(Date.parse(attempt.endedAt)) || Date.parse(attempt.endedAt) < Date.parse(attempt.startedAt)) {
    return { ok: false, kind: 'tampered', message: 'it ends before it starts: the record was altered' };
  }
  const result = scoreAttempt(bank, attempt.form, attempt.answers);
  if (!result.passed) {
    return { ok: false, kind: 'failed', message: `it did not pass on re-scoring: ${result.failReasons.map(describeFailReason).join('; ')}` };
  }
  return { ok: true, result, reportedDiffers: attempt.result.percent !== result.percent || attempt.result.passed !== result.passed };
}

export function describeFailReason(reason: FailReason): string {
  switch (reason.kind) {
    case 'below-pass-mark':
      return `${reason.percent}% overall, below the pass mark of ${reason.passMark}%`;
    case 'below-floor':
      return `${reason.percent}% in ${reason.competency}, below its floor of ${reason.floor}%`;
    case 'red-flag':
      return `critical error on item ${reason.itemId}: ${reason.reason}`;
    default:
      return assertNever(reason, 'fail reason');
  }
}
