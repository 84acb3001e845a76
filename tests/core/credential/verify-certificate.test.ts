import { generateKeyPairSync } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalize } from '../../../src/core/credential/jcs.js';
import { createVerifier, type LoadedStatusList } from '../../../src/core/credential/verify-certificate.js';
import type { TrustList } from '../../../src/core/credential/trust.js';
import { issueTestCertificate, makeIssuer, statusListFor } from './certificate-fixture.js';

const issuer = makeIssuer();
const certificate = issueTestCertificate(issuer);
const signedText = JSON.stringify(certificate, null, 2);
const trust: TrustList = { issuers: [{ id: issuer.did, name: 'Acme Support', validFrom: '2026-01-01T00:00:00Z' }] };
const lists = (...l: LoadedStatusList[]) => new Map(l.map((x) => [x.url, x]));
const NOW = new Date('2026-12-01T00:00:00Z');

const verifierFor = (options: { trust?: TrustList; revoked?: number[] } = {}) =>
  createVerifier({ trust: options.trust ?? trust, statusLists: lists(statusListFor(issuer, options.revoked)) });

describe('verify a certificate', () => {
  it('accepts the certificate as issued, with who and what', () => {
    const verdict = verifierFor()(signedText, NOW);
    expect(verdict).toMatchObject({
      ok: true,
      reason: 'ok',
      id: certificate.id,
      subject: { employeeId: 'E1042', name: 'Amara Osei' },
      achievement: { name: certificate.name, version: '1.1.0' },
      score: '100.0',
    });
  });

  it.each([
    ['not JSON at all', 'hello, I am a certificate', 'not-json'],
    ['an empty file', '', 'not-json'],
    ['truncated JSON', signedText.slice(0, signedText.length / 2), 'truncated'],
    ['JSON but not an object', '[1,2,3]', 'malformed'],
    ['JSON without a proof', JSON.stringify({ ...certificate, proof: undefined }), 'malformed'],
  ])('%s -> %s', (_label, text, reason) => {
    expect(verifierFor()(text, NOW)).toMatchObject({ ok: false, reason });
  });

  it('a certificate signed with the wrong key -> bad-signature', () => {
    const other = generateKeyPairSync('ed25519').privateKey;
    const forged = issueTestCertificate(issuer, { signer: other });
    expect(verifierFor()(JSON.stringify(forged), NOW)).toMatchObject({ ok: false, reason: 'bad-signature' });
  });

  it('a valid signature by a key the trust list does not name -> untrusted-issuer', () => {
    const stranger = makeIssuer('Not Acme');
    const theirs = issueTestCertificate(stranger);
    const verify = createVerifier({ trust, statusLists: lists(statusListFor(stranger)) });
    expect(verify(JSON.stringify(theirs), NOW)).toMatchObject({ ok: false, reason: 'untrusted-issuer' });
  });

  it('a key used after its trusted window (rotated out) -> untrusted-issuer; within it -> ok', () => {
    const retired: TrustList = { issuers: [{ id: issuer.did, validFrom: '2025-01-01T00:00:00Z', validUntil: '2026-06-30T23:59:59Z' }] };
    expect(verifierFor({ trust: retired })(signedText, NOW)).toMatchObject({ ok: false, reason: 'untrusted-issuer' });
    const current: TrustList = { issuers: [...retired.issuers, { id: issuer.did, validFrom: '2026-07-01T00:00:00Z' }] };
    expect(verifierFor({ trust: current })(signedText, NOW)).toMatchObject({ ok: true });
  });

  it('past validUntil -> expired; before validFrom -> not-yet-valid', () => {
    expect(verifierFor()(signedText, new Date('2027-11-21T00:00:00Z'))).toMatchObject({ ok: false, reason: 'expired' });
    expect(verifierFor()(signedText, new Date('2026-11-19T00:00:00Z'))).toMatchObject({ ok: false, reason: 'not-yet-valid' });
  });

  it('its bit set in the status list -> revoked; other bits set -> ok', () => {
    expect(verifierFor({ revoked: [4242] })(signedText, NOW)).toMatchObject({ ok: false, reason: 'revoked' });
    expect(verifierFor({ revoked: [4241, 4243] })(signedText, NOW)).toMatchObject({ ok: true });
  });

  it('no local copy of its status list, or one from another issuer -> status-unknown', () => {
    expect(createVerifier({ trust, statusLists: new Map() })(signedText, NOW)).toMatchObject({ ok: false, reason: 'status-unknown' });
    const impostor = { ...makeIssuer('Impostor'), listUrl: issuer.listUrl };
    const verify = createVerifier({ trust, statusLists: lists(statusListFor(impostor)) });
    expect(verify(signedText, NOW)).toMatchObject({ ok: false, reason: 'status-unknown' });
  });
});

