import { itemTimeLimitSeconds, resolvePolicy, type ResolvedPolicy } from '../bank/defaults.js';
import { hasWrittenText, MAX_WRITTEN_CHARS } from './written.js';
import { assertNever, type Bank, type Item, type ItemId, type OptionId } from '../bank/types.js';
import type { AnswerRecord, EndReason, Form, Response } from './types.js';

/**
 * The attempt as a state machine: `reduce(state, event)` and nothing else
 * changes it. No timers and no clock inside: every event carries `at` (ms
 * since the epoch), the UI sends `tick`s, and the journal replays the same
 * events to rebuild the same state after a crash.
 */

export type Phase = 'item' | 'review' | 'finished';

export interface EntryState {
  itemId: ItemId;
  response: Response | null;
  answeredAt: number | undefined;
  /** On-screen time, summed over visits. */
  timeSpentMs: number;
  flagged: boolean;
  /** No more changes: handle time ran out, or the scenario conversation ended. */
  locked: boolean;
  timedOut: boolean;
  /** Last changed during the grace period. */
  late: boolean;
  /** For scenarios: the step now showing; undefined once the conversation has ended. */
  scenarioStep: string | undefined;
}

export interface State {
  bank: Bank;
  policy: ResolvedPolicy;
  form: Form;
  items: ReadonlyMap<ItemId, Item>;
  startedAt: number;
  /** The original deadline; a resume never moves it. */
  deadline: number;
  /** End of the grace period, when the policy has one. */
  graceEnd: number | undefined;
  extraTime: number;
  phase: Phase;
  index: number;
  entries: EntryState[];
  /** Time of the last event: on-screen time accrues from here. */
  lastAt: number;
  endedAt: number | undefined;
  ended: EndReason | undefined;
}

export type Event =
  /** A new response to a non-scenario item (replaces the previous one). */
  | { type: 'answer'; at: number; itemId: ItemId; response: Response }
  /** A choice in a branching scenario; final once made. */
  | { type: 'scenario-choose'; at: number; itemId: ItemId; choice: OptionId }
  /** Show form entry `index`; `index === form.length` opens the review. */
  | { type: 'go'; at: number; index: number }
  | { type: 'flag'; at: number; itemId: ItemId }
  | { type: 'review'; at: number }
  | { type: 'submit'; at: number }
  /** The clock moved: item time-outs and the deadline are checked. */
  | { type: 'tick'; at: number }
  /** The attempt was reopened after a crash: the gap is not charged to the item's handle time. */
  | { type: 'resume'; at: number };

export type EventType = Event['type'];

export interface SessionStart {
  bank: Bank;
  form: Form;
  startedAt: number;
  /** Accommodation multiplier for every time limit. @default 1 */
  extraTime?: number;
}

export function deadlineFor(bank: Bank, startedAt: number, extraTime = 1): number {
  return startedAt + Math.round(bank.policy.timeLimitMinutes * 60_000 * extraTime);
}

export function startSession({ bank, form, startedAt, extraTime = 1 }: SessionStart): State {
  const policy = resolvePolicy(bank.policy);
  const items = new Map(bank.items.map((item) => [item.id, item]));
  const deadline = deadlineFor(bank, startedAt, extraTime);
  return {
    bank,
    policy,
    form,
    items,
    startedAt,
    deadline,
    graceEnd: policy.onExpiry === 'grace' ? deadline + policy.graceSeconds * 1000 : undefined,
    extraTime,
    phase: 'item',
    index: 0,
    entries: form.map((entry) => {
      const item = items.get(entry.itemId);
      if (!item) throw new Error(`form names item "${entry.itemId}", which the bank does not have`);
      return {
        itemId: entry.itemId,
        response: null,
        answeredAt: undefined,
        timeSpentMs: 0,
        flagged: false,
        locked: false,
        timedOut: false,
        late: false,
        scenarioStep: item.type === 'scenario' ? item.start : undefined,
      };
    }),
    lastAt: startedAt,
    endedAt: undefined,
    ended: undefined,
  };
}

export function reduce(state: State, event: Event): State {
  if (state.phase === 'finished') return state;
  const clocked = advanceClock(state, event.at, event.type === 'resume');
  if (clocked.phase === 'finished') return clocked;
  switch (event.type) {
    case 'tick':
    case 'resume':
      return clocked;
    case 'answer':
      return answer(clocked, event.itemId, event.at, () => event.response);
    case 'scenario-choose':
      return chooseInScenario(clocked, event.itemId, event.choice, event.at);
    case 'go':
      return go(clocked, event.index);
    case 'flag':
      if (!clocked.policy.allowFlag) return clocked;
      return updateEntry(clocked, event.itemId, (entry) => ({ ...entry, flagged: !entry.flagged }));
    case 'review':
      return clocked.policy.showReview ? { ...clocked, phase: 'review' } : clocked;
    case 'submit':
      return finish(clocked, 'submitted', event.at);
    default:
      return assertNever(event, 'session event');
  }
}

