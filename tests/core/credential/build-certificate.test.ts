import { describe, expect, it } from 'vitest';
import validateCertificate from '../../../src/generated/certificate.validate.js';
import { addMonthsUtc } from '../../../src/core/credential/build-certificate.js';
import { checkAttemptForIssue } from '../../../src/core/credential/check-attempt.js';
import { makeAttempt } from './attempt-fixture.js';
import { issueTestCertificate, loadShippedBank, makeIssuer } from './certificate-fixture.js';
import { createHash } from 'node:crypto';

describe('the certificate for a passed attempt', () => {
  const certificate = issueTestCertificate(makeIssuer());
  const { bank, hash } = loadShippedBank();

  it('matches schemas/certificate.schema.json', () => {
    const ok = validateCertificate(certificate);
    expect(validateCertificate.errors ?? []).toEqual([]);
    expect(ok).toBe(true);
  });

  it('is an OB 3.0 OpenBadgeCredential naming the bank, its hash and the attempt', () => {
    expect(certificate['@context']).toEqual(['https://www.w3.org/ns/credentials/v2', 'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json']);
    const a = certificate.credentialSubject.achievement;
    expect(a.version).toBe(bank.version);
    expect(a.humanCode).toBe(bank.courseCode);
    expect(a.otherIdentifier).toContainEqual({ type: 'IdentifierEntry', identifier: hash, identifierType: 'ext:BankHash' });
    expect(certificate.evidence[0]?.id).toBe('urn:frontline:attempt:attempt-0001');
  });

  it('has a result description per competency with its floor, and the pass mark overall', () => {
    const descriptions = certificate.credentialSubject.achievement.resultDescription;
    expect(descriptions).toHaveLength(bank.competencies.length + 1);
    expect(descriptions[0]?.requiredValue).toBe(String(bank.policy.passMark));
    for (const c of bank.competencies) {
      const d = descriptions.find((x) => x.alignment?.[0]?.targetCode === c.id);
      expect(d?.requiredValue).toBe(String(c.floor ?? 0));
    }
    expect(certificate.credentialSubject.result.map((r) => r.resultDescription)).toEqual(descriptions.map((d) => d.id));
  });

  it('hashes the e-mail with its salt as OB 3.0 says (sha256$ + hex of identity+salt)', () => {
    const email = certificate.credentialSubject.identifier.find((i) => i.identityType === 'emailAddress')!;
    expect(email.hashed).toBe(true);
    expect(email.identityHash).toBe(`sha256$${createHash('sha256').update(`amara@example.com${email.salt}`).digest('hex')}`);
    expect(JSON.stringify(certificate)).not.toContain('amara@example.com');
  });

  it("is valid for the bank's validity period", () => {
    expect(certificate.validFrom).toBe('2026-11-20T10:00:00Z');
    expect(certificate.validUntil).toBe(addMonthsUtc('2026-11-20T10:00:00Z', bank.policy.certificate!.validityMonths));
  });
});

describe('addMonthsUtc', () => {
  it.each([
    ['2026-01-31T12:00:00Z', 1, '2026-02-28T12:00:00Z'],
    ['2028-01-31T00:00:00Z', 1, '2028-02-29T00:00:00Z'],
    ['2026-11-20T10:00:00Z', 12, '2027-11-20T10:00:00Z'],
    ['2026-12-15T23:59:59Z', 2, '2027-02-15T23:59:59Z'],
  ])('%s + %i months = %s', (from, months, expected) => expect(addMonthsUtc(from, months)).toBe(expected));
});

describe('checkAttemptForIssue', () => {
  const { bank, hash } = loadShippedBank();
  const context = { now: new Date('2026-11-21T00:00:00Z'), issuer: 'did:key:z6MkIssuer', registry: { certificates: [], assignments: new Set<string>(), failures: [], seals: new Set<string>() } };

  it('accepts a passing attempt and re-scores it', () => {
    const result = checkAttemptForIssue(bank, hash, makeAttempt(bank, hash), context);
    expect(result).toMatchObject({ ok: true, delivery: 'open', result: { passed: true } });
  });

  it('refuses a failing attempt, saying why', () => {
    const check = checkAttemptForIssue(bank, hash, makeAttempt(bank, hash, { pass: false }), context);
    expect(check).toMatchObject({ ok: false, reason: 'failed' });
    expect(check.ok || check.message).toMatch(/below the pass mark of 70%/);
  });

  it('refuses an attempt taken on another version of the bank', () => {
    const attempt = makeAttempt(bank, 'sha256:' + '0'.repeat(64));
    expect(checkAttemptForIssue(bank, hash, attempt, context)).toMatchObject({ ok: false, reason: 'wrong-bank' });
  });

  it('refuses a failed attempt whose reported result was edited to pass, as altered', () => {
    const failing = makeAttempt(bank, hash, { pass: false });
    const edited = { ...failing, result: makeAttempt(bank, hash).result };
    expect(checkAttemptForIssue(bank, hash, edited, context)).toMatchObject({ ok: false, reason: 'altered' });
  });

  it('refuses an attempt whose form was edited (items swapped for easier ones)', () => {
    const attempt = makeAttempt(bank, hash);
    const edited = { ...attempt, form: [...attempt.form].reverse() };
    expect(checkAttemptForIssue(bank, hash, edited, context)).toMatchObject({ ok: false, reason: 'altered' });
  });
});
