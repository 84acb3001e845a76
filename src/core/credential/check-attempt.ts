import { createHash } from 'node:crypto';
import { isDeepStrictEqual } from 'node:util';
import { checkAssignment, inWindow, MAX_EXTRA_TIME, type Assignment } from '../assignment/assignment.js';
import { tallyExtensions } from '../assignment/extension.js';
import { assemble } from '../attempt/assemble.js';
import { deadlineFor } from '../attempt/session.js';
import type { AnswerRecord, AttemptRecord, FailReason, Response, Result } from '../attempt/types.js';
import { acceptedDelivery, resolvePolicy } from '../bank/defaults.js';
import { assertNever, type Bank, type DeliveryMode, type ItemId } from '../bank/types.js';
import { describePending, pendingMarking, resolvedPoints, type CriterionPoints, type Mark } from '../attempt/marking.js';
import { scoreAttempt } from '../attempt/scoring.js';
import { isSimulated } from '../attempt/simulated.js';
import { canonicalize } from './jcs.js';

/**
 * Why `issue` refuses an attempt: stable codes, each with its own exit code
 * (see issueRefusalExitCode in src/app) and documented in docs/certificates.md.
 */
export type IssueRefusal =
  | 'simulated'
  | 'wrong-bank'
  | 'altered'
  | 'failed'
  | 'delivery-refused'
  | 'assignment-required'
  | 'bad-assignment'
  | 'assignment-mismatch'
  | 'outside-window'
  | 'attempt-used'
  | 'cooldown'
  | 'bad-times'
  | 'late-answers'
  | 'replay'
  | 'awaiting-marking';

export type AttemptCheck =
  | {
      ok: true;
      result: Result;
      delivery: DeliveryMode;
      /** Same bank, seed, form and responses give the same fingerprint, whatever the attempt id or candidate. */
      fingerprint: string;
      assignment?: Assignment;
    }
  | { ok: false; reason: IssueRefusal; message: string };

/** What the issuer's registry knows that bears on an attempt. */
export interface RegistryFacts {
  certificates: ReadonlyArray<{ attempt: string; fingerprint?: string; assignment?: string }>;
  /** Ids of the assignments this issuer signed and recorded. */
  assignments: ReadonlySet<string>;
  /** Hashes of the sealed copies this issuer made: a sealed attempt must name one. */
  seals: ReadonlySet<string>;
  /** Attempts made under an assignment that `issue` saw fail, for the cooldown. */
  failures: ReadonlyArray<{ attempt: string; assignment: string; employeeId: string; bank: string; endedAt: string }>;
}

export interface IssueContext {
  now: Date;
  /** did:key of the issuing key: an assignment must be signed by it. */
  issuer: string;
  registry: RegistryFacts;
  /** The caller ran the attempt itself, as an exam host does; only then may a record say `hosted`. @default false */
  hostAttested?: boolean;
  /** Points standing for each marked written reply (see resolvedPoints); a reply with none waits for a marker. */
  marks?: ReadonlyMap<ItemId, CriterionPoints>;
  /**
   * Every (checked) mark on this attempt, from the marks file: the points
   * standing are resolved from them, and a refusal says what each pending
   * reply waits for. Used instead of `marks` when given.
   */
  markList?: readonly Mark[];
  /** A sealed attempt's bank as delivered (the sealed copy's readable part): its form was drawn from that. */
  deliveryBank?: Bank;
}

/**
 * The candidate's clock and the issuer's may disagree a little, and a clock can
 * step back (NTP) during an attempt; beyond this, a time is not believed.
 */
export const CLOCK_TOLERANCE_MS = 5 * 60_000;
/** Rounding between answer times, item time and the attempt's end. */
const TIME_SLACK_MS = 2_000;

const refuse = (reason: IssueRefusal, message: string): AttemptCheck => ({ ok: false, reason, message });

/**
 * Decides whether an attempt earns a certificate, trusting nothing the
 * candidate's machine computed or chose: the bank must be the one the attempt
 * names, the form the one the seed assembles, the delivery one the bank
 * accepts, the seed, identity and accommodations those of a staff-signed
 * assignment when there is one (and there must be one when the bank takes no
 * open attempts), the times sane, and the stored result the one its answers
 * score. Pure: `now` and the registry's facts are arguments.
 */
