// A certificate we issue must verify with an implementation we did not write:
// Digital Bazaar's eddsa-jcs-2022 cryptosuite, under jsonld-signatures and
// under @digitalbazaar/vc (which also checks the VC 2.0 data model). The
// document loader serves vendored contexts (tests/vectors) and
// resolves did:key locally, so the test never touches the network.
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { DataIntegrityProof } from '@digitalbazaar/data-integrity';
import { createVerifyCryptosuite } from '@digitalbazaar/eddsa-jcs-2022-cryptosuite';
import * as vc from '@digitalbazaar/vc';
import jsigs from 'jsonld-signatures';
import { describe, expect, it } from 'vitest';
import { parseDidKeyMethod, verificationMethodOf } from '../../../src/core/credential/ed25519.js';
import { signDocument } from '../../../src/core/credential/eddsa-jcs-2022.js';
import { buildStatusListCredential, emptyStatusList, setStatusBit } from '../../../src/core/credential/status-list.js';
import { ISSUED_AT, issueTestCertificate, makeIssuer, type TestIssuer } from './certificate-fixture.js';
import { readVectorJson, vectorsDir } from '../../vectors/vectors.js';

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

async function documentLoader(url: string) {
  const document = contexts[url] ?? didKeyDocument(url);
  if (!document) throw new Error(`offline document loader: no pinned copy of ${url}`);
  return { contextUrl: null, documentUrl: url, document };
}

async function independentlyVerify(credential: unknown) {
  const suite = new DataIntegrityProof({ cryptosuite: createVerifyCryptosuite() });
  return jsigs.verify(structuredClone(credential), {
    suite,
    purpose: new jsigs.purposes.AssertionProofPurpose(),
    documentLoader,
  }) as Promise<{ verified: boolean; error?: unknown }>;
}

describe('independent eddsa-jcs-2022 verifier (@digitalbazaar, jsonld-signatures)', () => {
  it('accepts the W3C test vector (the harness itself works)', async () => {
    const result = await independentlyVerify(readVectorJson('w3c-vc-di-eddsa/TestVectors/eddsa-jcs-2022/signedJCS.json'));
    expect(result.error).toBeUndefined();
    expect(result.verified).toBe(true);
  });

  it('accepts a certificate whose evidence says it was delivered sealed', async () => {
    const certificate = issueTestCertificate(makeIssuer(), { delivery: 'sealed' });
    expect(certificate.evidence).toContainEqual(expect.objectContaining({ id: 'urn:frontline:delivery:sealed', genre: 'Delivery' }));
    const result = await independentlyVerify(certificate);
    expect(result.error).toBeUndefined();
    expect(result.verified).toBe(true);
  });

  it('accepts a certificate frontline issued', async () => {
    const result = await independentlyVerify(issueTestCertificate(makeIssuer()));
    expect(result.error).toBeUndefined();
    expect(result.verified).toBe(true);
  });

  it('rejects that certificate once its score is changed', async () => {
    const tampered = structuredClone(issueTestCertificate(makeIssuer()));
    tampered.credentialSubject.result[0]!.value = '99.0';
    expect((await independentlyVerify(tampered)).verified).toBe(false);
  });
});

/** The issuer's signed status list, as frontline writes it, keyed by its URL. */
function signedStatusList(issuer: TestIssuer, revoked: number[]): Record<string, unknown> {
  let list = emptyStatusList();
  for (const index of revoked) list = setStatusBit(list, index, true);
  const unsigned = buildStatusListCredential({ id: issuer.listUrl, issuer: { id: issuer.did, name: issuer.name }, validFrom: ISSUED_AT, list });
  return signDocument(unsigned, issuer.privateKey, { verificationMethod: verificationMethodOf(issuer.did), created: ISSUED_AT });
}

/**
 * Bitstring Status List §3.2 (validate), written from the spec rather than
 * with frontline's decoder: verify the list with the same stack, then read
 * bit `statusListIndex`, most significant bit first.
 */
function statusChecker(lists: Record<string, Record<string, unknown>>) {
  return async ({ credential }: { credential: { credentialStatus: { statusListCredential: string; statusListIndex: string } } }) => {
    const entry = credential.credentialStatus;
    const list = lists[entry.statusListCredential];
    if (!list) return { verified: false, error: new Error(`no status list ${entry.statusListCredential}`) };
    const checked = await verifyWithVc(list, async () => ({ verified: true }));
    if (!checked.verified) return { verified: false, error: checked.error };
    const encoded = (list['credentialSubject'] as { encodedList: string }).encodedList;
    const bits = gunzipSync(Buffer.from(encoded.slice(1), 'base64url'));
    const index = Number(entry.statusListIndex);
    const revoked = ((bits[index >> 3] as number) >> (7 - (index % 8))) & 1;
    return revoked ? { verified: false, error: new Error(`revoked at ${index}`) } : { verified: true };
  };
}

async function verifyWithVc(credential: unknown, checkStatus: unknown, now = new Date('2026-12-01T00:00:00Z')) {
  const suite = new DataIntegrityProof({ cryptosuite: createVerifyCryptosuite() });
  return vc.verifyCredential({ credential: structuredClone(credential), suite, documentLoader, checkStatus, now }) as Promise<{
    verified: boolean;
    error?: unknown;
    results?: Array<{ verified: boolean; error?: unknown }>;
    statusResult?: { verified: boolean };
  }>;
}

describe("Digital Bazaar's VC stack (@digitalbazaar/vc, eddsa-jcs-2022, VC 2.0 and OB 3.0.3 contexts served locally)", () => {
  const issuer = makeIssuer();
  const certificate = issueTestCertificate(issuer, { index: 4242 });

  it('verifies an issued certificate, proof as an array of one, with its status list not revoked', async () => {
    expect(Array.isArray(certificate.proof)).toBe(true);
    const result = await verifyWithVc(certificate, statusChecker({ [issuer.listUrl]: signedStatusList(issuer, [7]) }));
    expect(result.error).toBeUndefined();
    expect(result.verified).toBe(true);
    expect(result.statusResult?.verified).toBe(true);
  });

  it('refuses it once revoked in the status list frontline signed', async () => {
    const result = await verifyWithVc(certificate, statusChecker({ [issuer.listUrl]: signedStatusList(issuer, [4242]) }));
    expect(result.verified).toBe(false);
    expect(result.results?.[0]?.verified).toBe(true);
    expect(result.statusResult?.verified).toBe(false);
  });

  it('refuses it once the score is changed', async () => {
    const tampered = structuredClone(certificate);
    tampered.credentialSubject.result[0]!.value = '99.0';
    const result = await verifyWithVc(tampered, statusChecker({ [issuer.listUrl]: signedStatusList(issuer, []) }));
    expect(result.verified).toBe(false);
    expect(result.results?.[0]?.verified).toBe(false);
  });
});
