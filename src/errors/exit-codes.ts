/**
 * Every exit status frontline returns, in one place. Documented in the README
 * ("Exit codes"); scripts depend on these numbers, so never renumber.
 */
export const ExitCode = {
  /** Everything asked for succeeded (an assessment passed, every certificate verified). */
  ok: 0,
  /** A verdict of "no": the assessment was failed, or certificates failed for mixed reasons. */
  failed: 1,
  /** The command line itself was wrong: unknown command or option, missing argument. */
  usage: 2,
  /** An input file is invalid: bank, attempt record, key, trust list, CSV... */
  invalidInput: 3,
  /** A file could not be read or written (missing, permission, disk full). */
  io: 4,
  /** An interactive command was run without a terminal. */
  noTerminal: 5,
  /** A private key file is readable by group or others. */
  insecureKey: 6,
  /** The attempt may not be started now (attempts used up, cooldown). */
  notAllowed: 7,
  /** `issue`: the attempt already has a certificate (pass --reissue to sign another). */
  alreadyIssued: 8,
  /** The file or key to be written already exists, and replacing it was not asked for (`keys generate`, `issue --out` without --force). */
  exists: 9,

  // `verify`: when every failing certificate fails for one reason, its code; mixed reasons give `failed`.
  /** The signature does not match the document (tampered, or signed by another key). */
  badSignature: 10,
  /** Signed by a key the trust list does not name, or outside that key's validity window. */
  untrustedIssuer: 11,
  /** `validUntil` is in the past. */
  expired: 12,
  /** The status list marks it revoked. */
  revoked: 13,
  /** `validFrom` is in the future. */
  notYetValid: 14,
  /** Not a certificate at all: not JSON, truncated, or missing required fields. */
  malformed: 15,
  /** The status list it points to is not available locally. */
  statusUnknown: 16,
  /** Two different status lists claim the URL its status points to: which one is real cannot be told. */
  statusConflict: 17,
  /** `issue`: the attempt's delivery mode is one its bank does not certify (or it lacks the assignment the bank requires); `verify --require-delivery`: earned under a weaker mode. */
  deliveryRefused: 18,
  /** Signed by a key the trust file marks `compromised`: nothing that key signed is trusted, whatever its date. */
  keyCompromised: 19,

  // `issue` (and `take --assignment`, `assign`, `seal`): why an attempt, assignment or sealed bank is refused.
  /** The attempt record was altered after it was written: its stored result, form or answers do not agree. */
  altered: 30,
  /** The attempt's times cannot be real: in the future, out of order, an extra time out of bounds, more time on items than the attempt lasted. */
  badTimes: 31,
  /** Answers were given after the deadline (plus grace). */
  lateAnswers: 32,
  /** The same form and answers were already certified under another attempt id. */
  replay: 33,
  /** An assignment that is not valid: unsigned, tampered, signed by another key, for another bank, or not in the issuer's registry. */
  badAssignment: 34,
  /** The attempt's identity, seed or accommodations are not its assignment's, or it came from another assignment. */
  assignmentMismatch: 35,
  /** Outside the assignment's window: not yet open, or closed. */
  outsideWindow: 36,
  /** The assignment's attempt number was already used by another attempt. */
  attemptUsed: 37,
  /** This data dir does not own the key's registry and status list (another data dir issues with it). */
  notKeyOwner: 38,
  /** A sealed bank that cannot be used: no envelope, a corrupted or truncated one, sealed to another key, altered after sealing, or its envelope not the bank it names. */
  badSealedBank: 39,
  /** `issue`, `host issue --attempt`: written replies in the attempt wait for a trainer's marks; it is scored once they are marked. */
  awaitingMarking: 40,
  /** A line of the data dir's marks.jsonl is not a mark that fits the bank (torn by a crash, edited by hand, a level the rubric lacks); the message names marks.jsonl:LINE. */
  badMark: 41,
  /** `mark`: a second or third marker would mark a reply they already marked in another role; a second mark must be someone else's. */
  ownMark: 42,

  /** Could not reach the LRS; the outbox is intact and will be retried. */
  offline: 20,
  /** `sync`: the LRS holds a different statement under an id frontline sent (HTTP 409). */
  conflict: 21,
  /** Another frontline process holds the attempt or the shared state it needs, and did not let go in time. */
  locked: 22,
  /** A journal or record is damaged past repair at the place named (file:line); nothing was changed. */
  damaged: 23,
  /** The thing named (a certificate id, an agent, a group, a running attempt) is not here. `revoke`: no certificate with that id was issued from this data dir. */
  notFound: 24,
  /** `host session`: the agent's menu waited the idle time (--idle-minutes) without a key, and the session closed. */
  idle: 25,
  /** `host session`: the SSH connection dropped (SIGHUP) mid-session; an attempt under way is kept, and reconnecting resumes it. */
  hangup: 26,

  // The exam host's trainer commands (`host assign`, `host extend`).
  /** `host assign`: an agent already has an open assignment for that bank (pass --skip-existing to assign the others). */
  alreadyAssigned: 27,
  /** `host extend`: the agent has more than one running attempt (name one with --attempt), or the extensions would pass the cap on added time. */
  extensionRefused: 28,

  /** A bug in frontline. Run with --debug for the stack and report it. */
  internal: 70,
  /** Interrupted by Ctrl-C / SIGINT. */
  interrupted: 130,
} as const;

export type ExitCodeName = keyof typeof ExitCode;
export type ExitCodeValue = (typeof ExitCode)[ExitCodeName];
