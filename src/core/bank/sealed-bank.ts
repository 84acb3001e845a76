import { createHash, verify } from 'node:crypto';
import { isDeepStrictEqual } from 'node:util';
import { parseDidKeyMethod, publicKeyFromRaw } from '../credential/ed25519.js';
import { prepareVerification, type DataIntegrityProof } from '../credential/eddsa-jcs-2022.js';
import { canonicalJson } from './canonical-json.js';
import { assertNever, type Bank, type CaseStudy, type Item, type Policy } from './types.js';

export const SEALED_BANK_FORMAT = 'frontline.sealed-bank/1';

/** An option as the candidate sees it: no feedback, red flag or rating key. */
export interface DeliveryOption {
  id: string;
  text: string;
  pinned?: boolean;
}

export interface DeliveryScenarioStep {
  id: string;
  customer: string;
  /** Choices without points, feedback or red flags: the graph stays, its scoring goes. */
  choices?: Array<{ id: string; text: string; next?: string }>;
  outcome?: string;
}

/** An item as `take` delivers it: stem, options, case and graph; nothing that scores. */
export interface DeliveryItem {
  id: string;
  type: Item['type'];
  competency: string;
  case?: string;
  stem: string;
  timeLimitSeconds?: number;
  tags?: string[];
  options?: DeliveryOption[];
  scale?: { min: number; max: number; labels?: Record<string, string> };
  start?: string;
  steps?: DeliveryScenarioStep[];
  /** Written reply: the channel and word limits; the rubric and model answer stay sealed. */
  channel?: string;
  words?: { min?: number; max?: number };
}

/** The readable part of a sealed bank (schemas/sealed-bank.schema.json). */
export interface DeliveryBank {
  id: string;
  version: string;
  title: string;
  description?: string;
  locale?: string;
  courseCode?: string;
  competencies: Array<{ id: string; title: string; description?: string }>;
  policy: Policy;
  cases?: CaseStudy[];
  items: DeliveryItem[];
}

/**
 * A bank for offline delivery (docs/certificates.md, "Sealed banks"): what
 * `take` needs in clear, the full bank age-encrypted to the issuer, and the
 * issuer's eddsa-jcs-2022 signature over both, so a changed stem or envelope
 * is caught before anyone answers from it.
 */
export interface SealedBank {
  format: typeof SEALED_BANK_FORMAT;
  /** The full bank, by hash: assignments and attempts name this one. */
  bank: { id: string; version: string; hash: string };
  /** did:key of the issuer key that signs it; the envelope opens with that issuer's encryption key. */
  issuer: string;
  delivery: DeliveryBank;
  /** The full bank's canonical JSON, age-encrypted to the issuer (ASCII armor). */
  envelope: string;
  sealedAt: string;
  /** An array of one, as signDocument writes every proof. */
  proof?: DataIntegrityProof[];
}

/** Only what delivery reads, copied field by field: a field added to Bank later stays sealed until named here. */
export function deliveryPart(bank: Bank): DeliveryBank {
  return {
    id: bank.id,
    version: bank.version,
    title: bank.title,
    ...(bank.description !== undefined ? { description: bank.description } : {}),
    ...(bank.locale !== undefined ? { locale: bank.locale } : {}),
    ...(bank.courseCode !== undefined ? { courseCode: bank.courseCode } : {}),
    competencies: bank.competencies.map((c) => ({ id: c.id, title: c.title, ...(c.description !== undefined ? { description: c.description } : {}) })),
    policy: bank.policy,
    ...(bank.cases !== undefined ? { cases: bank.cases } : {}),
    items: bank.items.map(deliveryItem),
  };
}

