// Kappa checked against published figures, each copied here exactly as printed:
//
// 1. Fleiss, J. L., Cohen, J. & Everitt, B. S. (1969). Large sample standard
//    errors of kappa and weighted kappa. Psychological Bulletin 72(5), 323-327.
//    Table 1: two raters, 200 subjects, three categories, cell proportions
//    .53 .05 .02 / .11 .14 .05 / .01 .06 .03. The text after Table 2 gives
//    kappa = .429 and its (non-null) variance .002885.
// 2. SAS PROC FREQ, TABLES / AGREE, on the table 0 4 1 / 0 8 0 / 0 1 5 as
//    printed and reproduced in statsmodels' test suite
//    (statsmodels/stats/tests/test_inter_rater.py, "comparison to printout of
//    a SAS example"): simple kappa 0.4842, ASE 0.1380, 95% limits 0.2137 to
//    0.7547, ASE under H0 0.1484, Z 3.2626; weighted kappa with SAS's default
//    Cicchetti-Allison (linear) weights 0.4701, ASE 0.1457, limits 0.1845 to
//    0.7558, ASE under H0 0.1426, Z 3.2971.
// 3. Quadratic ("squared") weights, whose published worked examples we could
//    not find with a printed SE: R irr::kappa2(anxiety[, 2:3], "squared") on
//    irr's `anxiety` data set gives kappa 0.2520325 and z 1.437451 (its z uses
//    the null variance of Fleiss, Cohen & Everitt); the figures are those
//    statsmodels' test suite records from irr (test_cohens_kappa_irr).
//    irr builds the table over the levels present (rater 2 and 3 never give 5).
import { describe, expect, it } from 'vitest';
import { agreementWeight, cohensKappa, markerAgreement, markerSeverity } from '../../../src/core/analytics/agreement.js';
import type { Mark } from '../../../src/core/attempt/marking.js';
import type { Bank } from '../../../src/core/bank/types.js';

const FCE_TABLE_1 = [
  [106, 10, 4],
  [22, 28, 10],
  [2, 12, 6],
];
const SAS_TABLE = [
  [0, 4, 1],
  [0, 8, 0],
  [0, 1, 5],
];

describe('Cohen\'s kappa against published figures', () => {
  it('Fleiss, Cohen & Everitt (1969), Table 1: kappa .429, variance .002885', () => {
    expect(FCE_TABLE_1.flat().map((n) => n / 200)).toEqual([0.53, 0.05, 0.02, 0.11, 0.14, 0.05, 0.01, 0.06, 0.03]);
    const k = cohensKappa(FCE_TABLE_1, 'unweighted')!;
    expect(k.kappa).toBeCloseTo(0.429, 3);
    expect(k.se ** 2).toBeCloseTo(0.002885, 6);
  });

  it.each([
    ['unweighted', 0.4842, 0.138, 0.2137, 0.7547, 0.1484, 3.2626],
    ['linear', 0.4701, 0.1457, 0.1845, 0.7558, 0.1426, 3.2971],
  ] as const)('SAS PROC FREQ AGREE, %s: kappa, ASE, 95%% limits, ASE under H0, Z', (weighting, kappa, ase, low, high, ase0, z) => {
    const k = cohensKappa(SAS_TABLE, weighting)!;
    expect(k.kappa).toBeCloseTo(kappa, 4);
    expect(k.se).toBeCloseTo(ase, 4);
    expect(k.low).toBeCloseTo(low, 4);
    expect(k.high).toBeCloseTo(high, 4);
    expect(k.seNull).toBeCloseTo(ase0, 4);
    expect(k.z).toBeCloseTo(z, 4);
  });

  it('quadratic weights: irr::kappa2(anxiety[, 2:3], "squared") gives 0.2520325, z 1.437451', () => {
    const rater2 = [3, 6, 4, 6, 2, 4, 2, 4, 3, 3, 2, 3, 3, 3, 2, 2, 1, 3, 3, 4];
    const rater3 = [2, 1, 4, 4, 3, 2, 1, 6, 1, 1, 1, 2, 3, 3, 1, 1, 3, 3, 2, 2];
    const levels = [...new Set([...rater2, ...rater3])].sort((a, b) => a - b);
    expect(levels).toEqual([1, 2, 3, 4, 6]);
    const table = levels.map(() => levels.map(() => 0));
    rater2.forEach((r, i) => (table[levels.indexOf(r)]![levels.indexOf(rater3[i]!)]! += 1));
    const k = cohensKappa(table, 'quadratic')!;
    expect(k.kappa).toBeCloseTo(0.2520325, 7);
    expect(k.z).toBeCloseTo(1.437451, 6);
  });
});

