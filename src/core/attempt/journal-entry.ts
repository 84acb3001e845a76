import type { Assignment } from '../assignment/assignment.js';
import type { Bank, DeliveryMode } from '../bank/types.js';
import type { Candidate, Form } from './types.js';
import { reduce, startSession, type Event, type State } from './session.js';

/**
 * The first line of an attempt journal: everything needed to rebuild the
 * attempt with the bank alone. Times are ms since the epoch.
 */
export interface JournalHeader {
  kind: 'header';
  format: 'frontline.journal/1';
  attemptId: string;
  candidate: Candidate;
  tags?: Record<string, string>;
  bank: { id: string; version: string; title: string; hash: string; sealedHash?: string };
  bankFile?: string;
  /** @default 'open' */
  delivery?: DeliveryMode;
  assignment?: Assignment;
  seed: string;
  extraTime: number;
  form: Form;
  startedAt: number;
  deadline: number;
}

export type JournalEntry = JournalHeader | ({ kind: 'event' } & Event);

/** Events whose loss would lose a candidate's work: the journal fsyncs after each. */
export function isDurableEvent(event: Event): boolean {
  switch (event.type) {
    case 'answer':
    case 'scenario-choose':
    case 'flag':
    case 'submit':
      return true;
    case 'go':
    case 'review':
    case 'tick':
    case 'resume':
      return false;
    default: {
      const unknown: never = event;
      throw new Error(`unknown event ${JSON.stringify(unknown)}`);
    }
  }
}

/**
 * Rebuilds the state from a journal. The deadline comes from the header, so a
 * resumed attempt keeps the original one, plus `extensionMs` of verified time
 * extensions on an exam host: applied before the events, because ticks
 * journaled during the extra time would otherwise end the attempt at the
 * original deadline.
 */
export function replay(bank: Bank, header: JournalHeader, events: readonly Event[], extensionMs = 0): State {
  const start = startSession({ bank, form: header.form, startedAt: header.startedAt, extraTime: header.extraTime });
  const deadline = header.deadline + extensionMs;
  const initial: State = { ...start, deadline, graceEnd: start.graceEnd === undefined ? undefined : deadline + (start.graceEnd - start.deadline) };
  return events.reduce(reduce, initial);
}
