import type { Bank, ItemId, WrittenItem } from '../bank/types.js';
import {
  checkMark,
  DEFAULT_MARKING_RULE,
  latestByRole,
  needsMarking,
  resolveMarks,
  type Mark,
  type MarkingRule,
  type MarkRole,
  type Resolution,
} from './marking.js';
import type { AttemptRecord } from './types.js';

/** What the marking queue needs of an attempt record. */
export type MarkableAttempt = Pick<AttemptRecord, 'id' | 'form' | 'answers' | 'candidate'>;

/** One written reply with text, on one attempt. */
export interface Reply {
  attemptId: string;
  item: WrittenItem;
  text: string;
  candidate: MarkableAttempt['candidate'];
}

/** A reply in one marker's queue, with the marks the role lets them see. */
export interface QueueEntry extends Reply {
  /** This marker's latest mark in this role: shown, and changed by marking again. */
  own?: Mark;
  /** Third marking only: the two marks that disagree, and the criteria they differ on beyond the tolerance. */
  disagreement?: { first: Mark; second: Mark; criteria: string[] };
}

export interface MarkingQueue {
  entries: QueueEntry[];
  /** Replies left out because this marker gave one of their earlier marks (a second or third mark must be someone else's). */
  ownEarlier: number;
  /** Replies whose first and second marks disagree and that no third marker has settled: the queue says so. */
  awaitingThird: number;
}

/** The same marker whatever the case, spacing or Unicode form they typed their name in. */
export function sameMarker(a: string, b: string): boolean {
  const norm = (s: string) => s.normalize('NFKC').trim().replace(/\s+/gu, ' ').toLowerCase();
  return norm(a) === norm(b);
}

/**
 * Every written reply with text on attempts taken on this bank, in bank
 * order of items and then by attempt id: replies to one item come together
 * (marking one question at a time keeps a marker consistent), and attempt ids
 * are random, so the order tells nothing of who or when.
 */
export function repliesToMark(bank: Bank, attempts: readonly MarkableAttempt[]): Reply[] {
  const order = new Map(bank.items.map((item, i) => [item.id, i]));
  const items = new Map(bank.items.map((item) => [item.id, item]));
  const replies: Reply[] = [];
  for (const attempt of attempts) {
    const answers = new Map(attempt.answers.map((a) => [a.itemId, a]));
    for (const entry of attempt.form) {
      const item = items.get(entry.itemId);
      const answer = answers.get(entry.itemId);
      if (item?.type !== 'written' || !needsMarking(item, answer) || answer?.response?.type !== 'written') continue;
      replies.push({ attemptId: attempt.id, item, text: answer.response.text, candidate: attempt.candidate });
    }
  }
  return replies.sort((a, b) => (order.get(a.item.id) ?? 0) - (order.get(b.item.id) ?? 0) || (a.attemptId < b.attemptId ? -1 : a.attemptId > b.attemptId ? 1 : 0));
}

const onReply = (marks: readonly Mark[], reply: Pick<Reply, 'attemptId' | 'item'>) => marks.filter((m) => m.attempt === reply.attemptId && m.item === reply.item.id);

/** Criteria on which first and second differ by more than the tolerance. */
function apartOn(item: WrittenItem, first: Mark, second: Mark, rule: MarkingRule): string[] {
  return item.rubric.filter((c) => Math.abs((first.levels[c.id] ?? 0) - (second.levels[c.id] ?? 0)) > rule.tolerance + 1e-9).map((c) => c.id);
}

/**
 * The replies one marker marks in one role. First: every reply without a
 * first mark, and those this marker first-marked (to change). Second (blind):
 * replies with a first mark from someone else and no second, or this
 * marker's second; the first mark is not in the entry. Third: replies whose
 * first and second disagree beyond the tolerance, with both marks, unless
 * this marker gave one of them.
 */
