import { afterEach, describe, expect, it } from 'vitest';
import { useState } from 'react';
import type { Response } from '../../../src/core/attempt/types.js';
import { ItemScreen, type ItemScreenProps } from '../../../src/ui/item/item-screen.js';
import { itemOf, loadUiTour } from '../helpers/fixture-bank.js';
import { renderScreen, type Screen } from '../helpers/ink-screen.js';

const { bank } = loadUiTour();

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
        answered={response !== null}
        flagged={false}
        locked={false}
        timedOut={false}
        warning={undefined}
        late={false}
        testRemainingMs={9 * 60_000 + 5_000}
        itemRemainingMs={120_000}
        canGoBack
        canFlag
        isLast={false}
        now={() => Date.parse('2026-11-25T06:00:00Z')}
        onAnswer={(update) => {
          setResponse((current) => {
            const next = update(current);
            if (!next) return current;
            answers.push(next);
            return next;
          });
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
    expect(frame).not.toContain('\u001B');
    expect(frame).not.toContain('\u0007');
    const rows = frame.split('\n');
    expect(rows.length).toBeLessThanOrEqual(24);
    expect(Math.max(...rows.map((r) => r.length))).toBeLessThanOrEqual(80);
  });

  it('chooses by number, moves with j/k and arrows, and Enter chooses the highlighted option and goes on', async () => {
    current = mount('q-single');
    const { screen, answers, calls } = current;
    await screen.pressAndWait('2', '(*) An apology from a manager');
    expect(answers.at(-1)).toEqual({ type: 'single', choice: 'b' });
    await screen.pressAndWait('j', '> 3. ( ) A discount');
    await screen.pressAndWait('up', '> 2. (*) An apology');
    await screen.pressAndWait('k', '> 1. ( ) Certainty');
    screen.press('enter');
    await screen.waitFor('(*) Certainty');
    expect(answers.at(-1)).toEqual({ type: 'single', choice: 'a' });
    expect(calls).toEqual(['next']);
  });

  it('scrolls a long case with PgDn/PgUp and opens it full screen with c', async () => {
    current = mount('q-single');
    const { screen } = current;
    await screen.waitFor('more lines below');
    const down = await screen.pressAndWait('pageDown', 'more lines above');
    expect(down).toContain('after 5pm');
    await screen.pressAndWait('pageUp', (f) => !f.includes('more lines above'));
    const reader = await screen.pressAndWait('c', 'back to the question');
    expect(reader).not.toContain('What does Sam need most');
    await screen.pressAndWait('escape', 'What does Sam need most');
  });

  it('collapses the case to one line on a short terminal, keeping the options', async () => {
    current = mount('q-single', {}, { columns: 80, rows: 14 });
    const frame = await current.screen.waitFor('press c to read it');
    expect(frame).toContain('3. ( ) A discount on the next order');
    expect(frame.split('\n').length).toBeLessThanOrEqual(14);
  });

  it('refits on resize', async () => {
    current = mount('q-single');
    const { screen } = current;
    await screen.waitFor('Case: A long chat');
    screen.resize(60, 12);
    const frame = await screen.waitFor(/press c\s+to\s+read/);
    expect(Math.max(...frame.split('\n').map((r) => r.length))).toBeLessThanOrEqual(60);
    // Terminals re-wrap the old frame when the width changes; only a full clear leaves no stale rows (seen in tmux).
    expect(screen.written()).toContain('\u001B[2J');
  });

  it('ticks several answers with space and digits (multiple response)', async () => {
    current = mount('q-multiple');
    const { screen, answers, calls } = current;
    await screen.waitFor('Choose all that apply.');
    await screen.pressAndWait('space', '[x] Asking whether');
    await screen.pressAndWait('2', '[x] Summarising');
    await screen.pressAndWait('1', '[ ] Asking whether');
    expect(answers.at(-1)).toEqual({ type: 'multiple', choices: ['b'] });
    screen.press('enter');
    await screen.waitFor(() => calls.includes('next'));
  });

  it('answers true/false with 1 and 2', async () => {
    current = mount('q-tf');
    await current.screen.pressAndWait('2', '(*) False');
    expect(current.answers.at(-1)).toEqual({ type: 'true-false', value: false });
  });

  it('reorders with u/d and shift+arrows, and Enter confirms the order as shown', async () => {
    current = mount('q-order');
    const { screen, answers, calls } = current;
    await screen.waitFor('Put these in order');
    await screen.pressAndWait('d', '> 2. Listen to the whole complaint');
    expect(answers.at(-1)).toEqual({ type: 'ordering', order: ['apologise', 'listen', 'fix', 'confirm'] });
    await screen.pressAndWait('shiftUp', '> 1. Listen to the whole complaint');
    expect(answers.at(-1)).toEqual({ type: 'ordering', order: ['listen', 'apologise', 'fix', 'confirm'] });
    screen.press('enter');
    await screen.waitFor(() => calls.includes('next'));
  });

  it.each(['enter', 'space'] as const)('leaves an ordering item never moved unanswered on %s (its start order earns nothing)', async (key) => {
    current = mount('q-order');
    const { screen, answers, calls } = current;
    await screen.waitFor('Put these in order');
    screen.press(key);
    if (key === 'enter') await screen.waitFor(() => calls.includes('next'));
    else await screen.waitFor('Put these in order');
    expect(answers).toEqual([]);
  });

  it('says how many responses are still unrated in the title, and "answered" once all are', async () => {
    current = mount('q-rating');
    const { screen } = current;
    await screen.waitFor('Rate each from 1 to 5');
    const partly = await screen.pressAndWait('5', "let's fix it now. (rated 5)");
    expect(partly).toMatch(/Question 1 of 6 \(1 not rated\)/);
    expect(partly).not.toContain('(answered)');
    const whole = await screen.pressAndWait('2', "I can't do anything. (rated 2)");
    expect(whole).toMatch(/Question 1 of 6 \(answered\)/);
  });

  it('comes back to a partly rated list on the first unrated response', async () => {
    current = mount('q-rating', { response: { type: 'rating', ratings: { calm: 5 } }, answered: true });
    const { screen, answers } = current;
    const frame = await screen.waitFor('(not rated)');
    expect(frame).toMatch(/^> It's our policy/m);
    screen.press('2');
    await screen.waitFor(() => answers.length > 0);
    expect(answers.at(-1)).toEqual({ type: 'rating', ratings: { policy: 2 } });
  });

  it('rates with digits and left/right; p/n page instead of the arrows', async () => {
    current = mount('q-rating');
    const { screen, answers, calls } = current;
    await screen.waitFor('Rate each from 1 to 5 (1 = not effective, 5 = very effective).');
    await screen.pressAndWait('5', "let's fix it now. (rated 5)");
    await screen.pressAndWait('right', "I can't do anything. (rated 3)");
    await screen.pressAndWait('left', "I can't do anything. (rated 2)");
    expect(answers.at(-1)).toEqual({ type: 'rating', ratings: { calm: 5, policy: 2 } });
    expect(calls).toEqual([]);
    screen.press('n');
    await screen.waitFor(() => calls.includes('next'));
  });

  it('plays a scenario as a conversation: the next line depends on the choice', async () => {
    current = mount('q-scenario');
    const { screen, answers, calls } = current;
    const first = await screen.waitFor("Customer: My parcel was due yesterday and it still hasn't come.");
    expect(first).toContain('up/down 1-2 pick  Enter say it  p back  n next');
    // A digit only picks the reply; Enter says it.
    await screen.pressAndWait('2', '> 2. ( ) Parcels are handled by the courier');
    await screen.pressAndWait('1', '> 1. ( ) I\'m sorry it\'s late');
    expect(answers).toEqual([]);
    const second = await screen.pressAndWait('enter', 'Customer: Thanks. I need it by Friday.');
    expect(second).toContain("You: I'm sorry it's late; let me find out where it is.");
    await screen.pressAndWait('down', '> 2. ( ) It should come soon.');
    const end = await screen.pressAndWait('enter', 'Outcome: The customer asked for a manager.');
    expect(end).toContain('The conversation is over');
    expect(end).toContain('Enter/n next');
    expect(end).not.toContain('say it');
    const last = answers.at(-1);
    expect(last?.type === 'scenario' && last.path.map((m) => [m.step, m.choice])).toEqual([
      ['s1', 'empathise'],
      ['s2', 'vague'],
    ]);
    expect(calls).toEqual([]);
    screen.press('enter');
    await screen.waitFor(() => calls.includes('next'));
  });

  it('keeps the latest turn and the replies of a long conversation in view, the outcome once it is over, and PgUp shows the start', async () => {
    current = mount('q-scenario', {}, { columns: 60, rows: 12 });
    const { screen } = current;
    await screen.waitFor('What do you say?');
    await screen.pressAndWait('enter', 'Customer: Thanks. I need it by Friday.');
    const second = await screen.waitFor('> 1. ( ) I\'ll arrange priority');
    expect(second).toContain('more lines above (PgUp/PgDn)');
    expect(second).toContain('2. ( ) It should come soon.');
    await screen.pressAndWait('down', '> 2. ( ) It should come soon.');
    const end = await screen.pressAndWait('enter', 'Outcome: The customer asked for a manager.');
    expect(end).toContain('The conversation is over');
    const top = await screen.pressAndWait('pageUp', 'Customer: My parcel was due yesterday');
    expect(top).not.toContain('Outcome:');
    await screen.pressAndWait('pageDown', 'Outcome: The customer asked for a manager.');
    for (const frame of [second, end, top]) expect(frame.split('\n').length).toBeLessThanOrEqual(12);
  });

  it.each([
    ['q-single', {}, '1-3 choose  Enter choose & next  p back  n next  f flag  r review  c case  ? help'],
    ['q-tf', {}, '1-2 choose  Enter choose & next  p back  n next  f flag  r review  ? help'],
    ['q-multiple', {}, 'space/1-3 tick  p back  Enter/n next  f flag  r review  ? help'],
    ['q-order', {}, 'up/down pick  u/d move it  Enter confirm & next  p back  n next  f flag  r review'],
    ['q-rating', {}, 'up/down pick  1-5 rate & go down  left/right change  p back  Enter/n next  f flag  r review  ? help'],
    ['q-scenario', {}, 'up/down 1-2 pick  Enter say it  p back  n next  f flag  r review  ? help'],
    ['q-single', { locked: true, timedOut: true }, 'p back  Enter/n next  f flag  r review  c case  ? help'],
    ['q-scenario', { locked: true, timedOut: true }, 'p back  Enter/n next  f flag  r review  ? help'],
  ] as const)('names the keys that work on %s %o, and only those', async (itemId, overrides, keyLine) => {
    current = mount(itemId, overrides);
    const frame = await current.screen.waitFor('help');
    // The hints wrap at 80 columns; as one line, two spaces part them.
    expect(frame.replace(/\n/g, '  ')).toContain(keyLine);
  });

  it('goes on with Enter from a conversation whose time ran out mid-way', async () => {
    current = mount('q-scenario', { locked: true, timedOut: true });
    const { screen, answers, calls } = current;
    await screen.waitFor('What do you say?');
    screen.press('enter');
    await screen.waitFor(() => calls.includes('next'));
    expect(answers).toEqual([]);
  });

  it('ends a conversation on a reply that leads nowhere: the reply, then that it is over', async () => {
    const base = itemOf(bank, 'q-scenario');
    if (base.type !== 'scenario') throw new Error('fixture');
    // A choice without `next` ends the conversation there.
    const item = { ...base, steps: base.steps.map((s) => (s.id === 's1' ? { ...s, choices: [{ id: 'hang-up', text: 'Please call the courier.' }] } : s)) };
    current = mount('q-scenario', { item });
    const { screen, calls } = current;
    await screen.waitFor('What do you say?');
    const end = await screen.pressAndWait('enter', 'The conversation is over');
    expect(end).toContain('You: Please call the courier.');
    expect(end).not.toContain('What do you say?');
    screen.press('enter');
    await screen.waitFor(() => calls.includes('next'));
  });

  it('never shows more time for the question than is left on the test', async () => {
    current = mount('q-single', { testRemainingMs: 29_000, itemRemainingMs: 179_000 });
    const frame = await current.screen.waitFor('Test 00:29');
    expect(frame).toContain('Item 00:29');
    expect(frame).not.toContain('02:59');
  });

  it.each(['q-single', 'q-scenario', 'q-rating'])('at the least size (40x12) always shows the title, the question\'s first line and the highlighted option of %s', async (itemId) => {
    const base = itemOf(bank, itemId);
    const stem = `${base.stem} Read this carefully: the customer has written to us three times this week about the same refund and is upset.`;
    current = mount(itemId, { item: { ...base, stem } as typeof base }, { columns: 40, rows: 12 });
    const { screen } = current;
    const first = stem.split(' ').slice(0, 3).join(' ');
    const fits = (frame: string) => frame.split('\n').length <= 11 && frame.startsWith('Question 1 of 6') && frame.includes(first);
    let frame = await screen.waitFor((f) => fits(f) && /^> /m.test(f));
    for (let i = 0; i < 1; i += 1) {
      const before = frame;
      screen.press('down');
      frame = await screen.waitFor((f) => f !== before);
      expect(fits(frame), frame).toBe(true);
      expect(frame).toMatch(/^> /m);
    }
  });

  it('takes no answer once the item is locked, and says so in words', async () => {
    current = mount('q-single', { locked: true, timedOut: true, itemRemainingMs: 0 });
    const { screen, answers, calls } = current;
    const frame = await screen.waitFor('its answer is locked');
    expect(frame).toContain('(locked)');
    expect(frame.replace(/\s+/g, ' ')).toContain('Enter or n: next question');
    screen.press('1');
    screen.press('n');
    await screen.waitFor(() => calls.includes('next'));
    expect(answers).toEqual([]);
  });

  it('warns in words at 5 and at 1 minute left', async () => {
    current = mount('q-tf', { testRemainingMs: 4 * 60_000, warning: '5-minutes' });
    expect(await current.screen.waitFor('!')).toContain('Less than 5 minutes left');
    current.screen.unmount();
    current = mount('q-tf', { testRemainingMs: 59_000, warning: '1-minute' });
    expect(await current.screen.waitFor('!')).toContain('Less than 1 minute left');
  });

  it('passes flag, review, help, submit and quit keys to the test', async () => {
    current = mount('q-tf', { flagged: true });
    const { screen, calls } = current;
    await screen.waitFor('(flagged)');
    for (const key of ['f', 'r', '?', 's', 'p', 'ctrlC'] as const) screen.press(key);
    await screen.waitFor(() => calls.length === 6);
    expect(calls).toEqual(['flag', 'review', 'help', 'submit', 'previous', 'quit']);
  });

  it('ignores back when the policy forbids it', async () => {
    current = mount('q-tf', { canGoBack: false });
    const { screen, calls } = current;
    const frame = await screen.waitFor('True');
    expect(frame).not.toContain('p back');
    screen.press('p');
    screen.press('left');
    screen.press('n');
    await screen.waitFor(() => calls.length > 0);
    expect(calls).toEqual(['next']);
  });
});

