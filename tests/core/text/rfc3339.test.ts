import { describe, expect, it } from 'vitest';
import { parseRfc3339 } from '../../../src/core/text/rfc3339.js';

describe('parseRfc3339 (issue 17.22)', () => {
  it.each([
    ['2026-11-01T09:30:00Z', Date.UTC(2026, 10, 1, 9, 30)],
    ['2026-11-01t09:30:00z', Date.UTC(2026, 10, 1, 9, 30)],
    ['2026-11-01T10:30:00+01:00', Date.UTC(2026, 10, 1, 9, 30)],
    ['2026-11-01T09:30:00.250Z', Date.UTC(2026, 10, 1, 9, 30, 0, 250)],
    ['2026-11-01', Date.UTC(2026, 10, 1)],
    ['2024-02-29', Date.UTC(2024, 1, 29)],
    // RFC 3339 section 5.8's own example of a leap second.
    ['1990-12-31T23:59:60Z', Date.UTC(1991, 0, 1)],
  ])('reads %s', (text, ms) => {
    expect(parseRfc3339(text)).toBe(ms);
  });

  it.each(['1', '2001', '12/01/2026', 'Nov 1 2026', '2026-11-01T09:30:00', '2026-11-01T09:30Z', '2026-02-30', '2025-02-29', '2026-13-01', '2026-11-01T24:00:00Z', '2026-11-01T09:30:00+25:00', '', ' 2026-11-01'])(
    'refuses %j (Date.parse reads some of these as real dates)',
    (text) => {
      expect(parseRfc3339(text)).toBeNaN();
    },
  );
});