/** Every leaf of a JSON value, as a path. */
function leafPaths(value: unknown, path: Array<string | number> = []): Array<Array<string | number>> {
  if (Array.isArray(value)) return value.flatMap((v, i) => leafPaths(v, [...path, i]));
  if (typeof value === 'object' && value !== null) return Object.entries(value).flatMap(([k, v]) => leafPaths(v, [...path, k]));
  return [path];
}

function setAt(root: unknown, path: ReadonlyArray<string | number>, value: unknown): void {
  let node = root as Record<string | number, unknown>;
  for (const key of path.slice(0, -1)) node = node[key] as Record<string | number, unknown>;
  node[path[path.length - 1] as string | number] = value;
}

function getAt(root: unknown, path: ReadonlyArray<string | number>): unknown {
  return path.reduce<unknown>((node, key) => (node as Record<string | number, unknown>)[key], root);
}

describe('tampering (property)', () => {
  const paths = leafPaths(certificate);
  const verify = verifierFor();

  it('the certificate has many fields to tamper with', () => expect(paths.length).toBeGreaterThan(80));

  it('every single-field change makes verify fail', () => {
    fc.assert(
      fc.property(fc.constantFrom(...paths), fc.jsonValue(), (path, replacement) => {
        const before = getAt(certificate, path);
        fc.pre(canonicalize(replacement) !== canonicalize(before));
        const tampered = structuredClone(certificate);
        setAt(tampered, path, replacement);
        const verdict = verify(JSON.stringify(tampered), NOW);
        return !verdict.ok;
      }),
      { numRuns: 1000 },
    );
  });

  it('so does any one-character edit of a string field', () => {
    const strings = paths.filter((p) => typeof getAt(certificate, p) === 'string');
    fc.assert(
      fc.property(fc.constantFrom(...strings), fc.nat(), fc.string({ minLength: 1, maxLength: 1 }), (path, at, char) => {
        const before = getAt(certificate, path) as string;
        const i = at % (before.length + 1);
        const after = before.slice(0, i) + char + before.slice(i + 1);
        fc.pre(after !== before);
        const tampered = structuredClone(certificate);
        setAt(tampered, path, after);
        return !verify(JSON.stringify(tampered), NOW).ok;
      }),
      { numRuns: 1000 },
    );
  });

  it('adding a field anywhere makes verify fail', () => {
    const objects = [[], ...paths.map((p) => p.slice(0, -1))].filter((p) => {
      const node = getAt(certificate, p);
      return typeof node === 'object' && node !== null && !Array.isArray(node);
    });
    fc.assert(
      fc.property(fc.constantFrom(...objects), fc.string({ minLength: 1 }), fc.jsonValue(), (path, key, value) => {
        const node = getAt(certificate, path) as Record<string, unknown>;
        fc.pre(!(key in node) && value !== undefined);
        const tampered = structuredClone(certificate);
        (getAt(tampered, path) as Record<string, unknown>)[key] = value;
        return !verify(JSON.stringify(tampered), NOW).ok;
      }),
      { numRuns: 500 },
    );
  });
});

describe('truncation', () => {
  it('every cut of the certificate text is truncated, never valid or another reason', () => {
    const verify = verifierFor();
    const compact = JSON.stringify(certificate);
    for (const text of [signedText, compact]) {
      for (let end = 1; end < text.length; end += 7) {
        expect(verify(text.slice(0, end), NOW).reason, `cut at ${end}`).toBe('truncated');
      }
    }
  });
});
