import { verify, type KeyObject } from 'node:crypto';
import { OB_V3_CONTEXT, VC_V2_CONTEXT } from './certificate-types.js';
import { EMPLOYEE_ID_TYPE } from './build-certificate.js';
import { parseDidKeyMethod, publicKeyFromRaw } from './ed25519.js';
import { prepareVerification, readProof, SIGNATURE_MISMATCH, verifyDocument } from './eddsa-jcs-2022.js';
import { decodeStatusList, getStatusBit } from './status-list.js';
import { checkTrust, type TrustList } from './trust.js';
import type { DeliveryMode } from '../bank/types.js';
import { deliveryOf } from './delivery-of.js';
import { parseRfc3339 } from '../text/rfc3339.js';
import { hasLoneSurrogate } from '../text/lone-surrogate.js';
import { parseStrictJson } from './strict-json.js';

/**
 * Why a certificate passed or failed: stable codes for scripts (documented in
 * docs/certificates.md). Each failure maps to one exit code (see verdictExitName).
 */
export type VerifyReason =
  | 'ok'
  | 'not-json'
  | 'truncated'
  /** The file could not be read: a FIFO, a device, no permission (verify's own verdict; never from the verifier). */
  | 'unreadable'
  | 'malformed'
  | 'bad-signature'
  | 'untrusted-issuer'
  | 'key-compromised'
  | 'not-yet-valid'
  | 'expired'
  | 'status-unknown'
  | 'status-conflict'
  | 'delivery-refused'
  | 'revoked'
  | 'unreadable';

export interface VerdictSummary {
  id?: string;
  issuer?: { id: string; name?: string };
  subject?: { employeeId?: string; name?: string };
  achievement?: { id?: string; name?: string; version?: string; courseCode?: string };
  score?: string;
  validFrom?: string;
  validUntil?: string;
}

export interface Verdict extends VerdictSummary {
  ok: boolean;
  reason: VerifyReason;
  message: string;
}

/** A status list whose signature was checked when it was loaded. */
export interface LoadedStatusList {
  url: string;
  /** did:key that signed it: only that issuer's certificates may point to it. */
  issuer: string;
  list: Uint8Array;
  /** When the issuer says this copy was made (its `validFrom` and `proof.created`): the newer copy of a list wins. */
  validFrom?: string;
  created?: string;
}

export interface VerifierOptions {
  trust: TrustList;
  /** By `statusListCredential` URL. */
  statusLists: ReadonlyMap<string, LoadedStatusList>;
  /** URLs that two different lists claim, with what differs: a certificate pointing there cannot be judged. */
  statusConflicts?: ReadonlyMap<string, string>;
  /** Delivery modes to accept (`--require-delivery`); @default any */
  requireDelivery?: readonly DeliveryMode[];
}

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Builds a verifier that reuses one KeyObject per key across many
 * certificates. `now` is an argument so `--at` and tests need no clock.
 */
export function createVerifier(options: VerifierOptions): (text: string, now: Date) => Verdict {
  const methods = new Map<string, { did: string; key: KeyObject } | null>();
  const methodFor = (id: string) => {
    let found = methods.get(id);
    if (found === undefined) {
      const parsed = parseDidKeyMethod(id);
      found = parsed ? { did: parsed.did, key: publicKeyFromRaw(parsed.raw) } : null;
      methods.set(id, found);
    }
    return found;
  };

  return (text, now) => {
    const parsed = parseJson(text);
    if (!parsed.ok) return parsed.verdict;
    const doc = parsed.value;
    const summary = summarize(doc);
    const fail = (reason: VerifyReason, message: string): Verdict => ({ ok: false, reason, message, ...summary });
    const validFrom = typeof doc['validFrom'] === 'string' ? parseRfc3339(doc['validFrom']) : NaN;
    const validUntil = typeof doc['validUntil'] === 'string' ? parseRfc3339(doc['validUntil']) : undefined;
    const shape = checkShape(doc, validFrom, validUntil);
    if (shape) return fail('malformed', shape);

    const prepared = prepareOrRefuse(doc, parsed.canonicalOrder);
    if (!prepared.ok) return fail(prepared.problem === 'unsupported-proof' || prepared.problem === 'no-proof' ? 'malformed' : 'bad-signature', prepared.message);
    const proof = prepared.proof;
    const method = methodFor(proof.verificationMethod);
    if (!method) return fail('untrusted-issuer', `verification method ${proof.verificationMethod} is not an Ed25519 did:key`);
    if (!verify(null, prepared.data, method.key, prepared.signature)) return fail('bad-signature', SIGNATURE_MISMATCH.message);

    const issuerId = issuerIdOf(doc);
    if (issuerId !== method.did) return fail('bad-signature', `signed by ${method.did}, but the issuer is ${issuerId}`);
    const trusted = checkTrust(options.trust, method.did, proof.created);
    if (!trusted.ok) return fail(trusted.compromised ? 'key-compromised' : 'untrusted-issuer', trusted.message);
    const at = now.getTime();
    if (validFrom > at) return fail('not-yet-valid', `not valid until ${doc['validFrom'] as string}`);
    if (validUntil !== undefined && validUntil < at) return fail('expired', `expired on ${doc['validUntil'] as string}`);
    const status = checkStatus(doc['credentialStatus'], method.did, options.statusLists, options.statusConflicts);
    if (status) return fail(status.reason, status.message);
    if (options.requireDelivery) {
      const delivery = deliveryOf(doc);
      if (!options.requireDelivery.includes(delivery)) {
        return fail('delivery-refused', `earned under ${delivery} delivery; ${options.requireDelivery.join(' or ')} required`);
      }
    }
    const name = trusted.key.name ?? summary.issuer?.name ?? method.did;
    return { ok: true, reason: 'ok', message: `valid, issued by ${name}`, ...summary };
  };
}