export function checkAttemptForIssue(bank: Bank, bankHash: string, attempt: AttemptRecord, context: IssueContext): AttemptCheck {
  if (isSimulated(attempt)) {
    return refuse('simulated', 'it was made by frontline simulate, not taken by a person: simulated attempts are never certified');
  }
  if (attempt.bank.id !== bank.id || attempt.bank.hash !== bankHash) {
    return refuse(
      'wrong-bank',
      `the attempt was taken on ${attempt.bank.id} ${attempt.bank.version} (${attempt.bank.hash}), but this bank is ${bank.id} ${bank.version} (${bankHash})`,
    );
  }
  const delivery = attempt.delivery ?? 'open';
  const accepted = acceptedDelivery(bank.policy);
  if (!accepted.includes(delivery)) {
    return refuse('delivery-refused', `it was delivered ${delivery}, but ${bank.id} certifies only ${accepted.join(' or ')} attempts`);
  }
  if (delivery === 'hosted' && !context.hostAttested) {
    return refuse('delivery-refused', 'its record says hosted, but a hosted attempt is issued by its exam host, not from a file');
  }
  if (!attempt.assignment && (delivery === 'sealed' || !accepted.includes('open'))) {
    return refuse('assignment-required', `${delivery === 'sealed' ? 'a sealed attempt' : `an attempt on ${bank.id}`} needs a staff-signed assignment, and it has none`);
  }
  if (!isDeepStrictEqual(assemble(context.deliveryBank ?? bank, attempt.seed), attempt.form)) {
    return refuse('altered', `its form is not the one seed "${attempt.seed}" draws from the bank: the record was altered`);
  }
  const onForm = new Set(attempt.form.map((e) => e.itemId));
  const stray = attempt.answers.find((a) => !onForm.has(a.itemId));
  if (stray) return refuse('altered', `it answers item "${stray.itemId}", which is not on its form: the record was altered`);

  const times = checkTimes(bank, attempt, context.now.getTime(), context.issuer);
  if (times) return times;

  let assignment: Assignment | undefined;
  if (attempt.assignment) {
    const checked = checkAssignmentForIssue(attempt, bankHash, context);
    if (!checked.ok) return checked;
    assignment = checked.assignment;
  }

  const result = scoreAttempt(bank, attempt.form, attempt.answers);
  // A sealed attempt's machine could not score it (it never had the key): it stores none.
  if (attempt.result !== undefined && (attempt.result.percent !== result.percent || attempt.result.passed !== result.passed)) {
    return refuse(
      'altered',
      `its stored result (${attempt.result.percent}%, ${attempt.result.passed ? 'passed' : 'not passed'}) is not what its answers score (${result.percent}%): the record was altered`,
    );
  }
  if (assignment) {
    const cooldown = checkCooldown(bank, attempt, assignment, context.registry);
    if (cooldown) return cooldown;
  }
  const fingerprint = attemptFingerprint(attempt);
  const replayed = context.registry.certificates.find((c) => c.fingerprint === fingerprint && c.attempt !== attempt.id);
  if (replayed) return refuse('replay', `the same form and answers were already certified as attempt ${replayed.attempt}: a replay`);
  if (delivery === 'sealed' && (attempt.bank.sealedHash === undefined || !context.registry.seals.has(attempt.bank.sealedHash))) {
    // Without a seal the issuer made, nothing shows the candidate lacked the key: the claim is only the record's word.
    return refuse('delivery-refused', `its record says sealed, but names no sealed copy of ${bank.id} this issuer made`);
  }
  // The stored result was the candidate machine's, made without marks; the certificate's score includes them.
  const marks = context.markList !== undefined ? resolvedPoints(bank, attempt, context.markList) : context.marks;
  const scored = marks === undefined ? result : scoreAttempt(bank, attempt.form, attempt.answers, marks);
  if (scored.status === 'awaiting-marking' && scored.failReasons.length === 0 && context.markList !== undefined) {
    const waiting = pendingMarking(bank, attempt, context.markList).map(describePending);
    return refuse('awaiting-marking', `${waiting.length} written ${waiting.length === 1 ? 'reply waits' : 'replies wait'} for marking: ${waiting.join('; ')}`);
  }
  if (scored.status === 'awaiting-marking' && scored.failReasons.length === 0) {
    const waiting = scored.items.filter((r) => r.pending).map((r) => `"${r.itemId}"`);
    return refuse('awaiting-marking', `${waiting.length} written ${waiting.length === 1 ? 'reply waits' : 'replies wait'} for a marker (${waiting.join(', ')}): issue it once ${waiting.length === 1 ? 'it is' : 'they are'} marked`);
  }
  if (!scored.passed) return refuse('failed', `it did not pass on re-scoring: ${scored.failReasons.map(describeFailReason).join('; ')}`);
  return { ok: true, result: scored, delivery, fingerprint, ...(assignment ? { assignment } : {}) };
}

