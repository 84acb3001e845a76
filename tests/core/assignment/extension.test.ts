import { describe, expect, it } from 'vitest';
import { EXTENSION_FORMAT, MAX_EXTENSION_MINUTES, checkExtension, tallyExtensions, type TimeExtension } from '../../../src/core/assignment/extension.js';
import { withExtensions } from '../../../src/core/attempt/record.js';
import { deadlineFor } from '../../../src/core/attempt/session.js';
import { checkAttemptForIssue, type IssueContext } from '../../../src/core/credential/check-attempt.js';
import { verificationMethodOf } from '../../../src/core/credential/ed25519.js';
import { signDocument } from '../../../src/core/credential/eddsa-jcs-2022.js';
import { makeSigner, type Signer } from '../credential/assignment-fixture.js';
import { makeAttempt } from '../credential/attempt-fixture.js';
import { loadShippedBank } from '../credential/certificate-fixture.js';

const host = makeSigner();
const other = makeSigner();
const ATTEMPT = 'attempt-1';

function extension(signer: Signer, overrides: Partial<TimeExtension> = {}, n = 1): TimeExtension {
  const unsigned = {
    format: EXTENSION_FORMAT,
    id: `urn:uuid:00000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
    issuer: signer.did,
    attempt: ATTEMPT,
    candidate: { employeeId: 'E1042' },
    minutes: 10,
    by: 'trainer',
    reason: 'network outage',
    issuedAt: '2026-11-20T09:10:00Z',
    ...overrides,
  };
  return signDocument(unsigned, signer.key, { verificationMethod: verificationMethodOf(signer.did), created: unsigned.issuedAt }) as unknown as TimeExtension;
}

const expect1 = { issuer: host.did, attemptId: ATTEMPT };

describe('checkExtension', () => {
  it('accepts one the host signed for this attempt', () => {
    expect(checkExtension(extension(host), expect1)).toMatchObject({ ok: true, extension: { minutes: 10 } });
  });

  it.each([
    ['more minutes written in after signing', () => ({ ...extension(host), minutes: 30 }), 'bad-signature'],
    ['another attempt written in after signing', () => ({ ...extension(host), attempt: 'attempt-2' }), 'bad-signature'],
    ['the proof removed', () => ({ ...extension(host), proof: undefined }), 'malformed'],
    ['signed by a key that is not the host\'s', () => extension(other), 'foreign-key'],
    ['the host\'s, for another attempt', () => extension(host, { attempt: 'attempt-2' }), 'other-attempt'],
    ['minutes over the cap in one', () => extension(host, { minutes: MAX_EXTENSION_MINUTES + 1 }), 'malformed'],
    ['zero minutes', () => extension(host, { minutes: 0 }), 'malformed'],
    ['fractional minutes', () => extension(host, { minutes: 2.5 }), 'malformed'],
    ['not an object', () => 'extend' as unknown, 'malformed'],
  ])('refuses %s (%s)', (_, make, problem) => {
    expect(checkExtension(make(), expect1)).toMatchObject({ ok: false, problem });
  });
});

describe('tallyExtensions: what the session adds and issue accepts', () => {
  it('adds the valid ones, each id once, and names the others by place', () => {
    const a = extension(host, {}, 1);
    const tally = tallyExtensions([a, { ...extension(host, {}, 2), minutes: 50 }, a, extension(other, {}, 3), extension(host, { minutes: 5 }, 4)], expect1);
    expect(tally.ms).toBe(15 * 60_000);
    expect(tally.extensions.map((e) => e.minutes)).toEqual([10, 5]);
    expect(tally.problems).toEqual([expect.stringMatching(/^#2: .*altered/), expect.stringMatching(/^#4: .*signed by did:key:/)]);
  });

  it(`refuses the one that would pass ${MAX_EXTENSION_MINUTES} minutes in all, and keeps the rest`, () => {
    const tally = tallyExtensions([extension(host, { minutes: 40 }, 1), extension(host, { minutes: 30 }, 2), extension(host, { minutes: 20 }, 3)], expect1);
    expect(tally.ms).toBe(60 * 60_000);
    expect(tally.problems).toEqual([expect.stringMatching(/^#2: 30 more minutes would pass the cap of 60 in all \(40 given\)/)]);
  });
});

describe('issue accepts a deadline moved by a valid signed extension, and nothing else', () => {
  const { bank, hash } = loadShippedBank();
  const base = { ...makeAttempt(bank, hash), id: ATTEMPT };
  const context: IssueContext = { now: new Date('2026-11-21T00:00:00Z'), issuer: host.did, registry: { certificates: [], assignments: new Set(), failures: [], seals: new Set() } };
  const start = Date.parse(base.startedAt);
  // Ended 5 minutes after the original deadline: only a 10-minute extension makes that in time.
  const late = { ...base, endedAt: new Date(deadlineFor(bank, start) + 5 * 60_000).toISOString() };

  it('the record as the session writes it (withExtensions) is accepted', () => {
    expect(checkAttemptForIssue(bank, hash, withExtensions(late, [extension(host)]), context)).toMatchObject({ ok: true });
  });

  it.each([
    ['no extension at all', () => late, /after its deadline/],
    ['the deadline moved with no extension to prove it', () => ({ ...late, deadline: withExtensions(late, [extension(host)]).deadline }), /is not \d+ min × 1 after its start/],
    ['a tampered extension', () => withExtensions(late, [{ ...extension(host), minutes: 11 }]), /not all valid: extension 1: .*altered/],
    ['an extension signed by another key', () => withExtensions(late, [extension(other)]), /not all valid: extension 1: .*signed by/],
    ['an extension for another attempt', () => withExtensions(late, [extension(host, { attempt: 'attempt-2' })]), /not all valid: extension 1: .*attempt-2/],
    ['the same extension twice', () => withExtensions(late, [extension(host), extension(host)]), /in it twice/],
    ['extensions over the cap', () => withExtensions(late, [extension(host, { minutes: 60 }, 1), extension(host, { minutes: 10 }, 2)]), /not all valid: extension 2: .*cap/],
  ])('refuses %s as bad-times', (_, make, message) => {
    const check = checkAttemptForIssue(bank, hash, make(), context);
    expect(check).toMatchObject({ ok: false, reason: 'bad-times' });
    if (!check.ok) expect(check.message).toMatch(message);
  });
});
