import { describe, expect, it } from 'vitest';
import { isoDuration } from '../../../src/core/xapi/duration.js';

describe('isoDuration', () => {
  it.each([
    [0, 'PT0S'],
    [450, 'PT0.45S'],
    [5_000, 'PT5S'],
    [61_500, 'PT1M1.5S'],
    [3_600_000, 'PT1H'],
    [3_723_450, 'PT1H2M3.45S'],
    [26 * 3_600_000, 'PT26H'],
    [-10, 'PT0S'],
  ])('%i ms is %s', (ms, expected) => {
    expect(isoDuration(ms)).toBe(expected);
  });
});
