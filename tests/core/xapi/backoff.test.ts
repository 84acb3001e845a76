import { describe, expect, it } from 'vitest';
import { backoffDelayMs, parseRetryAfter } from '../../../src/core/xapi/backoff.js';

describe('backoffDelayMs', () => {
  it.each([
    [0, 500],
    [1, 1_000],
    [2, 2_000],
    [5, 16_000],
    [6, 30_000],
    [20, 30_000],
  ])('retry %i has a ceiling of %i ms', (retry, ceiling) => {
    expect(backoffDelayMs(retry, () => 0.999_999)).toBe(ceiling - 1);
    expect(backoffDelayMs(retry, () => 0)).toBe(0);
    expect(backoffDelayMs(retry, () => 0.5)).toBe(ceiling / 2);
  });

  it('never waits less than Retry-After, nor more than the maximum', () => {
    expect(backoffDelayMs(0, () => 0, {}, 4_000)).toBe(4_000);
    expect(backoffDelayMs(0, () => 0, { maxMs: 10_000 }, 60_000)).toBe(10_000);
  });
});

describe('parseRetryAfter', () => {
  const now = Date.parse('2026-11-25T10:00:00Z');
  it.each([
    ['120', 120_000],
    ['Wed, 25 Nov 2026 10:00:30 GMT', 30_000],
    ['Wed, 25 Nov 2026 09:00:00 GMT', 0],
    ['soon', undefined],
    ['', undefined],
    [null, undefined],
  ])('%s gives %s', (header, expected) => {
    expect(parseRetryAfter(header, now)).toBe(expected);
  });
});
