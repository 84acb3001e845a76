import type { TimeExtension } from '../assignment/extension.js';
import type { AttemptRecord } from './types.js';
import type { JournalHeader } from './journal-entry.js';
import { scoreAttempt } from './scoring.js';
import { answerRecords, type State } from './session.js';

/** The record written when an attempt ends; its `result` is informational, `issue` re-scores. */
export function buildAttemptRecord(state: State, header: JournalHeader): AttemptRecord {
  if (state.phase !== 'finished' || state.ended === undefined || state.endedAt === undefined) {
    throw new Error('an attempt record needs a finished attempt');
  }
  const answers = answerRecords(state);
  return {
    format: 'frontline.attempt/1',
    id: header.attemptId,
    candidate: header.candidate,
    ...(header.tags && Object.keys(header.tags).length > 0 ? { tags: header.tags } : {}),
    bank: header.bank,
    delivery: header.delivery ?? 'open',
    ...(header.assignment ? { assignment: header.assignment } : {}),
    seed: header.seed,
    extraTime: header.extraTime,
    form: header.form,
    startedAt: new Date(header.startedAt).toISOString(),
    deadline: new Date(header.deadline).toISOString(),
    endedAt: new Date(state.endedAt).toISOString(),
    ended: state.ended,
    answers,
    // A sealed bank's delivery part has no key: the attempt is scored only when issued.
    ...(header.delivery === 'sealed' ? {} : { result: scoreAttempt(state.bank, header.form, answers) }),
  };
}

/**
 * The record of an attempt that ran with time extensions: their signed
 * documents travel in it, and its deadline is the one they moved it to, so
 * `issue` proves the later deadline from the record alone. `record` is built
 * from the journal's header, whose deadline is the original one.
 */
export function withExtensions(record: AttemptRecord, extensions: readonly TimeExtension[]): AttemptRecord {
  if (extensions.length === 0) return record;
  const minutes = extensions.reduce((sum, e) => sum + e.minutes, 0);
  return { ...record, deadline: new Date(Date.parse(record.deadline) + minutes * 60_000).toISOString(), extensions: [...extensions] };
}
