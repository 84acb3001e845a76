// A certificate we issue must verify with an implementation we did not write:
// Digital Bazaar's eddsa-jcs-2022 cryptosuite, under jsonld-signatures and
// under @digitalbazaar/vc (./digital-bazaar.ts, offline).
import { describe, expect, it } from 'vitest';
import { verificationMethodOf } from '../../../src/core/credential/ed25519.js';
import { signDocument } from '../../../src/core/credential/eddsa-jcs-2022.js';
import { buildStatusListCredential, emptyStatusList, setStatusBit } from '../../../src/core/credential/status-list.js';
import { ISSUED_AT, issueTestCertificate, makeIssuer, type TestIssuer } from './certificate-fixture.js';
import { readVectorJson } from '../../vectors/vectors.js';
import { independentlyVerify, statusChecker, verifyWithVc } from './digital-bazaar.js';

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
