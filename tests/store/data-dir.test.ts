import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveDataDir } from '../../src/store/data-dir.js';

describe('resolveDataDir', () => {
  it('prefers --data-dir over FRONTLINE_HOME', () => {
    expect(resolveDataDir({ dataDir: 'here' }, { FRONTLINE_HOME: '/elsewhere' })).toBe(resolve('here'));
  });

  it('uses FRONTLINE_HOME when no flag is given', () => {
    expect(resolveDataDir({}, { FRONTLINE_HOME: '/srv/frontline' })).toBe('/srv/frontline');
  });

  it('falls back to the OS data directory', () => {
    const dir = resolveDataDir({}, {});
    expect(dir).toMatch(/frontline$/);
    expect(dir).not.toBe(resolve('frontline'));
  });
});