function deliveryItem(item: Item): DeliveryItem {
  const base: DeliveryItem = {
    id: item.id,
    type: item.type,
    competency: item.competency,
    ...(item.case !== undefined ? { case: item.case } : {}),
    stem: item.stem,
    ...(item.timeLimitSeconds !== undefined ? { timeLimitSeconds: item.timeLimitSeconds } : {}),
    ...(item.tags !== undefined ? { tags: item.tags } : {}),
  };
  const options = (list: ReadonlyArray<{ id: string; text: string; pinned?: boolean }>): DeliveryOption[] =>
    list.map((o) => ({ id: o.id, text: o.text, ...(o.pinned !== undefined ? { pinned: o.pinned } : {}) }));
  switch (item.type) {
    case 'true-false':
      return base;
    case 'single':
    case 'multiple':
    case 'ordering':
      return { ...base, options: options(item.options) };
    case 'rating':
      return { ...base, options: options(item.options), scale: item.scale };
    case 'scenario':
      return {
        ...base,
        start: item.start,
        steps: item.steps.map((s) => ({
          id: s.id,
          customer: s.customer,
          ...(s.choices !== undefined ? { choices: s.choices.map((c) => ({ id: c.id, text: c.text, ...(c.next !== undefined ? { next: c.next } : {}) })) } : {}),
          ...(s.outcome !== undefined ? { outcome: s.outcome } : {}),
        })),
      };
    case 'written':
      return { ...base, channel: item.channel, ...(item.words !== undefined ? { words: item.words } : {}) };
    default:
      return assertNever(item, 'item type');
  }
}

/**
 * The delivery part as the take engine's `Bank`. Its answers, keys and points
 * are absent, not filled in: the engine reads none of them while delivering
 * (assemble leaves an ordering item without its answer unrotated), and a
 * sealed attempt is never scored on this machine.
 */
export const deliveryBankForTake = (delivery: DeliveryBank): Bank => delivery as unknown as Bank;

/** `sha256:` + hex SHA-256 of the sealed bank's canonical JSON, proof included: the copy an attempt names. */
export function sealedBankHash(sealed: SealedBank): string {
  const canonical = canonicalJson(sealed);
  if (canonical === undefined) throw new Error('sealed bank has no JSON form');
  return `sha256:${createHash('sha256').update(canonical, 'utf8').digest('hex')}`;
}

export type SealedBankCheck = { ok: true; sealed: SealedBank } | { ok: false; message: string };

/**
 * A sealed bank whose shape the schema accepted: signed by the issuer it
 * names, and, when given, by the expected issuer.
 */
export function checkSealedSignature(sealed: SealedBank, expect: { issuer?: string | readonly string[] } = {}): SealedBankCheck {
  const prepared = prepareVerification(sealed as unknown as Record<string, unknown>);
  if (!prepared.ok) return { ok: false, message: prepared.problem === 'no-proof' ? 'it is not signed: a sealed bank comes from `frontline seal`' : `its signature ${prepared.message}` };
  const method = parseDidKeyMethod(prepared.proof.verificationMethod);
  if (!method || method.did !== sealed.issuer) return { ok: false, message: 'it is not signed by the issuer it names' };
  if (!verify(null, prepared.data, publicKeyFromRaw(method.raw), prepared.signature)) {
    return { ok: false, message: 'its signature does not match: it was altered after sealing' };
  }
  const issuers = expect.issuer === undefined ? undefined : typeof expect.issuer === 'string' ? [expect.issuer] : expect.issuer;
  if (issuers && !issuers.includes(sealed.issuer)) {
    return { ok: false, message: `it was sealed by ${sealed.issuer}, not by ${issuers.length === 1 ? issuers[0] : 'a trusted issuer'}` };
  }
  return { ok: true, sealed };
}

/**
 * What an opened envelope must be: the bank the sealed copy names by hash,
 * whose delivery part is exactly the one delivered in clear.
 */
export function checkUnsealed(sealed: SealedBank, full: Bank, fullHash: string): { ok: true } | { ok: false; message: string } {
  if (fullHash !== sealed.bank.hash) {
    return { ok: false, message: `it names bank ${sealed.bank.hash}, but its envelope holds ${fullHash}` };
  }
  if (!isDeepStrictEqual(JSON.parse(JSON.stringify(deliveryPart(full))), sealed.delivery)) {
    return { ok: false, message: 'its readable part is not the one its envelope holds' };
  }
  return { ok: true };
}

/** Ordering items whose options are written in the answer's order: the sealed copy would show that order. */
export function orderingInAnswerOrder(bank: Bank): string[] {
  return bank.items.filter((i) => i.type === 'ordering' && i.options.every((o, n) => o.id === i.answer[n])).map((i) => i.id);
}
