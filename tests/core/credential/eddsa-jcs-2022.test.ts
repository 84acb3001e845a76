import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { decodeBase58btc, encodeBase58btc } from '../../../src/core/credential/base58btc.js';
import {
  decodePrivateKeyMultibase,
  decodePublicKeyMultibase,
  privateKeyFromSeed,
  publicKeyFromRaw,
  publicKeyMultibase,
  rawPublicKey,
} from '../../../src/core/credential/ed25519.js';
import { hashData, proofConfigFor, signDocument, verifyDocument } from '../../../src/core/credential/eddsa-jcs-2022.js';
import { canonicalize } from '../../../src/core/credential/jcs.js';
import { readVector, readVectorJson } from '../../vectors/vectors.js';

const dir = 'w3c-vc-di-eddsa/TestVectors/';
const keyPair = readVectorJson<{ publicKeyMultibase: string; privateKeyMultibase: string }>(`${dir}keyPair.json`);
const unsigned = readVectorJson(`${dir}unsigned.json`);
const signed = readVectorJson(`${dir}eddsa-jcs-2022/signedJCS.json`);
const proofConfig = readVectorJson(`${dir}eddsa-jcs-2022/proofConfigJCS.json`);
const text = (name: string) => readVector(`${dir}eddsa-jcs-2022/${name}`).trim();

const seed = decodePrivateKeyMultibase(keyPair.privateKeyMultibase)!;
const privateKey = privateKeyFromSeed(seed);
const publicKey = publicKeyFromRaw(decodePublicKeyMultibase(keyPair.publicKeyMultibase)!);
const sha256hex = (s: string) => createHash('sha256').update(s, 'utf8').digest('hex');

describe('W3C vc-di-eddsa eddsa-jcs-2022 test vector', () => {
  it('decodes the Multikey pair to a matching Ed25519 key pair', () => {
    expect(seed).toHaveLength(32);
    expect(publicKeyMultibase(rawPublicKey(privateKey))).toBe(keyPair.publicKeyMultibase);
  });

  it('canonicalises the document and proof config to the vector bytes', () => {
    expect(canonicalize(unsigned)).toBe(text('canonDocJCS.txt'));
    expect(canonicalize(proofConfig)).toBe(text('proofCanonJCS.txt'));
    expect(sha256hex(canonicalize(unsigned))).toBe(text('docHashJCS.txt'));
    expect(sha256hex(canonicalize(proofConfig))).toBe(text('proofHashJCS.txt'));
  });

  it('builds the same proof config and combined hash', () => {
    const config = proofConfigFor(unsigned, {
      verificationMethod: proofConfig['verificationMethod'] as string,
      created: proofConfig['created'] as string,
    });
    expect(canonicalize(config)).toBe(text('proofCanonJCS.txt'));
    expect(hashData(unsigned, config as never).toString('hex')).toBe(text('combinedHashJCS.txt'));
  });

  it('signs with the vector key to the same proofValue, byte for byte', () => {
    const result = signDocument(unsigned, privateKey, {
      verificationMethod: proofConfig['verificationMethod'] as string,
      created: proofConfig['created'] as string,
    });
    expect(result.proof).toHaveLength(1);
    const [proof] = result.proof;
    expect(proof.proofValue).toBe(text('sigBTC58JCS.txt'));
    expect(Buffer.from(decodeBase58btc(proof.proofValue.slice(1))!).toString('hex')).toBe(text('sigHexJCS.txt'));
    // The vector writes the proof as an object; frontline writes the same proof as an array of one (OB 3.0).
    expect(canonicalize({ ...result, proof })).toBe(canonicalize(signed));
  });

  it('verifies the signed vector credential, with its proof as an object or as an array of one', () => {
    expect(verifyDocument(signed, publicKey).ok).toBe(true);
    expect(verifyDocument({ ...signed, proof: [signed['proof']] }, publicKey).ok).toBe(true);
  });

  it.each([
    ['an empty proof array', [], 'no-proof'],
    ['a set of two proofs', 'two', 'unsupported-proof'],
    ['a string', 'z3MvGcVxzRzzpKF1HA11EjvfPZsN8NAb7kXBRfeTm3CBg2gcJLQM5hZNmj6Ccd9Lk4C1YueiFZvkSx4FuHVYVouQk', 'unsupported-proof'],
  ])('refuses %s as the proof', (_, proof, problem) => {
    const value = proof === 'two' ? [signed['proof'], signed['proof']] : proof;
    expect(verifyDocument({ ...signed, proof: value }, publicKey)).toMatchObject({ ok: false, problem });
  });

  it('rejects the signed vector when one character of the subject changes', () => {
    const tampered = structuredClone(signed) as { credentialSubject: { alumniOf: string } };
    tampered.credentialSubject.alumniOf = 'The School of Examples.';
    expect(verifyDocument(tampered, publicKey)).toMatchObject({ ok: false, problem: 'signature-mismatch' });
  });

  it("rejects a proof whose @context is not a prefix of the document's", () => {
    const moved = structuredClone(signed) as Record<string, unknown>;
    moved['@context'] = ['https://www.w3.org/ns/credentials/v2'];
    expect(verifyDocument(moved, publicKey)).toMatchObject({ ok: false, problem: 'context-mismatch' });
  });
});

describe('base58btc', () => {
  it('round-trips leading zeros and the vector signature', () => {
    const sig = Buffer.from(text('sigHexJCS.txt'), 'hex');
    expect(`z${encodeBase58btc(sig)}`).toBe(text('sigBTC58JCS.txt'));
    for (const bytes of [Uint8Array.of(), Uint8Array.of(0), Uint8Array.of(0, 0, 1), Uint8Array.of(255, 0)]) {
      expect(decodeBase58btc(encodeBase58btc(bytes))).toEqual(bytes);
    }
    expect(encodeBase58btc(Uint8Array.of(0, 0, 1))).toBe('112');
  });

  it('refuses characters outside the alphabet', () => {
    expect(decodeBase58btc('0OIl')).toBeNull();
  });
});
