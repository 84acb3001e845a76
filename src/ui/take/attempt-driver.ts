import type { Item, CaseStudy } from '../../core/bank/types.js';
import type { AnswerRecord, EndReason, FormEntry, Response } from '../../core/attempt-types.js';

/** What the screens need to know about the attempt at this moment, derived from the session state. */
export interface AttemptView {
  index: number;
  total: number;
  entry: FormEntry;
  item: Item;
  caseStudy: CaseStudy | undefined;
  /** One per form entry, in form order. */
  answers: readonly AnswerRecord[];
  answeredCount: number;
  testRemainingMs: number;
  itemRemainingMs: number | undefined;
  /** In the grace period after the deadline. */
  late: boolean;
  /** Per form entry: the answer can no longer change. */
  locked: readonly boolean[];
  /** Per form entry: the candidate may go there now. */
  reachable: readonly boolean[];
  canGoBack: boolean;
  canFlag: boolean;
  showReview: boolean;
  ended: EndReason | undefined;
}

/**
 * The attempt as the take app drives it: a store outside React (so a keypress
 * is journalled before the screen changes) read through useSyncExternalStore.
 */
export interface AttemptDriver {
  subscribe(listener: () => void): () => void;
  /** The same object until something changes (useSyncExternalStore compares by identity). */
  view(): AttemptView;
  answer(itemId: string, response: Response): void;
  goTo(index: number): void;
  toggleFlag(itemId: string): void;
  submit(): void;
  /** The attempt's clock (injected, so tests and resumes agree on time). */
  now(): number;
  /** Lets the clock move: item and test deadlines are checked here. */
  tick(): void;
}
