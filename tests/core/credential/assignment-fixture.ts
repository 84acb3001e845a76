import { generateKeyPairSync, type KeyObject } from 'node:crypto';
import { ASSIGNMENT_FORMAT, type Assignment } from '../../../src/core/assignment/assignment.js';
import { bankHash } from '../../../src/core/bank/hash.js';
import type { Bank } from '../../../src/core/bank/types.js';
import { didKeyFromPublicKey, verificationMethodOf } from '../../../src/core/credential/ed25519.js';
import { signDocument } from '../../../src/core/credential/eddsa-jcs-2022.js';
import type { AttemptRecord } from '../../../src/core/attempt/types.js';
import { makeAttempt } from './attempt-fixture.js';
import { loadShippedBank } from './certificate-fixture.js';

export interface Signer {
  did: string;
  key: KeyObject;
}

export function makeSigner(): Signer {
  const { privateKey } = generateKeyPairSync('ed25519');
  return { did: didKeyFromPublicKey(privateKey), key: privateKey };
}

/** The starter bank as a certification bank: only hosted or sealed attempts earn a certificate. */
export function certificationBank(): { bank: Bank; hash: string } {
  const { bank } = loadShippedBank();
  const certifying: Bank = { ...bank, policy: { ...bank.policy, delivery: ['hosted', 'sealed'], attempts: { max: 3, cooldownHours: 24 } } };
  return { bank: certifying, hash: bankHash(certifying) };
}

/** An assignment for Amara Osei (E1042), the candidate of makeAttempt, signed by `signer`. */
export function makeAssignment(signer: Signer, bank: Bank, hash: string, overrides: Partial<Assignment> = {}): Assignment {
  const unsigned: Assignment = {
    format: ASSIGNMENT_FORMAT,
    id: 'urn:uuid:6f1c3a52-0d0e-4c39-9a55-2d8e0c1b7a01',
    issuer: signer.did,
    bank: { id: bank.id, version: bank.version, hash },
    candidate: { employeeId: 'E1042', name: 'Amara Osei' },
    seed: 'a1b2c3d4e5f60718',
    window: { opens: '2026-11-19T00:00:00Z', closes: '2026-11-27T00:00:00Z' },
    accommodations: { extraTime: 1 },
    attempt: { number: 1, of: 3 },
    issuedAt: '2026-11-18T12:00:00Z',
    ...overrides,
  };
  return signDocument(unsigned as unknown as Record<string, unknown>, signer.key, {
    verificationMethod: verificationMethodOf(signer.did),
    created: unsigned.issuedAt,
  }) as unknown as Assignment;
}

/** The hash of a sealed copy, as the issuer's registry would list it. */
export const SEALED_HASH = `sha256:${'5e'.repeat(32)}`;

/** A perfect attempt taken under `assignment` from the sealed copy SEALED_HASH. */
export function sealedAttempt(bank: Bank, hash: string, assignment: Assignment, options: { id?: string } = {}): AttemptRecord {
  const attempt = makeAttempt(bank, hash, { seed: assignment.seed, id: options.id ?? 'attempt-sealed-1' });
  return { ...attempt, bank: { ...attempt.bank, sealedHash: SEALED_HASH }, delivery: 'sealed', assignment };
}