describe('item screen for screen readers', () => {
  const previous = process.env['INK_SCREEN_READER'];
  afterEach(() => {
    if (previous === undefined) delete process.env['INK_SCREEN_READER'];
    else process.env['INK_SCREEN_READER'] = previous;
  });

  it('prints the whole case, then the question, with marks as words and no bars', async () => {
    // Ink reads the variable when an app mounts.
    process.env['INK_SCREEN_READER'] = 'true';
    current = mount('q-single');
    const { screen } = current;
    const frame = await screen.waitFor('What does Sam need most');
    expect(frame).toContain('0/6 answered');
    expect(frame).not.toContain('[....');
    expect(frame).toContain('after 5pm today');
    expect(frame).not.toContain('more lines');
    expect(frame.indexOf('Case: A long chat')).toBeLessThan(frame.indexOf('What does Sam need most'));
    const chosen = await screen.pressAndWait('1', '(chosen) Certainty');
    expect(chosen).not.toContain('(*)');
  });
});

describe('keys that arrive together', () => {
  it('are taken one at a time: "53" rates two responses', async () => {
    current = mount('q-rating');
    const { screen, answers } = current;
    await screen.waitFor('Rate each from');
    screen.press('53');
    await screen.waitFor("I can't do anything. (rated 3)");
    expect(answers.at(-1)).toEqual({ type: 'rating', ratings: { calm: 5, policy: 3 } });
  });

  it('a digit then Enter in a conversation says that one reply, not the next step\'s too', async () => {
    current = mount('q-scenario');
    const { screen, answers } = current;
    await screen.waitFor('What do you say?');
    screen.press('1\r');
    const next = await screen.waitFor('Customer: Thanks. I need it by Friday.');
    expect(next).toContain('> 1. ( ) I\'ll arrange priority delivery');
    // Still waiting for the second reply.
    await screen.pressAndWait('down', '> 2. ( ) It should come soon.');
    const last = answers.at(-1);
    expect(last?.type === 'scenario' && last.path.map((m) => m.choice)).toEqual(['empathise']);
  });

  it('"12" ticks two options of a multiple-response item', async () => {
    current = mount('q-multiple');
    const { screen, answers } = current;
    await screen.waitFor('Choose all that apply.');
    screen.press('12');
    await screen.waitFor('[x] Summarising');
    expect(answers.at(-1)).toEqual({ type: 'multiple', choices: ['a', 'b'] });
  });
});
