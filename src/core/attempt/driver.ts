import type { Item, CaseStudy } from '../bank/types.js';
import type { AnswerRecord, EndReason, FormEntry, Response } from './types.js';
import type { TimeWarning } from './session.js';
import type { AnswerStatus } from './answer-completeness.js';

/** What the screens need to know about the attempt at this moment, derived from the session state by its selectors. */
export interface AttemptView {
  /** The session's phase: which of the item and review screens is showing. */
  phase: 'item' | 'review' | 'finished';
  index: number;
  total: number;
  entry: FormEntry;
  item: Item;
  caseStudy: CaseStudy | undefined;
  /** One per form entry, in form order. */
  answers: readonly AnswerRecord[];
  /** Per form entry: answered, incomplete (a rating with responses unrated) or unanswered. */
  status: readonly AnswerStatus[];
  /** Entries whose status is "answered": what the progress bar counts. */
  answeredCount: number;
  testRemainingMs: number;
  itemRemainingMs: number | undefined;
  warning: TimeWarning;
  /** In the grace period after the deadline. */
  late: boolean;
  /** Per form entry: the answer can no longer change. */
  locked: readonly boolean[];
  /** Per form entry: its handle time ran out. */
  timedOut: readonly boolean[];
  /** Per form entry: the candidate may go there now. */
  reachable: readonly boolean[];
  canGoBack: boolean;
  canFlag: boolean;
  showReview: boolean;
  ended: EndReason | undefined;
}

/**
 * The attempt as the take app drives it: a store outside React, so an answer
 * is in the journal before the screen shows it, read through useSyncExternalStore.
 */
export interface AttemptDriver {
  subscribe(listener: () => void): () => void;
  /** The same object until something visible changes (useSyncExternalStore compares by identity). */
  view(): AttemptView;
  /** The attempt's clock. */
  now(): number;
  /** A new response for the item, computed from the latest one the attempt holds. */
  answer(itemId: string, update: (current: Response | null) => Response | undefined): void;
  /**
   * A written reply's draft as it stands. Shown at once, journaled in batches:
   * at most a couple of seconds after it changed (on a clock tick), and before
   * any other event (moving on, flagging, submitting, the time running out),
   * so typing does not wait for a disk sync per key. Empty text clears the
   * answer: a reply counts as answered only with more than white space.
   */
  write(itemId: string, text: string): void;
  /** Journals a draft not yet written (leaving the editor, quitting). */
  flush(): void;
  goTo(index: number): void;
  openReview(): void;
  toggleFlag(itemId: string): void;
  submit(): void;
  /** Lets the clock move: item and test deadlines are checked here. */
  tick(): void;
  /** Resolves when every event so far is in the log and in the view (a key waits for this before the next is read). */
  settled(): Promise<void>;
}