export function markingQueue(bank: Bank, attempts: readonly MarkableAttempt[], marks: readonly Mark[], who: { role: MarkRole; marker: string }, rule: MarkingRule = DEFAULT_MARKING_RULE): MarkingQueue {
  const queue: MarkingQueue = { entries: [], ownEarlier: 0, awaitingThird: 0 };
  const mine = (mark: Mark | undefined) => mark !== undefined && sameMarker(mark.marker, who.marker);
  for (const reply of repliesToMark(bank, attempts)) {
    const own = onReply(marks, reply);
    const { first, second, third } = latestByRole(own);
    if (resolveMarks(reply.item, own, rule).state === 'awaiting-third') queue.awaitingThird += 1;
    switch (who.role) {
      case 'first':
        if (first === undefined) queue.entries.push(reply);
        else if (mine(first)) queue.entries.push({ ...reply, own: first });
        break;
      case 'second':
        if (first === undefined) break;
        if (mine(first)) queue.ownEarlier += 1;
        else if (second === undefined) queue.entries.push(reply);
        else if (mine(second)) queue.entries.push({ ...reply, own: second });
        break;
      case 'third': {
        if (first === undefined || second === undefined) break;
        const criteria = apartOn(reply.item, first, second, rule);
        if (criteria.length === 0) break;
        if (mine(first) || mine(second)) queue.ownEarlier += 1;
        else if (third === undefined || mine(third)) queue.entries.push({ ...reply, ...(third ? { own: third } : {}), disagreement: { first, second, criteria } });
        break;
      }
      default: {
        const never: never = who.role;
        throw new Error(`unexpected mark role ${String(never)}`);
      }
    }
  }
  return queue;
}

/** One row of `mark --json`: a reply and where its marking stands. */
export interface ReplyState {
  attempt: string;
  item: ItemId;
  state: Resolution['state'];
  /** Resolved: whose marks stand (the first alone, first and second agreed, the third). */
  by?: 'first' | 'agreed' | 'third';
  /** Awaiting a third marker: the criteria first and second differ on. */
  criteria?: string[];
  /** Who has marked it, by role (names as the markers typed them). */
  markers: Partial<Record<MarkRole, string>>;
}

/** Where every reply's marking stands, in queue order: what `mark --json` lists for scripts. */
export function replyStates(bank: Bank, attempts: readonly MarkableAttempt[], marks: readonly Mark[], rule: MarkingRule = DEFAULT_MARKING_RULE): ReplyState[] {
  return repliesToMark(bank, attempts).map((reply) => {
    const own = onReply(marks, reply);
    const resolution = resolveMarks(reply.item, own, rule);
    const latest = latestByRole(own);
    const markers: ReplyState['markers'] = {};
    for (const role of ['first', 'second', 'third'] as const) {
      const mark = latest[role];
      if (mark) markers[role] = mark.marker;
    }
    return {
      attempt: reply.attemptId,
      item: reply.item.id,
      state: resolution.state,
      ...(resolution.state === 'resolved' ? { by: resolution.by } : {}),
      ...(resolution.state === 'awaiting-third' ? { criteria: resolution.criteria } : {}),
      markers,
    };
  });
}

/**
 * The first mark that does not fit, among the marks on these attempts: it
 * must name a written item on the attempt's form and pass checkMark. Marks on
 * other attempts (another bank's) are not this bank's to judge.
 */
export function findBadMark(bank: Bank, attempts: readonly Pick<AttemptRecord, 'id' | 'form'>[], marks: readonly Mark[], lines: readonly number[]): { line: number; problem: string } | undefined {
  const items = new Map(bank.items.map((item) => [item.id, item]));
  const forms = new Map(attempts.map((a) => [a.id, new Set(a.form.map((e) => e.itemId))]));
  for (const [i, mark] of marks.entries()) {
    const form = forms.get(mark.attempt);
    if (form === undefined) continue;
    const line = lines[i] ?? 0;
    const item = items.get(mark.item);
    if (!form.has(mark.item) || item === undefined) return { line, problem: `item "${mark.item}" is not on attempt ${mark.attempt}'s form` };
    if (item.type !== 'written') return { line, problem: `item "${mark.item}" is not a written item: only written replies are marked` };
    const problem = checkMark(item, mark);
    if (problem !== undefined) return { line, problem };
  }
  return undefined;
}
