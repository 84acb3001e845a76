import { afterEach, describe, expect, it } from 'vitest';
import { useState } from 'react';
import type { Response } from '../../../src/core/attempt-types.js';
import { ItemScreen, type ItemScreenProps } from '../../../src/ui/item/item-screen.js';
import { itemOf, loadUiTour } from '../helpers/fixture-bank.js';
import { renderScreen, type Screen } from '../helpers/ink-screen.js';

const { bank } = loadUiTour();
const noop = () => {};

interface Harness {
  screen: Screen;
  answers: Response[];
  calls: string[];
}

/** Mounts one item with a live response, as the take app would. */
function mount(itemId: string, overrides: Partial<ItemScreenProps> = {}, size?: { columns: number; rows: number }): Harness {
  const item = itemOf(bank, itemId);
  const answers: Response[] = [];
  const calls: string[] = [];
  function Live() {
    const [response, setResponse] = useState<Response | null>(null);
    return (
      <ItemScreen
        item={item}
        entry={{ itemId }}
        caseStudy={bank.cases?.find((c) => c.id === item.case)}
        index={0}
        total={6}
        answeredCount={response ? 1 : 0}
        response={response}
        flagged={false}
        locked={false}
        late={false}
        testRemainingMs={9 * 60_000 + 5_000}
        itemRemainingMs={120_000}
        canGoBack
        canFlag
        isLast={false}
        now={() => Date.parse('2026-11-25T06:00:00Z')}
        onAnswer={(r) => {
          answers.push(r);
          setResponse(r);
        }}
        onNext={() => calls.push('next')}
        onPrevious={() => calls.push('previous')}
        onFlag={() => calls.push('flag')}
        onReview={() => calls.push('review')}
        onSubmit={() => calls.push('submit')}
        onHelp={() => calls.push('help')}
        onQuit={() => calls.push('quit')}
        {...overrides}
      />
    );
  }
  return { screen: renderScreen(<Live />, size), answers, calls };
}

let current: Harness | undefined;
afterEach(() => current?.screen.unmount());

describe('item screen', () => {
  it('shows the question, options, clocks and progress within 80x24, without control sequences', async () => {
    current = mount('q-single');
    const frame = await current.screen.waitFor('What does Sam need most');
    expect(frame).toContain('Question 1 of 6');
    expect(frame).toContain('Test 09:05');
    expect(frame).toContain('Item 02:00');
    expect(frame).toContain('0/6 answered');
    expect(frame).toContain('1. ( ) Certainty about when the money will be back');
    expect(frame).not.toContain('pwned');
    expect(frame).not.toMatch(/\u001B|\u0007/);
    const rows = frame.split('\n');
    expect(rows.length).toBeLessThanOrEqual(24);
    expect(Math.max(...rows.map((r) => r.length))).toBeLessThanOrEqual(80);
    console.log(frame);
  });
});
