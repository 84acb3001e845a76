import { verify } from 'node:crypto';
import { parseDidKeyMethod, publicKeyFromRaw } from '../credential/ed25519.js';
import { prepareVerification, type DataIntegrityProof } from '../credential/eddsa-jcs-2022.js';

export const EXTENSION_FORMAT = 'frontline.extension/1';

/**
 * Most time all extensions together may add to one attempt. An outage or a
 * fire drill fits in an hour; more than that is a new sitting (an assignment
 * with its own window), not a longer one.
 */
export const MAX_EXTENSION_MINUTES = 60;

/**
 * Staff's decision to give one running attempt more time, signed by the
 * host's key (eddsa-jcs-2022) as assignments are. Logged on the host and
 * copied into the attempt record when it ends, so `issue` can prove its
 * later deadline from the record alone.
 */
export interface TimeExtension {
  format: typeof EXTENSION_FORMAT;
  /** `urn:uuid:…` */
  id: string;
  /** did:key of the signing key. */
  issuer: string;
  /** The attempt's id, as in its journal and record. */
  attempt: string;
  candidate: { employeeId: string };
  /** Whole minutes added to the deadline. */
  minutes: number;
  /** Who granted it (the trainer's login or name). */
  by: string;
  reason: string;
  issuedAt: string;
  /** An array of one, as signDocument writes every proof. */
  proof?: DataIntegrityProof[];
}

export type ExtensionProblem = 'malformed' | 'bad-signature' | 'foreign-key' | 'other-attempt';

export type ExtensionCheck = { ok: true; extension: TimeExtension } | { ok: false; problem: ExtensionProblem; message: string };

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const isText = (v: unknown, max = 200): v is string => typeof v === 'string' && v.length > 0 && v.length <= max;

/** The shape of an extension, field by field; @returns what is wrong, or undefined. */
export function extensionShapeProblem(data: unknown): string | undefined {
  if (!isObject(data)) return 'not a JSON object';
  if (data['format'] !== EXTENSION_FORMAT) return `format: expected "${EXTENSION_FORMAT}"`;
  if (!isText(data['id']) || !data['id'].startsWith('urn:uuid:')) return 'id: expected a urn:uuid:';
  if (!isText(data['issuer'], 500) || !data['issuer'].startsWith('did:key:')) return 'issuer: expected a did:key';
  if (!isText(data['attempt'])) return 'attempt is missing';
  const candidate = data['candidate'];
  if (!isObject(candidate) || !isText(candidate['employeeId'])) return 'candidate.employeeId is missing';
  const minutes = data['minutes'];
  if (!Number.isSafeInteger(minutes) || (minutes as number) < 1 || (minutes as number) > MAX_EXTENSION_MINUTES) return `minutes: expected a whole number from 1 to ${MAX_EXTENSION_MINUTES}`;
  if (!isText(data['by'])) return 'by is missing';
  if (!isText(data['reason'], 500)) return 'reason is missing';
  if (!isText(data['issuedAt']) || Number.isNaN(Date.parse(data['issuedAt']))) return 'issuedAt: expected an ISO 8601 time';
  return undefined;
}

/**
 * Checks one extension: its shape, that the did:key it names signed it, that
 * this is the expected issuer, and that it is for this attempt. Pure.
 */
export function checkExtension(data: unknown, expect: { issuer: string; attemptId: string }): ExtensionCheck {
  const shape = extensionShapeProblem(data);
  if (shape) return { ok: false, problem: 'malformed', message: shape };
  const doc = data as Json;
  const prepared = prepareVerification(doc);
  if (!prepared.ok) return { ok: false, problem: prepared.problem === 'no-proof' ? 'malformed' : 'bad-signature', message: `extension ${prepared.message}` };
  const method = parseDidKeyMethod(prepared.proof.verificationMethod);
  if (!method || method.did !== doc['issuer']) return { ok: false, problem: 'bad-signature', message: 'the extension is not signed by the key it names as issuer' };
  if (!verify(null, prepared.data, publicKeyFromRaw(method.raw), prepared.signature)) {
    return { ok: false, problem: 'bad-signature', message: 'the extension signature does not match: it was altered after signing' };
  }
  const extension = doc as unknown as TimeExtension;
  if (extension.issuer !== expect.issuer) return { ok: false, problem: 'foreign-key', message: `the extension is signed by ${extension.issuer}, not by ${expect.issuer}` };
  if (extension.attempt !== expect.attemptId) return { ok: false, problem: 'other-attempt', message: `the extension is for attempt ${extension.attempt}, not ${expect.attemptId}` };
  return { ok: true, extension };
}

export interface ExtensionTally {
  /** The valid extensions, in the order given, each once. */
  extensions: TimeExtension[];
  /** Their minutes, in milliseconds: what the deadline moves by. */
  ms: number;
  /** Why each other one does not count, as `#<position>: message`. */
  problems: string[];
}

/**
 * The extensions that count for an attempt: valid, each id once, and within
 * MAX_EXTENSION_MINUTES in all; one that would pass the cap is refused
 * whole, so the total never depends on partial grants. Pure; the log reader
 * and `issue` both count with it, so the session's deadline and the one
 * `issue` accepts are the same.
 */
export function tallyExtensions(docs: readonly unknown[], expect: { issuer: string; attemptId: string }, where: (index: number) => string = (i) => `#${i + 1}`): ExtensionTally {
  const extensions: TimeExtension[] = [];
  const problems: string[] = [];
  let minutes = 0;
  for (const [index, doc] of docs.entries()) {
    const checked = checkExtension(doc, expect);
    if (!checked.ok) {
      problems.push(`${where(index)}: ${checked.message}`);
      continue;
    }
    if (extensions.some((e) => e.id === checked.extension.id)) continue;
    if (minutes + checked.extension.minutes > MAX_EXTENSION_MINUTES) {
      problems.push(`${where(index)}: ${checked.extension.minutes} more minutes would pass the cap of ${MAX_EXTENSION_MINUTES} in all (${minutes} given)`);
      continue;
    }
    minutes += checked.extension.minutes;
    extensions.push(checked.extension);
  }
  return { extensions, ms: minutes * 60_000, problems };
}
