import { describe, expect, it } from 'vitest';
import { parseStrictJson } from '../../../src/core/credential/strict-json.js';
import { createVerifier } from '../../../src/core/credential/verify-certificate.js';
import type { TrustList } from '../../../src/core/credential/trust.js';
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
  ])('finds the duplicate key in %s', (text, key) => {
    expect(parseStrictJson(text)).toEqual({ ok: false, problem: 'malformed', message: expect.stringContaining(`key ${JSON.stringify(key)} appears twice`) });
  });

  it.each(['{"a":1,"b":{"a":2}}', '[{"a":1},{"a":2}]', '{"a\\\\":1,"a":2}', '{"\\"a":1,"a":"}{,\\"a\\":"}'])('allows the same key in different objects: %s', (text) => {
    expect(parseStrictJson(text)).toMatchObject({ ok: true });
  });
});