function checkAssignmentForIssue(attempt: AttemptRecord, bankHash: string, context: IssueContext): { ok: true; assignment: Assignment } | Extract<AttemptCheck, { ok: false }> {
  const checked = checkAssignment(attempt.assignment, { issuer: context.issuer, bankHash });
  if (!checked.ok) return refuse('bad-assignment', checked.message) as Extract<AttemptCheck, { ok: false }>;
  const a = checked.assignment;
  const fail = (reason: IssueRefusal, message: string) => refuse(reason, message) as Extract<AttemptCheck, { ok: false }>;
  if (!context.registry.assignments.has(a.id)) return fail('bad-assignment', `assignment ${a.id} is not in this issuer's registry`);
  if (attempt.candidate.employeeId !== a.candidate.employeeId || (a.candidate.name !== undefined && attempt.candidate.name !== a.candidate.name)) {
    return fail('assignment-mismatch', `it was taken as ${attempt.candidate.name} (${attempt.candidate.employeeId}), but assignment ${a.id} is for ${a.candidate.name ?? '?'} (${a.candidate.employeeId})`);
  }
  if (attempt.seed !== a.seed) return fail('assignment-mismatch', `its seed is not the one assignment ${a.id} drew: the candidate chose it`);
  if (attempt.extraTime !== a.accommodations.extraTime) {
    return fail('assignment-mismatch', `it ran with extra time ×${attempt.extraTime}, but assignment ${a.id} grants ×${a.accommodations.extraTime}`);
  }
  const window = inWindow(a, Date.parse(attempt.startedAt));
  if (!window.ok) return fail('outside-window', `it started at ${attempt.startedAt}, outside its assignment's window: ${window.message}`);
  if (Date.parse(attempt.endedAt) > Date.parse(a.window.closes) + CLOCK_TOLERANCE_MS) {
    return fail('outside-window', `it ended at ${attempt.endedAt}, after its assignment closed at ${a.window.closes}`);
  }
  const used =
    context.registry.certificates.find((c) => c.assignment === a.id && c.attempt !== attempt.id) ??
    context.registry.failures.find((f) => f.assignment === a.id && f.attempt !== attempt.id);
  if (used) return fail('attempt-used', `attempt number ${a.attempt.number} of assignment ${a.id} was already used by attempt ${used.attempt}`);
  return { ok: true, assignment: a };
}

function checkCooldown(bank: Bank, attempt: AttemptRecord, a: Assignment, registry: RegistryFacts): AttemptCheck | undefined {
  const hours = resolvePolicy(bank.policy).cooldownHours;
  if (hours <= 0) return undefined;
  const earlier = registry.failures.filter((f) => f.employeeId === a.candidate.employeeId && f.bank === bank.id && f.attempt !== attempt.id);
  const last = earlier.reduce((max, f) => Math.max(max, Date.parse(f.endedAt)), Number.NEGATIVE_INFINITY);
  const until = last + hours * 3_600_000;
  if (Date.parse(attempt.startedAt) < until) {
    return refuse('cooldown', `it started at ${attempt.startedAt}, within the ${hours} h wait after a failed attempt (until ${new Date(until).toISOString()})`);
  }
  return undefined;
}

/**
 * Times a real attempt can have: a start before every answer, answers and the
 * end by the deadline (plus grace), nothing in the issuer's future, the
 * deadline the bank's limit times an extra time within bounds (plus the
 * minutes of time extensions the issuer signed for this attempt), and no more
 * time on items than the attempt lasted.
 */
