import { parseDidKeyMethod, publicKeyFromRaw } from '../credential/ed25519.js';
import { prepareVerification } from '../credential/eddsa-jcs-2022.js';
import { verify } from 'node:crypto';
import type { DataIntegrityProof } from '../credential/eddsa-jcs-2022.js';

export const ASSIGNMENT_FORMAT = 'frontline.assignment/1';

/** Largest extra-time multiplier: beyond it a typo (15 for 1.5) is likelier than a need. */
export const MAX_EXTRA_TIME = 4;

/**
 * Staff's decision that one person may take one attempt at one bank, with its
 * seed, window and accommodations (schemas/assignment.schema.json). Signed by
 * the issuer key (eddsa-jcs-2022); the reasons for accommodations stay in the
 * issuer's registry and never appear here.
 */
export interface Assignment {
  format: typeof ASSIGNMENT_FORMAT;
  /** `urn:uuid:…` */
  id: string;
  /** did:key of the issuer key that signs it. */
  issuer: string;
  /** The full bank, by hash: a sealed copy names the same hash. */
  bank: { id: string; version: string; hash: string };
  candidate: { employeeId: string; name?: string };
  /** Drawn by the issuer: the candidate's form. */
  seed: string;
  window: { opens: string; closes: string };
  accommodations: {
    /** Multiplier on every time limit. @default 1 */
    extraTime: number;
    /** Attempts this person may make at this bank. */
    attempts?: number;
  };
  /** Which attempt this is for this person on this bank, allocated from the issuer's registry. */
  attempt: { number: number; of?: number };
  issuedAt: string;
  /** An array of one, as signDocument writes every proof. */
  proof?: DataIntegrityProof[];
}

export type AssignmentProblem = 'malformed' | 'bad-signature' | 'foreign-key' | 'wrong-bank' | 'outside-window';

export type AssignmentCheck = { ok: true; assignment: Assignment } | { ok: false; problem: AssignmentProblem; message: string };

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const isTime = (v: unknown): v is string => typeof v === 'string' && !Number.isNaN(Date.parse(v));
const isText = (v: unknown, max = 200): v is string => typeof v === 'string' && v.length > 0 && v.length <= max;

/** The shape of an assignment, field by field; @returns what is wrong, or undefined. */
export function assignmentShapeProblem(data: unknown): string | undefined {
  if (!isObject(data)) return 'not a JSON object';
  if (data['format'] !== ASSIGNMENT_FORMAT) return `format: expected "${ASSIGNMENT_FORMAT}"`;
  if (!isText(data['id'])) return 'id is missing';
  if (!isText(data['issuer'], 500) || !data['issuer'].startsWith('did:key:')) return 'issuer: expected a did:key';
  const bank = data['bank'];
  if (!isObject(bank) || !isText(bank['id']) || typeof bank['version'] !== 'string' || typeof bank['hash'] !== 'string' || !/^sha256:[0-9a-f]{64}$/.test(bank['hash'])) {
    return 'bank: expected id, version and a sha256: hash';
  }
  const candidate = data['candidate'];
  if (!isObject(candidate) || !isText(candidate['employeeId'])) return 'candidate.employeeId is missing';
  if (candidate['name'] !== undefined && !isText(candidate['name'], 500)) return 'candidate.name: expected text';
  if (!isText(data['seed'])) return 'seed is missing';
  const window = data['window'];
  if (!isObject(window) || !isTime(window['opens']) || !isTime(window['closes'])) return 'window: expected opens and closes as ISO 8601 times';
  if (Date.parse(window['opens']) >= Date.parse(window['closes'])) return 'window: closes must come after opens';
  const acc = data['accommodations'];
  if (!isObject(acc) || typeof acc['extraTime'] !== 'number' || !(acc['extraTime'] >= 1 && acc['extraTime'] <= MAX_EXTRA_TIME)) {
    return `accommodations.extraTime: expected a multiplier from 1 to ${MAX_EXTRA_TIME}`;
  }
  if (acc['attempts'] !== undefined && !(Number.isSafeInteger(acc['attempts']) && (acc['attempts'] as number) >= 1)) return 'accommodations.attempts: expected a whole number of 1 or more';
  const attempt = data['attempt'];
  if (!isObject(attempt) || !Number.isSafeInteger(attempt['number']) || (attempt['number'] as number) < 1) return 'attempt.number: expected a whole number of 1 or more';
  if (!isTime(data['issuedAt'])) return 'issuedAt: expected an ISO 8601 time';
  return undefined;
}

/**
 * Checks an assignment: its shape, that it is signed by the did:key it names
 * as issuer, and (when given) that this issuer is the expected one and the
 * bank is the one it names. Pure; the window is checked apart (`inWindow`).
 */
export function checkAssignment(data: unknown, expect: { issuer?: string | readonly string[]; bankHash?: string } = {}): AssignmentCheck {
  const shape = assignmentShapeProblem(data);
  if (shape) return { ok: false, problem: 'malformed', message: shape };
  const doc = data as Json;
  const prepared = prepareVerification(doc);
  if (!prepared.ok) return { ok: false, problem: prepared.problem === 'no-proof' ? 'malformed' : 'bad-signature', message: `assignment ${prepared.message}` };
  const method = parseDidKeyMethod(prepared.proof.verificationMethod);
  if (!method || method.did !== doc['issuer']) return { ok: false, problem: 'bad-signature', message: 'the assignment is not signed by the key it names as issuer' };
  if (!verify(null, prepared.data, publicKeyFromRaw(method.raw), prepared.signature)) {
    return { ok: false, problem: 'bad-signature', message: 'the assignment signature does not match: it was altered after signing' };
  }
  const assignment = doc as unknown as Assignment;
  const issuers = expect.issuer === undefined ? undefined : typeof expect.issuer === 'string' ? [expect.issuer] : expect.issuer;
  if (issuers && !issuers.includes(assignment.issuer)) {
    return { ok: false, problem: 'foreign-key', message: `the assignment is signed by ${assignment.issuer}, not by ${issuers.length === 1 ? issuers[0] : 'a trusted issuer'}` };
  }
  if (expect.bankHash !== undefined && assignment.bank.hash !== expect.bankHash) {
    return { ok: false, problem: 'wrong-bank', message: `the assignment is for ${assignment.bank.id} ${assignment.bank.version} (${assignment.bank.hash}), not this bank (${expect.bankHash})` };
  }
  return { ok: true, assignment };
}

export type WindowCheck = { ok: true } | { ok: false; problem: 'not-open' | 'closed'; message: string };

/** Whether `at` falls inside the assignment's window. */
export function inWindow(assignment: Assignment, at: number): WindowCheck {
  if (at < Date.parse(assignment.window.opens)) return { ok: false, problem: 'not-open', message: `the assignment opens at ${assignment.window.opens}` };
  if (at > Date.parse(assignment.window.closes)) return { ok: false, problem: 'closed', message: `the assignment closed at ${assignment.window.closes}` };
  return { ok: true };
}