/** Charges on-screen time to the current item, locks it (in place) when its handle time is up, ends the test at the deadline. */
function advanceClock(state: State, at: number, resuming: boolean): State {
  const now = Math.max(at, state.lastAt);
  let next: State = { ...state, lastAt: now };
  // Nothing is on screen after the attempt's end: a machine that slept past the
  // deadline must not charge the sleep to the item.
  const chargedUntil = Math.max(state.lastAt, Math.min(now, state.graceEnd ?? state.deadline));
  if (state.phase === 'item' && !resuming) {
    const entry = state.entries[state.index];
    if (entry && !entry.locked) {
      const limit = itemLimitMs(state, state.index);
      const spent = entry.timeSpentMs + (chargedUntil - state.lastAt);
      const timedOut = limit !== undefined && spent >= limit;
      // The item stays on screen, locked, so the candidate reads why before moving on (docs/taking.md, "Time").
      next = withEntry(next, state.index, { ...entry, timeSpentMs: timedOut ? limit : spent, locked: timedOut, timedOut });
    } else if (entry) {
      next = withEntry(next, state.index, { ...entry, timeSpentMs: entry.timeSpentMs + (chargedUntil - state.lastAt) });
    }
  }
  if (now >= state.deadline) {
    if (state.policy.onExpiry === 'submit') return finish(next, 'time-expired', state.deadline);
    if (state.graceEnd !== undefined && now >= state.graceEnd) return finish(next, 'time-expired', state.graceEnd);
  }
  return next;
}

function go(state: State, index: number): State {
  if (!Number.isInteger(index) || index < 0 || index > state.form.length) return state;
  const current = state.phase === 'review' ? state.form.length : state.index;
  if (index < current && !state.policy.allowBack) return state;
  if (index === state.form.length) return state.policy.showReview ? { ...state, phase: 'review' } : state;
  return { ...state, phase: 'item', index };
}

/**
 * Only the item on screen can be answered: time on it is what the record
 * reports, and without back navigation an earlier item must stay as it was.
 */
const onScreen = (state: State, itemId: ItemId): boolean => state.phase === 'item' && state.entries[state.index]?.itemId === itemId;

function answer(state: State, itemId: ItemId, at: number, response: () => Response): State {
  const item = state.items.get(itemId);
  if (!item || item.type === 'scenario' || !onScreen(state, itemId)) return state;
  const given = response();
  if (!fitsItem(item, given)) return state;
  return updateEntry(state, itemId, (entry) => ({
    ...entry,
    response: given,
    answeredAt: at,
    late: at > state.deadline,
  }));
}

/** A response the item can hold: its type, its own option ids, each once, ratings on its scale. */
export function fitsItem(item: Item, response: Response): boolean {
  const ids = new Set<string>('options' in item ? item.options.map((o) => o.id) : []);
  const distinctKnown = (list: readonly string[]) => new Set(list).size === list.length && list.every((id) => ids.has(id));
  switch (response.type) {
    case 'single':
      return item.type === 'single' && ids.has(response.choice);
    case 'multiple':
      return item.type === 'multiple' && distinctKnown(response.choices);
    case 'true-false':
      return item.type === 'true-false' && typeof response.value === 'boolean';
    case 'ordering':
      return item.type === 'ordering' && response.order.length === ids.size && distinctKnown(response.order);
    case 'rating': {
      if (item.type !== 'rating') return false;
      const { min, max } = item.scale;
      return Object.entries(response.ratings).every(([id, r]) => ids.has(id) && Number.isInteger(r) && r >= min && r <= max);
    }
    case 'scenario':
      // Scenario paths grow one checked choice at a time (`scenario-choose`), never as a whole.
      return false;
    case 'written':
      // Over the cap the reply is refused whole, never cut: the editor says why (writtenTextProblems).
      return item.type === 'written' && typeof response.text === 'string' && response.text.length <= MAX_WRITTEN_CHARS;
    default:
      return assertNever(response, 'response');
  }
}