function checkTimes(bank: Bank, attempt: AttemptRecord, now: number, issuer: string): AttemptCheck | undefined {
  const bad = (message: string) => refuse('bad-times', message);
  const start = Date.parse(attempt.startedAt);
  const deadline = Date.parse(attempt.deadline);
  const end = Date.parse(attempt.endedAt);
  if ([start, deadline, end].some(Number.isNaN)) return bad('its times are not ISO 8601 dates');
  const x = attempt.extraTime;
  if (!Number.isFinite(x) || x < 1 || x > MAX_EXTRA_TIME) return bad(`its extra time ×${x} is outside the bounds of ×1 to ×${MAX_EXTRA_TIME}`);
  if (start > now + CLOCK_TOLERANCE_MS) return bad(`it starts at ${attempt.startedAt}, in the future`);
  if (end > now + CLOCK_TOLERANCE_MS) return bad(`it ends at ${attempt.endedAt}, in the future`);
  if (end < start) return bad('it ends before it starts');
  // Every extension the record carries must count: one left out would be time the record claims and nothing proves.
  const extended = tallyExtensions(attempt.extensions ?? [], { issuer, attemptId: attempt.id }, (i) => `extension ${i + 1}`);
  if (extended.problems.length > 0 || extended.extensions.length !== (attempt.extensions ?? []).length) {
    return bad(`its time extensions are not all valid: ${extended.problems[0] ?? 'the same extension is in it twice'}`);
  }
  if (deadline !== deadlineFor(bank, start, x) + extended.ms) {
    const plus = extended.ms > 0 ? ` + ${extended.ms / 60_000} min of extensions` : '';
    return bad(`its deadline ${attempt.deadline} is not ${bank.policy.timeLimitMinutes} min × ${x}${plus} after its start`);
  }
  const lastMoment = deadline + resolvePolicy(bank.policy).graceSeconds * 1000;
  if (end > lastMoment + TIME_SLACK_MS) return bad(`it ends at ${attempt.endedAt}, after its deadline${lastMoment > deadline ? ' and grace' : ''} (${new Date(lastMoment).toISOString()})`);
  let spent = 0;
  for (const a of attempt.answers) {
    if (!Number.isFinite(a.timeSpentMs) || a.timeSpentMs < 0 || a.timeSpentMs > end - start + TIME_SLACK_MS) {
      return bad(`item "${a.itemId}": ${a.timeSpentMs} ms on screen in an attempt of ${end - start} ms`);
    }
    spent += a.timeSpentMs;
    for (const at of answerTimes(a)) {
      const t = Date.parse(at);
      if (Number.isNaN(t)) return bad(`item "${a.itemId}": answer time "${at}" is not a date`);
      if (t < start - TIME_SLACK_MS) return bad(`item "${a.itemId}" was answered at ${at}, before the attempt started`);
      if (t > lastMoment + TIME_SLACK_MS) {
        return refuse('late-answers', `item "${a.itemId}" was answered at ${at}, after the deadline${lastMoment > deadline ? ' and grace' : ''} (${new Date(lastMoment).toISOString()}): it cannot count`);
      }
      if (t > end + TIME_SLACK_MS) return bad(`item "${a.itemId}" was answered at ${at}, after the attempt ended`);
    }
  }
  if (spent > end - start + TIME_SLACK_MS * Math.max(1, attempt.answers.length)) return bad(`${spent} ms on items in an attempt of ${end - start} ms`);
  return undefined;
}

function answerTimes(a: AnswerRecord): string[] {
  const times = a.answeredAt === undefined ? [] : [a.answeredAt];
  if (a.response?.type === 'scenario') for (const move of a.response.path) times.push(move.at);
  return times;
}

/** What was answered, without when: a copy under another id or name gives the same digest. */
export function attemptFingerprint(attempt: Pick<AttemptRecord, 'bank' | 'seed' | 'form' | 'answers'>): string {
  const responses = attempt.answers.map((a) => ({ itemId: a.itemId, response: a.response === null ? null : timeless(a.response) }));
  const text = canonicalize({ bank: attempt.bank.hash, seed: attempt.seed, form: attempt.form, responses });
  return `sha256:${createHash('sha256').update(text, 'utf8').digest('hex')}`;
}

const timeless = (response: Response): unknown =>
  response.type === 'scenario' ? { type: 'scenario', path: response.path.map((m) => ({ step: m.step, choice: m.choice })) } : response;

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
