import { afterEach, describe, expect, it } from 'vitest';
import type { Result } from '../../../src/core/attempt/types.js';
import type { FeedbackPolicy } from '../../../src/core/bank/types.js';
import { ResultsScreen } from '../../../src/ui/results/results-screen.js';
import { loadUiTour } from '../helpers/fixture-bank.js';
import { renderScreen, type Screen } from '../helpers/ink-screen.js';

const { bank } = loadUiTour();
let screen: Screen | undefined;
afterEach(() => screen?.unmount());

// A failed attempt as scoring would report it: below the pass mark and below one floor.
const failed: Result = {
  percent: 55.5,
  passMark: 70,
  passed: false,
  failReasons: [
    { kind: 'below-pass-mark', percent: 55.5, passMark: 70 },
    { kind: 'below-floor', competency: 'resolution', percent: 40, floor: 60 },
  ],
  competencies: [
    { id: 'listening', title: 'Listening', percent: 71, floor: 50, weight: 1, met: true, earned: 2.84, available: 4, items: 3 },
    { id: 'resolution', title: 'Resolution', percent: 40, floor: 60, weight: 1, met: false, earned: 1.2, available: 3, items: 3 },
  ],
  items: [
    { itemId: 'q-tf', competency: 'listening', score: 0, earned: { listening: 0 }, available: { listening: 1 }, correct: false, answered: true, redFlags: [] },
  ],
  gaps: [{ competency: 'resolution', title: 'Resolution', percent: 40, floor: 60, modules: [{ id: 'RES-201', title: 'Resolving on first contact', durationMinutes: 45 }] }],
};

function mount(feedback: FeedbackPolicy, result: Result = failed, size?: { columns: number; rows: number }) {
  let closed = 0;
  screen = renderScreen(
    <ResultsScreen
      bank={bank}
      result={result}
      feedback={feedback}
      form={[{ itemId: 'q-tf' }]}
      answers={[{ itemId: 'q-tf', response: { type: 'true-false', value: false }, timeSpentMs: 1000, flagged: false }]}
      endedBy="time-expired"
      savedTo="/tmp/x/attempts/a1.json"
      onClose={() => (closed += 1)}
    />,
    size,
  );
  return { screen, closed: () => closed };
}

