// A certificate we issue must verify with an implementation we did not write:
// Digital Bazaar's eddsa-jcs-2022 cryptosuite under jsonld-signatures. The
// document loader serves pinned contexts and resolves did:key locally, so the
// test never touches the network.
import { readFileSync } from 'node:fs';
import { DataIntegrityProof } from '@digitalbazaar/data-integrity';
import { createVerifyCryptosuite } from '@digitalbazaar/eddsa-jcs-2022-cryptosuite';
import jsigs from 'jsonld-signatures';
import { describe, expect, it } from 'vitest';
import { parseDidKeyMethod } from '../../../src/core/credential/ed25519.js';
import { issueTestCertificate, makeIssuer } from './certificate-fixture.js';
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
