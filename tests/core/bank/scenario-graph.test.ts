import { describe, expect, it } from 'vitest';
import { parseBank } from '../../../src/core/bank/parse-bank.js';
import type { Item, ScenarioItem } from '../../../src/core/bank/types.js';
import { scenarioMaxima, scoreScenario } from '../../../src/core/attempt/scoring.js';
import { makeBank, single } from '../../fixtures/bank-builder.js';

/** s0 → s1 → … → s{n-1}, one point a step; `loop` sends the last step back to s0. */
function linear(n: number, loop = false): ScenarioItem {
  const steps = Array.from({ length: n }, (_, i) => ({
    id: `s${i}`,
    customer: `Line ${i}`,
    choices: [{ id: 'go', text: 'Go on', points: { listen: 1 }, ...(i + 1 < n ? { next: `s${i + 1}` } : loop ? { next: 's0' } : {}) }],
  }));
  return { id: 'long', type: 'scenario', competency: 'listen', stem: 'A long call.', start: 's0', steps } as ScenarioItem;
}

const bankText = (item: Item) => JSON.stringify(makeBank({ items: [item, single('l1', 'listen'), single('t1', 'talk')] }));

describe('scenario graphs of any length (issue 17.16)', () => {
  it('validates a 5,000-step linear scenario without running out of stack', () => {
    const result = parseBank(bankText(linear(5000)), 'long.yaml');
    expect(result.ok ? [] : result.errors).toEqual([]);
  });

  it('finds the one loop in a 5,000-step scenario', () => {
    const result = parseBank(bankText(linear(5000, true)), 'loop.yaml');
    expect(result.ok).toBe(false);
    const codes = result.ok ? [] : result.errors.map((e) => e.code);
    expect(codes).toEqual(['scenario-loop']);
  });

  it('scores a 5,000-step scenario: the best path is every step', () => {
    const item = linear(5000);
    expect(scenarioMaxima(item)).toEqual({ listen: 5000 });
    const path = item.steps.slice(0, 2500).map((s) => ({ step: s.id, choice: 'go', at: '2026-01-01T00:00:00Z' }));
    expect(scoreScenario(item, { type: 'scenario', path }).score).toBeCloseTo(0.5);
  });
});