function parseJson(text: string): { ok: true; value: Json; canonicalOrder: boolean } | { ok: false; verdict: Verdict } {
  const parsed = parseStrictJson(text);
  if (!parsed.ok) return { ok: false, verdict: { ok: false, reason: parsed.problem, message: parsed.message } };
  if (!isObject(parsed.value)) return { ok: false, verdict: { ok: false, reason: 'malformed', message: 'not a JSON object' } };
  return { ok: true, value: parsed.value, canonicalOrder: parsed.canonicalOrder };
}

/** The fields verify relies on, the dates already parsed (NaN when not a date); @returns what is wrong, or undefined. */
function checkShape(doc: Json, validFrom: number, validUntil: number | undefined): string | undefined {
  const context = doc['@context'];
  if (!Array.isArray(context) || context[0] !== VC_V2_CONTEXT) return `@context must start with ${VC_V2_CONTEXT}`;
  if (!context.includes(OB_V3_CONTEXT)) return `@context must include ${OB_V3_CONTEXT}`;
  const type = doc['type'];
  if (!Array.isArray(type) || !type.includes('VerifiableCredential') || !type.includes('OpenBadgeCredential')) {
    return 'type must include VerifiableCredential and OpenBadgeCredential';
  }
  if (typeof doc['id'] !== 'string') return 'id is missing';
  if (typeof issuerIdOf(doc) !== 'string') return 'issuer.id is missing';
  if (Number.isNaN(validFrom)) return 'validFrom is missing or not an RFC 3339 date-time';
  if (doc['validUntil'] !== undefined && (validUntil === undefined || Number.isNaN(validUntil))) {
    return 'validUntil is not an RFC 3339 date-time';
  }
  if (!isObject(doc['credentialSubject'])) return 'credentialSubject is missing';
  if (doc['proof'] === undefined) return 'has no proof: not signed';
  return undefined;
}

function issuerIdOf(doc: Json): string | undefined {
  const issuer = doc['issuer'];
  if (typeof issuer === 'string') return issuer;
  return isObject(issuer) && typeof issuer['id'] === 'string' ? issuer['id'] : undefined;
}

function checkStatus(
  status: unknown,
  issuer: string,
  lists: ReadonlyMap<string, LoadedStatusList>,
  conflicts: ReadonlyMap<string, string> | undefined,
): { reason: 'status-unknown' | 'status-conflict' | 'revoked' | 'malformed'; message: string } | undefined {
  if (status === undefined) return undefined;
  const entries = Array.isArray(status) ? status : [status];
  for (const entry of entries) {
    if (!isObject(entry) || entry['type'] !== 'BitstringStatusListEntry') continue;
    const purpose = entry['statusPurpose'];
    if (purpose !== 'revocation') continue;
    const url = entry['statusListCredential'];
    const index = Number(entry['statusListIndex']);
    if (typeof url !== 'string' || typeof entry['statusListIndex'] !== 'string' || !Number.isSafeInteger(index) || index < 0) {
      return { reason: 'malformed', message: 'credentialStatus needs statusListCredential and a non-negative integer statusListIndex' };
    }
    const conflict = conflicts?.get(url);
    if (conflict !== undefined) return { reason: 'status-conflict', message: conflict };
    const list = lists.get(url);
    if (!list) return { reason: 'status-unknown', message: `no local copy of status list ${url}` };
    if (list.issuer !== issuer) return { reason: 'status-unknown', message: `status list ${url} is signed by ${list.issuer}, not by this certificate's issuer` };
    if (index >= list.list.length * 8) return { reason: 'status-unknown', message: `status index ${index} is beyond the end of ${url}` };
    if (getStatusBit(list.list, index)) return { reason: 'revoked', message: `marked in the issuer's status list ${url} at index ${index}` };
  }
  return undefined;
}

/**
 * RFC 8785 has no form for a lone surrogate or a number past 1.8e308 (`1e400`
 * parses as Infinity), so such a document cannot have been signed: it is
 * malformed, not a reason to stop checking the files after it.
 */
function prepareOrRefuse(doc: Json, canonicalOrder: boolean): ReturnType<typeof prepareVerification> {
  try {
    return prepareVerification(doc, canonicalOrder ? IN_ORDER : undefined);
  } catch (error) {
    const why = hasUnsignableValue(doc) ?? (error as Error).message;
    return { ok: false, problem: 'unsupported-proof', message: `cannot be put in canonical form (RFC 8785): ${why}` };
  }
}

