import { answerStatus, countStatuses } from '../../core/attempt/answer-completeness.js';
import type { Response } from '../../core/attempt/types.js';
import {
  answerRecords,
  canGoTo,
  dueWarning,
  inGrace,
  isAnswered,
  itemRemainingMs,
  reduce,
  remainingMs,
  type Event,
  type State,
} from '../../core/attempt/session.js';
import type { AttemptDriver, AttemptView } from '../../core/attempt/driver.js';
import { withExtendedDeadline } from '../../core/attempt/extend-deadline.js';

/** Where events go before they change the screen: the attempt journal. */
export interface EventLog {
  append(event: Event): Promise<void>;
}

export interface TakeDriver extends AttemptDriver {
  /** The latest state, with every event so far applied. */
  state(): State;
  /** Marks a reopened attempt: the time away is not charged to the item showing. */
  resume(): void;
  /**
   * Moves the deadline to `journalDeadline + extensionMs` (the exam host's
   * signed extensions), grace with it. Not logged: the host's extension log
   * is the record, and a resume replays with it. An ended attempt stays ended.
   */
  extendDeadline(journalDeadline: number, extensionMs: number): void;
}

/** Ticks that change nothing visible are still logged this often, so a resume charges little lost time. */
const TICK_LOG_MS = 5_000;

/**
 * The longest a written reply's draft waits before it is journaled (checked on
 * each clock tick, every quarter second): a crash loses at most about this
 * much typing, and the journal is synced at most once per interval however
 * fast the candidate types.
 */
export const DRAFT_LOG_MS = 1_500;

/** A written reply's text not yet in the journal: `at` its last change, `since` its first unlogged one. */
interface PendingDraft {
  itemId: string;
  text: string;
  at: number;
  since: number;
}

/** The state as the screens show it: a draft not yet journaled stands in for its item's answer. */
function withDraft(state: State, draft: PendingDraft | undefined): State {
  if (!draft) return state;
  const index = state.entries.findIndex((e) => e.itemId === draft.itemId);
  const entry = state.entries[index];
  if (!entry || entry.locked) return state;
  const entries = [...state.entries];
  entries[index] = { ...entry, response: { type: 'written', text: draft.text } };
  return { ...state, entries };
}

/** A wall clock further ahead of the monotonic one than this means the machine slept, not that NTP stepped. */
const SLEEP_GAP_MS = 60_000;

/**
 * The attempt's clock: wall-clock milliseconds (the deadline in the journal is
 * a wall-clock instant) that advance with the monotonic clock, so setting the
 * system clock back, or an NTP step, neither adds time to an attempt nor takes
 * it away. The monotonic clock stops while the machine sleeps (Linux, macOS),
 * and the test's clock should not: a wall clock that has run ahead by more than
 * a minute is taken as sleep, and followed. It starts no earlier than `floor`
 * (the last journaled event of a resumed attempt), so a clock set back while
 * the attempt was closed gives no time back.
 */
export function attemptClock(wall: () => number = Date.now, monotonic: () => number = () => performance.now(), floor = -Infinity): () => number {
  let wallAt = Math.max(wall(), floor);
  let monotonicAt = monotonic();
  return () => {
    const elapsed = wallAt + (monotonic() - monotonicAt);
    const w = wall();
    if (w - elapsed <= SLEEP_GAP_MS) return elapsed;
    wallAt = w;
    monotonicAt = monotonic();
    return w;
  };
}

export function viewOf(state: State, now: number): AttemptView {
  const entry = state.form[state.index] ?? state.form[0];
  if (!entry) throw new Error('an attempt needs at least one item');
  const item = state.items.get(entry.itemId);
  if (!item) throw new Error(`form names item "${entry.itemId}", which the bank does not have`);
  const status = state.entries.map((e) => {
    const it = state.items.get(e.itemId);
    return it ? answerStatus(it, e.response, isAnswered(e)) : 'unanswered';
  });
  return {
    phase: state.phase,
    index: state.index,
    total: state.form.length,
    entry,
    item,
    caseStudy: item.case === undefined ? undefined : state.bank.cases?.find((c) => c.id === item.case),
    answers: answerRecords(state),
    status,
    answeredCount: countStatuses(status).answered,
    testRemainingMs: remainingMs(state, now),
    itemRemainingMs: itemRemainingMs(state, now),
    warning: dueWarning(state, now),
    late: inGrace(state, now),
    locked: state.entries.map((e) => e.locked),
    timedOut: state.entries.map((e) => e.timedOut),
    reachable: state.form.map((_, i) => canGoTo(state, i)),
    canGoBack: state.policy.allowBack,
    canFlag: state.policy.allowFlag,
    showReview: state.policy.showReview,
    ended: state.ended,
  };
}

/** Only the item on screen takes an answer (the session's rule), so only its draft is kept. */
const onScreenItem = (state: State, itemId: string): boolean => state.phase === 'item' && state.entries[state.index]?.itemId === itemId;

const seconds = (ms: number | undefined) => (ms === undefined ? -1 : Math.ceil(ms / 1000));

/** What the screens show of a state, apart from the clocks (every tick makes a new state object). */
const visible = (state: State): string =>
  JSON.stringify([state.phase, state.index, state.ended, state.entries.map((e) => [e.response, e.flagged, e.locked, e.timedOut, e.scenarioStep])]);