function chooseInScenario(state: State, itemId: ItemId, choiceId: OptionId, at: number): State {
  const item = state.items.get(itemId);
  if (item?.type !== 'scenario' || !onScreen(state, itemId)) return state;
  return updateEntry(state, itemId, (entry) => {
    const step = item.steps.find((s) => s.id === entry.scenarioStep);
    const choice = step?.choices?.find((c) => c.id === choiceId);
    if (!step || !choice) return entry;
    const path = entry.response?.type === 'scenario' ? entry.response.path : [];
    const nextStep = choice.next;
    const ends = nextStep === undefined || !item.steps.find((s) => s.id === nextStep)?.choices?.length;
    return {
      ...entry,
      response: { type: 'scenario', path: [...path, { step: step.id, choice: choice.id, at: new Date(at).toISOString() }] },
      answeredAt: at,
      late: at > state.deadline,
      // The end step (with its outcome) is still shown; nothing more can be chosen there.
      scenarioStep: nextStep,
      locked: ends,
    };
  });
}

function updateEntry(state: State, itemId: ItemId, change: (entry: EntryState) => EntryState): State {
  const index = state.entries.findIndex((e) => e.itemId === itemId);
  const entry = state.entries[index];
  if (!entry || entry.locked) return state;
  return withEntry(state, index, change(entry));
}

function withEntry(state: State, index: number, entry: EntryState): State {
  const entries = [...state.entries];
  entries[index] = entry;
  return { ...state, entries };
}

function finish(state: State, ended: EndReason, endedAt: number): State {
  return { ...state, phase: 'finished', ended, endedAt };
}

function itemLimitMs(state: State, index: number): number | undefined {
  const entry = state.form[index];
  const item = entry && state.items.get(entry.itemId);
  if (!item) return undefined;
  const seconds = itemTimeLimitSeconds(item, state.bank.policy);
  return seconds === undefined ? undefined : Math.round(seconds * 1000 * state.extraTime);
}

// Selectors: pure functions of state and now, for the screens.

/** Whole-test time left; in a grace period, the grace time left. Never negative. */
export function remainingMs(state: State, now: number): number {
  const end = now >= state.deadline && state.graceEnd !== undefined ? state.graceEnd : state.deadline;
  return Math.max(0, end - now);
}

export function inGrace(state: State, now: number): boolean {
  return state.graceEnd !== undefined && now >= state.deadline && now < state.graceEnd;
}

/** Handle time left on the item showing, or undefined when it has no limit. */
export function itemRemainingMs(state: State, now: number): number | undefined {
  const limit = itemLimitMs(state, state.index);
  const entry = state.entries[state.index];
  if (limit === undefined || !entry) return undefined;
  const running = state.phase === 'item' && !entry.locked ? Math.max(0, now - state.lastAt) : 0;
  return Math.max(0, limit - entry.timeSpentMs - running);
}

export interface Counts {
  total: number;
  answered: number;
  flagged: number;
  unanswered: number;
}

export function isAnswered(entry: EntryState): boolean {
  if (entry.response === null) return false;
  if (entry.response.type === 'written') return hasWrittenText(entry.response.text);
  return entry.response.type === 'scenario' ? entry.scenarioStep === undefined || entry.locked : true;
}

export function counts(state: State): Counts {
  const answered = state.entries.filter(isAnswered).length;
  return {
    total: state.entries.length,
    answered,
    flagged: state.entries.filter((e) => e.flagged).length,
    unanswered: state.entries.length - answered,
  };
}

/** The time warning due now: within the last minute, within the last five, or none. */
/** A time warning the screens show: set when the test clock passes 5 minutes and 1 minute left. */
export type TimeWarning = '5-minutes' | '1-minute' | undefined;

export function dueWarning(state: State, now: number): TimeWarning {
  if (state.phase === 'finished') return undefined;
  const left = remainingMs(state, now);
  if (left <= 60_000) return '1-minute';
  if (left <= 300_000) return '5-minutes';
  return undefined;
}

/** May the candidate go to entry `index` now? */
export function canGoTo(state: State, index: number): boolean {
  if (state.phase === 'finished' || index < 0 || index >= state.form.length) return false;
  const current = state.phase === 'review' ? state.form.length : state.index;
  return index >= current || state.policy.allowBack;
}

export function answerRecords(state: State): AnswerRecord[] {
  return state.entries.map((entry) => ({
    itemId: entry.itemId,
    response: entry.response,
    ...(entry.answeredAt === undefined ? {} : { answeredAt: new Date(entry.answeredAt).toISOString() }),
    timeSpentMs: Math.round(entry.timeSpentMs),
    flagged: entry.flagged,
    ...(entry.timedOut ? { timedOut: true } : {}),
    ...(entry.late ? { late: true } : {}),
  }));
}
