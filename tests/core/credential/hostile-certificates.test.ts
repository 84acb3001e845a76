import { describe, expect, it } from 'vitest';
import { parseStrictJson } from '../../../src/core/credential/strict-json.js';
import { createVerifier } from '../../../src/core/credential/verify-certificate.js';
import { parseTrustList, type TrustList } from '../../../src/core/credential/trust.js';
import { verificationMethodOf } from '../../../src/core/credential/ed25519.js';
import { signDocument } from '../../../src/core/credential/eddsa-jcs-2022.js';
import validateTrust from '../../../src/generated/trust.validate.js';
import { issueTestCertificate, makeIssuer, statusListFor } from './certificate-fixture.js';

const issuer = makeIssuer();
const certificate = issueTestCertificate(issuer);
const signedText = JSON.stringify(certificate, null, 2);
const trust: TrustList = { issuers: [{ id: issuer.did, name: 'Acme Support' }] };
const list = statusListFor(issuer);
const verify = createVerifier({ trust, statusLists: new Map([[list.url, list]]) });
const NOW = new Date('2026-12-01T00:00:00Z');

/** The signed certificate with an unsigned fake credentialSubject placed before the real one. */
const withFakeSubjectFirst = signedText.replace('{\n', `{\n  "credentialSubject": ${JSON.stringify({ ...certificate.credentialSubject, id: 'urn:fake' })},\n`);

describe('one crafted certificate gets its own verdict (issue 17.12)', () => {
  it.each([
    ['a lone surrogate in a signed field', signedText.replace('"Amara Osei"', '"Amara \\ud800 Osei"'), 'malformed', /lone surrogate/],
    ['a number past 1.8e308', signedText.replace('{\n', '{\n  "x": 1e400,\n'), 'malformed', /too large/],
    ['200,000 nested brackets', `${'['.repeat(200_000)}${']'.repeat(200_000)}`, 'malformed', /nested more than 64/],
    ['200,000 nested objects', `${'{"a":'.repeat(200_000)}1${'}'.repeat(200_000)}`, 'malformed', /nested more than 64/],
  ])('%s -> %s', (_label, text, reason, message) => {
    const verdict = verify(text, NOW);
    expect(verdict).toMatchObject({ ok: false, reason });
    expect(verdict.message).toMatch(message);
  });
});

describe('byte order marks and duplicate keys (issue 17.21)', () => {
  it('accepts a certificate saved with a UTF-8 byte order mark', () => {
    expect(verify(`\uFEFF${signedText}`, NOW)).toMatchObject({ ok: true });
  });

  it('refuses a duplicate credentialSubject though JSON.parse would keep the signed one', () => {
    expect(JSON.parse(withFakeSubjectFirst)).toEqual(certificate);
    const verdict = verify(withFakeSubjectFirst, NOW);
    expect(verdict).toMatchObject({ ok: false, reason: 'malformed' });
    expect(verdict.message).toMatch(/"credentialSubject" appears twice/);
  });

  it.each([
    ['{"a":1,"a":2}', 'a'],
    ['{"a":1,"\\u0061":2}', 'a'],
    ['{"x":{"b":1},"y":[{"b":1,"c":{"d":1,"d":1}}]}', 'd'],
    ['{"a\\"":1,"a\\"":2}', 'a"'],
    // A string value starting with a colon looks like a key to the quick count: the duplicate must still be found.
    ['{"a":":x","a":1}', 'a'],
    ['{"a" : 1, "b": {"a": "\\":"}, "a" :2}', 'a'],
  ])('finds the duplicate key in %s', (text, key) => {
    expect(parseStrictJson(text)).toEqual({ ok: false, problem: 'malformed', message: expect.stringContaining(`key ${JSON.stringify(key)} appears twice`) });
  });

  it.each(['{"a":1,"b":{"a":2}}', '[{"a":1},{"a":2}]', '{"a\\\\":1,"a":2}', '{"\\"a":1,"a":"}{,\\"a\\":"}', '{"a":": ","b":":"}', '{"a\\\\" :1}'])('allows the same key in different objects: %s', (text) => {
    expect(parseStrictJson(text)).toMatchObject({ ok: true });
  });
});

describe('a key marked compromised (issue 17.24)', () => {
  // A new certificate signed today by whoever holds the leaked key, with proof.created written into the key's old window.
  const { proof: _proof, ...body } = certificate as unknown as Record<string, unknown>;
  const backdated = signDocument(body, issuer.privateKey, { verificationMethod: verificationMethodOf(issuer.did), created: '2025-06-01T00:00:00Z' });
  const window = { id: issuer.did, name: 'Acme Support', validFrom: '2025-01-01T00:00:00Z', validUntil: '2025-12-31T23:59:59Z' };

  it.each([[true], ['2027-03-02T00:00:00Z']] as const)('refuses every certificate it signed, even backdated into its window (compromised: %j)', (compromised) => {
    const leaked = createVerifier({ trust: { issuers: [{ ...window, compromised }] }, statusLists: new Map([[list.url, list]]) });
    for (const cert of [certificate, backdated]) {
      const verdict = leaked(JSON.stringify(cert), NOW);
      expect(verdict).toMatchObject({ ok: false, reason: 'key-compromised' });
      expect(verdict.message).toContain('marks compromised');
    }
  });

  it('without the mark, a backdated certificate inside the window verifies: rotation alone does not contain a leak', () => {
    const rotated = createVerifier({ trust: { issuers: [window] }, statusLists: new Map([[list.url, list]]) });
    expect(rotated(JSON.stringify(backdated), NOW)).toMatchObject({ ok: true });
  });

  it.each([['yes'], [false], ['1']])('refuses compromised: %j in the trust file', (compromised) => {
    expect(parseTrustList({ issuers: [{ id: issuer.did, compromised }] })).toEqual({ ok: false, message: expect.stringContaining('issuers[0].compromised: expected true or the RFC 3339 date-time') });
  });

  it('the published schema accepts what parseTrustList accepts', () => {
    for (const compromised of [true, '2027-03-02T00:00:00Z']) expect(validateTrust({ issuers: [{ id: issuer.did, compromised }] })).toBe(true);
    expect(validateTrust({ issuers: [{ id: issuer.did, compromised: 'yes' }] })).toBe(false);
  });
});