describe('cohensKappa', () => {
  it.each([
    ['unweighted', 0, 1, 3, 0],
    ['linear', 0, 1, 3, 0.5],
    ['quadratic', 0, 1, 3, 0.75],
    ['quadratic', 0, 2, 3, 0],
    ['quadratic', 2, 2, 4, 1],
  ] as const)('%s weight of categories %i and %i of %i is %d', (weighting, i, j, k, expected) => {
    expect(agreementWeight(weighting, i, j, k)).toBeCloseTo(expected, 12);
  });

  it('is 1 with a 0 standard error when the raters always agree', () => {
    const k = cohensKappa([[5, 0], [0, 7]])!;
    expect(k.kappa).toBeCloseTo(1, 12);
    expect(k.se).toBeCloseTo(0, 12);
  });

  it.each([
    ['an empty table', [[0, 0], [0, 0]]],
    ['one category used by both (chance agreement is already perfect)', [[9, 0], [0, 0]]],
    ['a table that is not square', [[1, 2], [3]]],
    ['a single category', [[4]]],
  ])('is undefined for %s', (_, table) => {
    expect(cohensKappa(table as number[][])).toBeUndefined();
  });
});

const bank = {
  items: [
    {
      id: 'w1',
      type: 'written',
      competency: 'tone',
      stem: 'Reply.',
      channel: 'chat',
      rubric: [
        { id: 'ack', criterion: 'Acknowledges', competency: 'tone', levels: [0, 1, 2].map((points) => ({ points, descriptor: `level ${points}` })) },
      ],
    },
  ],
} as unknown as Bank;

const mark = (attempt: string, marker: string, role: Mark['role'], ack: number, at = '2026-12-01T10:00:00.000Z'): Mark => ({ attempt, item: 'w1', levels: { ack }, marker, role, at });

describe('markerAgreement', () => {
  it('tables first against second marks per criterion over its levels, the latest mark per role counting', () => {
    const marks = [
      mark('a1', 'ann', 'first', 2),
      mark('a1', 'bob', 'second', 2),
      mark('a2', 'ann', 'first', 0),
      mark('a2', 'bob', 'second', 1, '2026-12-01T09:00:00.000Z'),
      mark('a2', 'bob', 'second', 0, '2026-12-01T11:00:00.000Z'),
      mark('a3', 'ann', 'first', 1),
      mark('a3', 'bob', 'second', 2),
      mark('a4', 'ann', 'first', 1),
    ];
    const [agreement] = markerAgreement(bank, marks);
    expect(agreement).toMatchObject({ item: 'w1', criterion: 'ack', pairs: 3 });
    expect(agreement!.kappa!.kappa).toBeCloseTo(cohensKappa([[1, 0, 0], [0, 0, 1], [0, 0, 1]], 'quadratic')!.kappa, 12);
  });
});

describe('markerSeverity', () => {
  it('is each marker\'s mean points above or below the others on the same replies, harshest first', () => {
    const marks = [
      mark('a1', 'ann', 'first', 2),
      mark('a1', 'bob', 'second', 0),
      mark('a2', 'ann', 'first', 1),
      mark('a2', 'bob', 'second', 1),
      mark('a2', 'cy', 'third', 2),
      mark('a3', 'cy', 'first', 2),
    ];
    expect(markerSeverity(marks)).toMatchObject([
      { marker: 'bob', responses: 2, meanDeviation: (-2 + (1 - 1.5)) / 2, verdict: 'too few' },
      { marker: 'ann', responses: 2, meanDeviation: (2 + (1 - 1.5)) / 2, verdict: 'too few' },
      { marker: 'cy', responses: 1, meanDeviation: 1, verdict: 'too few' },
    ]);
    // bob's differences -2 and -0.5: SD 1.0607, t(0.975, 1) = 12.7062.
    const bob = markerSeverity(marks)[0]!;
    expect(bob.sd).toBeCloseTo(Math.sqrt(1.125), 12);
    expect(bob.low).toBeCloseTo(-1.25 - 12.7062047 * (Math.sqrt(1.125) / Math.sqrt(2)), 5);
  });
});