/**
 * Drives the session reducer for the take app. Every event is written to the
 * log and only then applied, in order, so what the candidate sees recorded is
 * on disk (answers are fsync'd by the journal). Answer updates are computed
 * against the newest state, queued writes included, so quick keys compose.
 * A written reply's draft is the one exception: shown as typed, journaled in
 * batches (see `write` and DRAFT_LOG_MS).
 */
export function createTakeDriver(initial: State, log: EventLog, options: { now?: () => number; onError: (error: Error) => void }): TakeDriver {
  const now = options.now ?? attemptClock(Date.now, () => performance.now(), initial.lastAt);
  // After a failed write nothing more is logged or shown: a later line could
  // be glued onto a torn one, and the screen would show answers not on disk.
  let failed = false;
  let applied = initial;
  // State with queued (not yet logged) events applied: answers build on this.
  let latest = initial;
  let view = viewOf(initial, now());
  let shown = visible(initial);
  // A draft typed but not yet journaled; and the one the screens show until its answer is applied.
  let draft: PendingDraft | undefined;
  let drawnDraft: PendingDraft | undefined;
  let queue: Promise<void> = Promise.resolve();
  let pending = 0;
  let lastLoggedTick = now();
  const listeners = new Set<() => void>();

  // A new view (and a render) only when the state changed or a shown clock moved a second.
  const publish = () => {
    const state = withDraft(applied, drawnDraft);
    const next = viewOf(state, now());
    const key = visible(state);
    const same =
      shown === key &&
      view.warning === next.warning &&
      view.late === next.late &&
      seconds(view.testRemainingMs) === seconds(next.testRemainingMs) &&
      seconds(view.itemRemainingMs) === seconds(next.itemRemainingMs);
    if (same) return;
    shown = key;
    view = next;
    for (const listener of listeners) listener();
  };

  const dispatch = (event: Event, written?: PendingDraft) => {
    // A finished attempt takes no more events (its journal is retired once the record is saved).
    if (latest.phase === 'finished' || failed) return;
    latest = reduce(latest, event);
    pending += 1;
    queue = queue
      .then(async () => {
        if (failed) return;
        await log.append(event);
        pending -= 1;
        applied = reduce(applied, event);
        if (written !== undefined && drawnDraft === written) drawnDraft = undefined;
        publish();
      })
      .catch((error: unknown) => {
        if (failed) return;
        failed = true;
        options.onError(error instanceof Error ? error : new Error(String(error)));
      });
  };

  // Before any other event, so the journal keeps the order things happened in.
  const flushDraft = () => {
    const d = draft;
    if (!d) return;
    draft = undefined;
    const entry = latest.entries.find((e) => e.itemId === d.itemId);
    const same = entry?.response?.type === 'written' ? entry.response.text === d.text : d.text === '';
    if (same) {
      if (drawnDraft === d) drawnDraft = undefined;
      return;
    }
    dispatch({ type: 'answer', at: d.at, itemId: d.itemId, response: { type: 'written', text: d.text } }, d);
  };
  const logged = (event: Event) => {
    flushDraft();
    dispatch(event);
  };

  return {
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    view: () => view,
    now,
    state: () => applied,
    settled: () => queue,
    answer(itemId, update) {
      flushDraft();
      const entry = latest.entries.find((e) => e.itemId === itemId);
      if (!entry || entry.locked) return;
      const response: Response | undefined = update(entry.response);
      if (!response) return;
      const at = now();
      if (response.type === 'scenario') {
        // The session takes a conversation one choice at a time.
        const move = response.path[response.path.length - 1];
        if (move) dispatch({ type: 'scenario-choose', at, itemId, choice: move.choice });
        return;
      }
      dispatch({ type: 'answer', at, itemId, response });
    },
    write(itemId, text) {
      if (latest.phase === 'finished' || failed) return;
      const entry = latest.entries.find((e) => e.itemId === itemId);
      if (!entry || entry.locked || !onScreenItem(latest, itemId)) return;
      if (draft && draft.itemId !== itemId) flushDraft();
      const at = now();
      draft = { itemId, text, at, since: draft?.since ?? at };
      drawnDraft = draft;
      publish();
    },
    flush: flushDraft,
    goTo: (index) => logged({ type: 'go', at: now(), index }),
    openReview: () => logged({ type: 'review', at: now() }),
    toggleFlag: (itemId) => logged({ type: 'flag', at: now(), itemId }),
    submit: () => logged({ type: 'submit', at: now() }),
    resume: () => logged({ type: 'resume', at: now() }),
    extendDeadline(journalDeadline, extensionMs) {
      if (failed) return;
      latest = withExtendedDeadline(latest, journalDeadline, extensionMs);
      applied = withExtendedDeadline(applied, journalDeadline, extensionMs);
      publish();
    },
    tick() {
      if (latest.phase === 'finished' || failed) return;
      const at = now();
      if (draft && at - draft.since >= DRAFT_LOG_MS) flushDraft();
      const event: Event = { type: 'tick', at };
      const next = reduce(latest, event);
      const changed =
        next.phase !== latest.phase || next.index !== latest.index || next.entries.some((e, i) => e.locked !== latest.entries[i]?.locked);
      if (changed || at - lastLoggedTick >= TICK_LOG_MS) {
        lastLoggedTick = at;
        // The draft goes in first: typed before the time ran out, it counts.
        logged(event);
        return;
      }
      // A tick that changes nothing but the clock need not wait for the log,
      // unless logged events are still queued (they must apply first).
      if (pending > 0) return;
      latest = next;
      applied = reduce(applied, event);
      publish();
    },
  };
}
