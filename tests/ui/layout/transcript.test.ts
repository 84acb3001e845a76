import { describe, expect, it } from 'vitest';
import { line } from '../../../src/ui/layout/line.js';
import { linesToAnnounce } from '../../../src/ui/layout/transcript.js';

describe('what a screen reader hears of a screen', () => {
  const question = [line('Question 1 of 8'), line('Test 10:00 left', { ticks: true }), line('> 1. True'), line('  2. False')];

  it.each([
    ['a screen just shown: all of it, the clock included', undefined, question, ['Question 1 of 8', 'Test 10:00 left', '> 1. True', '  2. False']],
    ['a clock tick: nothing', question, [question[0]!, line('Test 09:59 left', { ticks: true }), question[2]!, question[3]!], []],
    ['the highlight moves: only the row now highlighted', question, [question[0]!, question[1]!, line('  1. True'), line('> 2. False')], ['> 2. False']],
    ['an answer: the rows that changed', question, [line('Question 1 of 8 (answered)'), question[1]!, line('> 1. (chosen) True'), question[3]!], ['Question 1 of 8 (answered)', '> 1. (chosen) True']],
    ['a time warning appears: it is read', question, [...question, line('! Less than 1 minute left.')], ['! Less than 1 minute left.']],
  ])('%s', (_name, before, after, expected) => {
    expect(linesToAnnounce(before, after)).toEqual(expected);
  });
});
