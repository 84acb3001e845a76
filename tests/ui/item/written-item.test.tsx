import { afterEach, describe, expect, it } from 'vitest';
import type { WrittenItem } from '../../../src/core/bank/types.js';
import { ItemScreen } from '../../../src/ui/item/item-screen.js';
import { layoutPreview } from '../../../src/ui/preview/preview-lines.js';
import { renderScreen, type Screen } from '../helpers/ink-screen.js';
import { loadUiTour } from '../helpers/fixture-bank.js';

const item: WrittenItem = {
  id: 'w-1',
  type: 'written',
  competency: 'listening',
  stem: 'Write your next message to Sam.',
  channel: 'chat',
  words: { min: 20, max: 60 },
  modelAnswer: 'Sam, I am sorry.\n\nYour refund went out today.',
  rubric: [{ id: 'ack', criterion: 'Acknowledges \u001b[31mSam', competency: 'listening', levels: [{ points: 0, descriptor: 'Ignores it' }, { points: 2, descriptor: 'Names it' }] }],
};

let screen: Screen | undefined;
afterEach(() => screen?.unmount());

describe('a written item in take, before the editor exists', () => {
  it('shows what is asked and says it cannot be written here; only Enter and n go on, other keys do nothing', async () => {
    const calls: string[] = [];
    const answers: unknown[] = [];
    screen = renderScreen(
      <ItemScreen
        item={item}
        entry={{ itemId: item.id }}
        caseStudy={undefined}
        index={0}
        total={3}
        answeredCount={0}
        response={null}
        answered={false}
        flagged={false}
        locked={false}
        timedOut={false}
        warning={undefined}
        late={false}
        testRemainingMs={60_000}
        itemRemainingMs={undefined}
        canGoBack
        canFlag
        isLast={false}
        now={() => 0}
        onAnswer={(update) => answers.push(update(null))}
        onNext={() => calls.push('next')}
        onPrevious={() => calls.push('previous')}
        onFlag={() => calls.push('flag')}
        onReview={() => calls.push('review')}
        onSubmit={() => calls.push('submit')}
        onHelp={() => calls.push('help')}
        onQuit={() => calls.push('quit')}
      />,
    );
    const frame = (await screen.waitFor('Write your next message to Sam.')).replace(/\s+/g, ' ');
    expect(frame).toContain('Write a chat message of at least 20 and at most 60 words.');
    expect(frame).toContain('Writing replies is not available in this version of take: this item stays unanswered and scores 0.');
    screen.press('1');
    screen.press(' ');
    screen.press('enter');
    for (let waited = 0; calls.length === 0 && waited < 3000; waited += 5) await new Promise((resolve) => setTimeout(resolve, 5));
    expect(calls).toEqual(['next']);
    expect(answers).toEqual([]);
  });
});

describe('a written item in preview', () => {
  it('shows the reply\'s shape; with --answers the rubric and the model answer, sanitised', () => {
    const { bank } = loadUiTour();
    const text = (answers: boolean) => layoutPreview(bank, [item], { answers, width: 80, plain: true }).map((l) => l.text).join('\n');
    expect(text(false)).toContain('Write a chat message of at least 20 and at most 60 words.');
    expect(text(false)).not.toContain('rubric');
    const withAnswers = text(true);
    expect(withAnswers).toContain('Marked by a trainer against this rubric:');
    expect(withAnswers).toContain(' - Acknowledges Sam (listening)');
    expect(withAnswers).toContain('     2: Names it');
    expect(withAnswers).toContain('Model answer:\n  Sam, I am sorry.\n\n  Your refund went out today.');
    expect(withAnswers).not.toContain('\u001b');
  });
});