describe('results screen', () => {
  it('lists under "To close the gaps" only skills below their minimum; one that met it but is under the pass mark is said apart', async () => {
    const result: Result = {
      ...failed,
      percent: 62,
      failReasons: [{ kind: 'below-pass-mark', percent: 62, passMark: 70 }],
      competencies: [
        { id: 'listening', title: 'Listening', percent: 66.7, floor: 50, weight: 1, met: true, earned: 2, available: 3, items: 3 },
        { id: 'resolution', title: 'Resolution', percent: 58, floor: 0, weight: 1, met: true, earned: 1.7, available: 3, items: 3 },
      ],
      gaps: [
        { competency: 'listening', title: 'Listening', percent: 66.7, floor: 50, modules: [{ id: 'LST-101', title: 'Active listening basics', durationMinutes: 30 }] },
        { competency: 'resolution', title: 'Resolution', percent: 58, floor: 0, modules: [] },
      ],
    };
    const { screen } = mount('competency', result, { columns: 80, rows: 40 });
    const frame = await screen.waitFor('pass mark:');
    expect(frame).not.toContain('To close the gaps');
    expect(frame).toContain('To raise your overall score to the 70% pass mark:');
    expect(frame).toContain('Listening (66.7%, minimum 50%)');
  });

  it('says NOT YET PASSED and why, with a bar per skill against its floor and the modules for the gap', async () => {
    const { screen } = mount('competency');
    const frame = await screen.waitFor('NOT YET PASSED');
    expect(frame).toContain('Time ran out; the test was submitted automatically.');
    expect(frame).toContain('Score 55.5% (pass mark 70%)');
    expect(frame).toContain('Overall score 55.5% is below the pass mark of 70%.');
    expect(frame).toContain('Resolution: 40% is below the minimum of 60% for this skill.');
    expect(frame).toMatch(/Listening\s+\[#+\|?[#.|]+\]\s+71% min\s+50% met/);
    expect(frame).toMatch(/Resolution\s+\[[#.|]+\]\s+40% min\s+60% below minimum/);
    expect(frame).toContain('Resolution (40%, minimum 60%)');
    expect(frame).toContain('Resolving on first contact [RES-201, 45 min]');
    // competency feedback never shows answers
    expect(frame).not.toContain('Question by question');
  });

  it('marks the floor inside the bar with |', async () => {
    const { screen } = mount('competency');
    const frame = await screen.waitFor('By skill');
    const bar = /Resolution\s+\[([#.|]+)\]/.exec(frame)?.[1] ?? '';
    const floorAt = bar.indexOf('|');
    expect(floorAt).toBeGreaterThan(0);
    // 40% is below the 60% floor: every cell right of the floor is empty.
    expect(bar.slice(floorAt + 1)).toMatch(/^\.+$/);
  });

  it('shows only the verdict with feedback none', async () => {
    const { screen } = mount('none');
    const frame = await screen.waitFor('NOT YET PASSED');
    expect(frame).not.toContain('By skill');
    expect(frame).not.toContain('RES-201');
  });

  it('shows each answer, the key and the explanation with feedback full', async () => {
    const { screen } = mount('full');
    await screen.waitFor('NOT YET PASSED');
    const frame = await screen.pressAndWait('pageDown', 'Question by question');
    expect(frame).toContain('[wrong] Repeating the customer');
    expect(frame).toContain('You: False');
    expect(frame).toContain('Best: True');
  });

  describe('with long skill titles', () => {
    const long: Result = {
      ...failed,
      competencies: [
        { ...(failed.competencies[0] as Result['competencies'][number]), title: 'Understanding the customer' },
        { ...(failed.competencies[1] as Result['competencies'][number]), title: 'Resolution and service recovery' },
      ],
    };
    const widest = (frame: string) => Math.max(...frame.split('\n').map((r) => r.length));

    it('shows every title in full beside its bar at 80 columns', async () => {
      const { screen } = mount('competency', long);
      const frame = await screen.waitFor('By skill');
      expect(frame).toMatch(/Understanding the customer\s+\[[#.|]{10,}\]\s+71% min\s+50% met/);
      expect(frame).toMatch(/Resolution and service recovery \[[#.|]{10,}\]\s+40% min\s+60% below minimum/);
      expect(widest(frame)).toBeLessThanOrEqual(80);
    });

    it('puts each title on its own row above its bar at 60 columns', async () => {
      const { screen } = mount('competency', long, { columns: 60, rows: 24 });
      const frame = await screen.waitFor('By skill');
      expect(frame).toMatch(/^Understanding the customer\n {2}\[[#.|]{10,}\]\s+71% min\s+50% met$/m);
      expect(frame).toMatch(/^Resolution and service recovery\n {2}\[[#.|]{10,}\]\s+40% min\s+60% below minimum$/m);
      expect(widest(frame)).toBeLessThanOrEqual(60);
    });
  });

  it('shows a plain bar, without minimum words, for skills that have no minimum', async () => {
    const practice: Result = { ...failed, failReasons: [], gaps: [], competencies: failed.competencies.map((c) => ({ ...c, floor: 0, met: true })) };
    const { screen } = mount('competency', practice);
    const frame = await screen.waitFor('By skill:');
    expect(frame).not.toContain('marks the minimum');
    expect(frame).toMatch(/Listening\s+\[[#.]+\]\s+71%$/m);
    expect(frame).not.toContain('min   0%');
  });

  it('names a skill without a minimum that held the score under the pass mark by its score alone', async () => {
    const practice: Result = {
      ...failed,
      failReasons: [failed.failReasons[0]!],
      competencies: failed.competencies.map((c) => ({ ...c, floor: 0, met: true })),
      gaps: failed.gaps.map((g) => ({ ...g, floor: 0 })),
    };
    const { screen } = mount('competency', practice);
    const frame = await screen.waitFor('To raise your overall score to the 70% pass mark:');
    expect(frame).toContain('Resolution (40%)');
    expect(frame).not.toContain('minimum 0%');
  });

  it('says PASS in words and closes on Enter', async () => {
    const passed: Result = { ...failed, percent: 88, passed: true, failReasons: [], gaps: [], competencies: failed.competencies.map((c) => ({ ...c, met: true, percent: 88 })) };
    const { screen, closed } = mount('competency', passed);
    const frame = await screen.waitFor('PASS');
    expect(frame).toContain('PASS  Score 88%');
    expect(frame).not.toContain('NOT YET');
    screen.press('enter');
    await screen.waitFor(() => closed() === 1);
  });
});

describe('results screen of a sealed attempt (no result on this machine)', () => {
  it('says the answers are submitted and the result comes with the certificate, and shows no score, skill or answer', async () => {
    screen = renderScreen(
      <ResultsScreen
        bank={bank}
        feedback="full"
        form={[{ itemId: 'q-tf' }, { itemId: 'q-tf-2' }]}
        answers={[{ itemId: 'q-tf', response: { type: 'true-false', value: false }, timeSpentMs: 1000, flagged: false }]}
        endedBy="submitted"
        savedTo="/tmp/x/attempts/a1.json"
        onClose={() => undefined}
      />,
    );
    const frame = (await screen.waitFor('answers submitted')).replace(/\s+/g, ' ');
    expect(frame).toContain('Your answers are submitted (1 of 2 answered).');
    expect(frame).toContain('your result comes with it');
    expect(frame).toContain('Send this file to your trainer.');
    expect(frame).not.toMatch(/PASS|Score \d|By skill|Correct answer|[0-9]%/);
  });
});
