import { generateKeyPairSync, type KeyObject } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseBank } from '../../../src/core/bank/parse-bank.js';
import type { Bank } from '../../../src/core/bank/types.js';
import { buildCertificate } from '../../../src/core/credential/build-certificate.js';
import type { Certificate } from '../../../src/core/credential/certificate-types.js';
import { didKeyFromPublicKey, verificationMethodOf } from '../../../src/core/credential/ed25519.js';
import { signDocument } from '../../../src/core/credential/eddsa-jcs-2022.js';
import { buildStatusListCredential, emptyStatusList, setStatusBit } from '../../../src/core/credential/status-list.js';
import { readStatusListCredential, type LoadedStatusList } from '../../../src/core/credential/verify-certificate.js';
import { scoreAttempt } from '../../../src/core/attempt/scoring.js';
import { makeAttempt } from './attempt-fixture.js';

export const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));

export function loadShippedBank(name = 'starter'): { bank: Bank; hash: string } {
  const file = `${repoRoot}question-banks/${name}.yaml`;
  const parsed = parseBank(readFileSync(file, 'utf8'), file);
  if (!parsed.ok) throw new Error(`${file} does not parse`);
  return { bank: parsed.bank, hash: parsed.hash };
}

export interface TestIssuer {
  did: string;
  privateKey: KeyObject;
  name: string;
  listUrl: string;
}

export function makeIssuer(name = 'Acme Support'): TestIssuer {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  return { did: didKeyFromPublicKey(publicKey), privateKey, name, listUrl: 'https://status.example/acme/1' };
}

const ISSUED_AT = '2026-11-20T10:00:00Z';

/** A certificate for a perfect attempt on the starter bank, signed by `issuer`. */
export function issueTestCertificate(issuer: TestIssuer, options: { index?: number; now?: string; signer?: KeyObject } = {}): Certificate {
  const { bank, hash } = loadShippedBank();
  const attempt = makeAttempt(bank, hash, { email: 'amara@example.com' });
  const now = options.now ?? ISSUED_AT;
  const unsigned = buildCertificate({
    bank,
    bankHash: hash,
    attempt,
    result: scoreAttempt(bank, attempt.form, attempt.answers),
    issuer: { id: issuer.did, name: issuer.name },
    id: 'urn:uuid:0b4cf0a6-5b36-4c6e-9d43-3f1c2a7e9d10',
    status: { listUrl: issuer.listUrl, index: options.index ?? 4242 },
    now,
    emailSalt: 'c0ffee',
  });
  return signDocument(unsigned as unknown as Record<string, unknown>, options.signer ?? issuer.privateKey, {
    verificationMethod: verificationMethodOf(issuer.did),
    created: now,
  }) as unknown as Certificate;
}

/** The issuer's signed status list with `revoked` set, loaded the way verify loads it. */
export function statusListFor(issuer: TestIssuer, revoked: number[] = []): LoadedStatusList {
  let list = emptyStatusList();
  for (const index of revoked) list = setStatusBit(list, index, true);
  const unsigned = buildStatusListCredential({ id: issuer.listUrl, issuer: { id: issuer.did }, validFrom: ISSUED_AT, list });
  const signed = signDocument(unsigned, issuer.privateKey, { verificationMethod: verificationMethodOf(issuer.did), created: ISSUED_AT });
  const read = readStatusListCredential(signed);
  if (!read.ok) throw new Error(read.message);
  return read.list;
}
