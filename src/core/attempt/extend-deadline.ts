import type { State } from './session.js';

/**
 * The session's state with the deadline the host's extensions allow: the
 * journal's deadline plus `extensionMs` (from `extensionFor`), the grace
 * period moved with it. Idempotent, so a session can apply it on every tick;
 * an attempt already finished stays finished. Pure.
 */
export function withExtendedDeadline(state: State, journalDeadline: number, extensionMs: number): State {
  const deadline = journalDeadline + extensionMs;
  if (state.phase === 'finished' || state.deadline === deadline) return state;
  return { ...state, deadline, graceEnd: state.graceEnd === undefined ? undefined : deadline + (state.graceEnd - state.deadline) };
}
