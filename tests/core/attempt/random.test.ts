import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { seededRandom, shuffle } from '../../../src/core/attempt/random.js';

const draw = (seed: string, n: number) => {
  const random = seededRandom(seed);
  return Array.from({ length: n }, () => random());
};

describe('seededRandom', () => {
  it('repeats the same sequence for the same seed, and another for another seed', () => {
    expect(draw('cohort-7', 50)).toEqual(draw('cohort-7', 50));
    expect(draw('cohort-7', 50)).not.toEqual(draw('cohort-8', 50));
  });

  it('treats seeds as text (case, spaces and non-ASCII matter)', () => {
    const firsts = ['a', 'A', ' a', 'é', 'e\u0301'].map((seed) => draw(seed, 1)[0]);
    expect(new Set(firsts).size).toBe(5);
  });

  it('gives numbers in [0, 1) spread evenly over ten bins', () => {
    const values = draw('spread', 20_000);
    expect(values.every((v) => v >= 0 && v < 1)).toBe(true);
    const bins = Array.from({ length: 10 }, () => 0);
    for (const v of values) bins[Math.floor(v * 10)]! += 1;
    // Each bin expects 2,000; a fair generator stays well within ±10 %.
    for (const count of bins) expect(Math.abs(count - 2_000)).toBeLessThan(200);
  });

  it('is sfc32 seeded with the first 16 bytes of SHA-256 of the seed (so any language can rebuild a form)', () => {
    // An independent sfc32 written from the published algorithm, 12 warm-up rounds.
    const digest = createHash('sha256').update('reference', 'utf8').digest();
    const s = [0, 4, 8, 12].map((o) => digest.readUInt32LE(o));
    const next = () => {
      const [a, b, c, d] = s as [number, number, number, number];
      const t = (((a + b) >>> 0) + d) >>> 0;
      s[3] = (d + 1) >>> 0;
      s[0] = (b ^ (b >>> 9)) >>> 0;
      s[1] = (c + (c << 3)) >>> 0;
      const rotated = ((c << 21) | (c >>> 11)) >>> 0;
      s[2] = (rotated + t) >>> 0;
      return t / 2 ** 32;
    };
    for (let i = 0; i < 12; i += 1) next();
    expect(draw('reference', 5)).toEqual(Array.from({ length: 5 }, next));
  });
});

describe('shuffle', () => {
  it('returns a permutation and leaves its input alone', () => {
    const input = Object.freeze(['a', 'b', 'c', 'd', 'e', 'f']);
    const out = shuffle(input, seededRandom('p'));
    expect([...out].sort()).toEqual([...input]);
    expect(input).toEqual(['a', 'b', 'c', 'd', 'e', 'f']);
  });

  it.each([[[]], [['only']]])('handles %j', (items) => {
    expect(shuffle(items, seededRandom('x'))).toEqual(items);
  });

  it('makes every order of three about equally likely (no Fisher–Yates off-by-one bias)', () => {
    const random = seededRandom('uniform');
    const counts = new Map<string, number>();
    for (let i = 0; i < 12_000; i += 1) {
      const key = shuffle(['a', 'b', 'c'], random).join('');
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
    expect(counts.size).toBe(6);
    // 2,000 each expected; the classic bias (j from the whole range) skews some orders by ~50 %.
    for (const count of counts.values()) expect(Math.abs(count - 2_000)).toBeLessThan(200);
  });
});
