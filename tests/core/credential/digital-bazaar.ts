// Digital Bazaar's verifiers, offline: eddsa-jcs-2022 under jsonld-signatures,
// and @digitalbazaar/vc (which also checks the VC 2.0 data model). The
// document loader serves vendored contexts (tests/vectors) and resolves
// did:key locally, so no test touches the network.

import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { DataIntegrityProof } from '@digitalbazaar/data-integrity';
import { createVerifyCryptosuite } from '@digitalbazaar/eddsa-jcs-2022-cryptosuite';
import * as vc from '@digitalbazaar/vc';
import jsigs from 'jsonld-signatures';
import { parseDidKeyMethod } from '../../../src/core/credential/ed25519.js';
import { vectorsDir } from '../../vectors/vectors.js';

const contexts: Record<string, unknown> = {
  'https://www.w3.org/ns/credentials/v2': JSON.parse(readFileSync(`${vectorsDir}contexts/credentials-v2.jsonld`, 'utf8')),
  'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json': JSON.parse(readFileSync(`${vectorsDir}contexts/ob-v3p0-context-3.0.3.json`, 'utf8')),
  'https://www.w3.org/ns/credentials/examples/v2': JSON.parse(readFileSync(`${vectorsDir}contexts/credentials-examples-v2.jsonld`, 'utf8')),
};

const DID_V1 = 'https://www.w3.org/ns/did/v1';
const MULTIKEY_V1 = 'https://w3id.org/security/multikey/v1';

/** did:key resolution (did:key spec §3.1.2): one Multikey, authorised for assertion. */
function didKeyDocument(url: string): Record<string, unknown> | undefined {
  const parsed = parseDidKeyMethod(url);
  if (!parsed) return undefined;
  const multibase = parsed.did.slice('did:key:'.length);
  const method = { '@context': MULTIKEY_V1, id: `${parsed.did}#${multibase}`, type: 'Multikey', controller: parsed.did, publicKeyMultibase: multibase };
  if (url.includes('#')) return method;
  const { '@context': _c, ...embedded } = method;
  return { '@context': [DID_V1, MULTIKEY_V1], id: parsed.did, verificationMethod: [embedded], assertionMethod: [method.id], authentication: [method.id] };
}

export async function documentLoader(url: string) {
  const document = contexts[url] ?? didKeyDocument(url);
  if (!document) throw new Error(`offline document loader: no pinned copy of ${url}`);
  return { contextUrl: null, documentUrl: url, document };
}

export async function independentlyVerify(credential: unknown) {
  const suite = new DataIntegrityProof({ cryptosuite: createVerifyCryptosuite() });
  return jsigs.verify(structuredClone(credential), {
    suite,
    purpose: new jsigs.purposes.AssertionProofPurpose(),
    documentLoader,
  }) as Promise<{ verified: boolean; error?: unknown }>;
}

/**
 * Bitstring Status List §3.2 (validate), written from the spec rather than
 * with frontline's decoder: verify the list with the same stack, then read
 * bit `statusListIndex`, most significant bit first.
 */
export function statusChecker(lists: Record<string, Record<string, unknown>>, now?: Date) {
  return async ({ credential }: { credential: { credentialStatus: { statusListCredential: string; statusListIndex: string } } }) => {
    const entry = credential.credentialStatus;
    const list = lists[entry.statusListCredential];
    if (!list) return { verified: false, error: new Error(`no status list ${entry.statusListCredential}`) };
    const checked = await verifyWithVc(list, async () => ({ verified: true }), now);
    if (!checked.verified) return { verified: false, error: checked.error };
    const encoded = (list['credentialSubject'] as { encodedList: string }).encodedList;
    const bits = gunzipSync(Buffer.from(encoded.slice(1), 'base64url'));
    const index = Number(entry.statusListIndex);
    const revoked = ((bits[index >> 3] as number) >> (7 - (index % 8))) & 1;
    return revoked ? { verified: false, error: new Error(`revoked at ${index}`) } : { verified: true };
  };
}

export async function verifyWithVc(credential: unknown, checkStatus: unknown, now = new Date('2026-12-01T00:00:00Z')) {
  const suite = new DataIntegrityProof({ cryptosuite: createVerifyCryptosuite() });
  return vc.verifyCredential({ credential: structuredClone(credential), suite, documentLoader, checkStatus, now }) as Promise<{
    verified: boolean;
    error?: unknown;
    results?: Array<{ verified: boolean; error?: unknown }>;
    statusResult?: { verified: boolean };
  }>;
}
