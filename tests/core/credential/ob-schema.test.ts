// External truth for the certificate's shape: 1EdTech's published OB 3.0
// AchievementCredential JSON Schema (draft 2019-09) and the W3C VC 2.0 schema
// (draft 2020-12), both vendored with their source in
// tests/vectors/SOURCES.md.
import Ajv2019 from 'ajv/dist/2019.js';
import Ajv2020 from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import { buildStatusListCredential, emptyStatusList } from '../../../src/core/credential/status-list.js';
import { signDocument } from '../../../src/core/credential/eddsa-jcs-2022.js';
import { verificationMethodOf } from '../../../src/core/credential/ed25519.js';
import { ISSUED_AT, issueTestCertificate, makeIssuer } from './certificate-fixture.js';
import { readVectorJson } from '../../vectors/vectors.js';

const obSchema = readVectorJson('schemas/ob_v3p0_achievementcredential_schema.json');
const vcSchema = readVectorJson('schemas/w3c-vc2-verifiable-credential-schema.json');

const ob = new Ajv2019.default({ allErrors: true, strict: false });
addFormats.default(ob);
const validateOb = ob.compile(obSchema);
const vc = new Ajv2020.default({ allErrors: true, strict: false });
addFormats.default(vc);
const validateVc = vc.compile(vcSchema);

const errorsOf = (errors: typeof validateOb.errors) => (errors ?? []).map((e) => `${e.instancePath} ${e.message}`);

describe("1EdTech's OB 3.0 AchievementCredential schema", () => {
  const certificate = issueTestCertificate(makeIssuer());

  it('accepts a certificate frontline issues', () => {
    validateOb(certificate);
    expect(errorsOf(validateOb.errors)).toEqual([]);
  });

  it('carries the proof as an array of one DataIntegrityProof', () => {
    expect(Array.isArray(certificate.proof)).toBe(true);
    expect(certificate.proof).toHaveLength(1);
  });

  it('rejects the same certificate with its proof as a bare object (the schema can fail)', () => {
    const bare = { ...certificate, proof: certificate.proof?.[0] };
    expect(validateOb(bare)).toBe(false);
    expect(errorsOf(validateOb.errors)).toContain('/proof must be array');
  });
});

describe("W3C's VC 2.0 schema", () => {
  it('accepts a certificate and a signed status list', () => {
    const issuer = makeIssuer();
    validateVc(issueTestCertificate(issuer));
    expect(errorsOf(validateVc.errors)).toEqual([]);
    const list = signDocument(
      buildStatusListCredential({ id: issuer.listUrl, issuer: { id: issuer.did, name: issuer.name }, validFrom: ISSUED_AT, list: emptyStatusList() }),
      issuer.privateKey,
      { verificationMethod: verificationMethodOf(issuer.did), created: ISSUED_AT },
    );
    expect(Array.isArray(list.proof)).toBe(true);
    validateVc(list);
    expect(errorsOf(validateVc.errors)).toEqual([]);
  });
});