const IN_ORDER = { inOrder: true } as const;

function hasUnsignableValue(value: unknown): string | undefined {
  if (typeof value === 'string') return hasLoneSurrogate(value) ? 'text holds a lone surrogate' : undefined;
  if (typeof value === 'number') return Number.isFinite(value) ? undefined : 'a number is too large for JSON';
  if (typeof value !== 'object' || value === null) return undefined;
  for (const [key, inner] of Object.entries(value)) {
    const found = hasUnsignableValue(key) ?? hasUnsignableValue(inner);
    if (found) return found;
  }
  return undefined;
}

/** What the output shows of a certificate; built field by field (no spreads): it runs for every file of a batch. */
function summarize(doc: Json): VerdictSummary {
  const out: VerdictSummary = {};
  if (typeof doc['id'] === 'string') out.id = doc['id'];
  const issuer = doc['issuer'];
  const issuerId = issuerIdOf(doc);
  if (issuerId) out.issuer = isObject(issuer) && typeof issuer['name'] === 'string' ? { id: issuerId, name: issuer['name'] } : { id: issuerId };
  const subject = doc['credentialSubject'];
  if (isObject(subject)) {
    out.subject = subjectOf(subject['identifier']);
    const a = subject['achievement'];
    if (isObject(a)) {
      const achievement: NonNullable<VerdictSummary['achievement']> = {};
      if (typeof a['id'] === 'string') achievement.id = a['id'];
      if (typeof a['name'] === 'string') achievement.name = a['name'];
      if (typeof a['version'] === 'string') achievement.version = a['version'];
      if (typeof a['humanCode'] === 'string') achievement.courseCode = a['humanCode'];
      out.achievement = achievement;
    }
    const overall = Array.isArray(subject['result']) ? subject['result'].find((r) => isObject(r) && r['status'] === 'Completed') : undefined;
    if (isObject(overall) && typeof overall['value'] === 'string') out.score = overall['value'];
  }
  if (typeof doc['validFrom'] === 'string') out.validFrom = doc['validFrom'];
  if (typeof doc['validUntil'] === 'string') out.validUntil = doc['validUntil'];
  return out;
}

/** The employee id and name the first unhashed identifier of each type gives. */
function subjectOf(identifiers: unknown): NonNullable<VerdictSummary['subject']> {
  let employeeId: unknown;
  let name: unknown;
  let seenEmployeeId = false;
  let seenName = false;
  if (Array.isArray(identifiers)) {
    for (const i of identifiers) {
      if (!isObject(i) || i['hashed'] !== false) continue;
      if (!seenEmployeeId && i['identityType'] === EMPLOYEE_ID_TYPE) {
        seenEmployeeId = true;
        employeeId = i['identityHash'];
      } else if (!seenName && i['identityType'] === 'name') {
        seenName = true;
        name = i['identityHash'];
      }
    }
  }
  const subject: NonNullable<VerdictSummary['subject']> = {};
  if (typeof employeeId === 'string') subject.employeeId = employeeId;
  if (typeof name === 'string') subject.name = name;
  return subject;
}

export type StatusListParse = { ok: true; list: LoadedStatusList } | { ok: false; message: string };

/**
 * Checks a BitstringStatusListCredential: signed (eddsa-jcs-2022) by the
 * did:key it names as issuer, and its encodedList decodes.
 */
export function readStatusListCredential(doc: unknown): StatusListParse {
  if (!isObject(doc)) return { ok: false, message: 'not a JSON object' };
  const type = doc['type'];
  if (!Array.isArray(type) || !type.includes('BitstringStatusListCredential')) return { ok: false, message: 'not a BitstringStatusListCredential' };
  if (typeof doc['id'] !== 'string') return { ok: false, message: 'id is missing' };
  const proof = readProof(doc);
  if (!proof.ok) return { ok: false, message: `status list ${proof.message}` };
  const method = parseDidKeyMethod(proof.proof.verificationMethod);
  if (!method) return { ok: false, message: 'status list is not signed with an Ed25519 did:key' };
  if (issuerIdOf(doc) !== method.did) return { ok: false, message: 'status list is signed by a key other than its issuer' };
  const checked = verifyDocument(doc, publicKeyFromRaw(method.raw));
  if (!checked.ok) return { ok: false, message: `status list signature: ${checked.message}` };
  const subject = doc['credentialSubject'];
  const encoded = isObject(subject) ? subject['encodedList'] : undefined;
  if (!isObject(subject) || subject['statusPurpose'] !== 'revocation' || typeof encoded !== 'string') {
    return { ok: false, message: 'credentialSubject must be a revocation BitstringStatusList with encodedList' };
  }
  const list = decodeStatusList(encoded);
  if (!list) return { ok: false, message: 'encodedList is not base64url GZIP data' };
  const validFrom = typeof doc['validFrom'] === 'string' ? doc['validFrom'] : undefined;
  return { ok: true, list: { url: doc['id'], issuer: method.did, list, ...(validFrom ? { validFrom } : {}), created: proof.proof.created } };
}
