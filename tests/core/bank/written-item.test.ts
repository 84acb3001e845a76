import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseBank } from '../../../src/core/bank/parse-bank.js';

const small = readFileSync(fileURLToPath(new URL('../../fixtures/banks/small.yaml', import.meta.url)), 'utf8');

// Appended to the fixture's items (last in the file), so its lines are the same in every case.
const WRITTEN = `  - id: w1
    type: written
    competency: ownership
    case: parcel
    stem: Write your next chat message to the customer.
    explanation: Own it, give a date, keep it short.
    channel: chat
    words: { min: 5, max: 40 }
    modelAnswer: I'm sorry it's late. I've checked with the courier and it arrives on Friday.
    rubric:
      - id: ack
        criterion: Acknowledges the delay in the customer's terms
        competency: listening
        levels:
          - { points: 0, descriptor: Ignores the delay }
          - { points: 1, descriptor: Mentions the delay in general words }
          - { points: 2, descriptor: Names the customer's own concern about the parcel }
      - id: own
        criterion: Owns the next step
        competency: ownership
        levels:
          - { points: 0, descriptor: Blames the courier or the customer }
          - { points: 2, descriptor: Says what the agent will do and by when }
`;
const bank = `${small.trimEnd()}\n${WRITTEN}`;

function parse(text: string) {
  return parseBank(text, 'b.yaml');
}

/** The line (1-based) in `bank` of the written item's first line containing `fragment`. */
const lineOf = (fragment: string): number => small.trimEnd().split('\n').length + WRITTEN.split('\n').findIndex((l) => l.includes(fragment)) + 1;

describe('written item: the schema and the checks', () => {
  it('a well-formed written item is valid and lint-clean', () => {
    const result = parse(bank);
    if (!result.ok) throw new Error(result.errors.map((e) => `${e.line}:${e.col} ${e.message}`).join('\n'));
    expect(result.warnings).toEqual([]);
    expect(result.bank.items.at(-1)).toMatchObject({ type: 'written', channel: 'chat', words: { min: 5, max: 40 } });
  });

  it.each([
    ['levels-out-of-order', ['{ points: 1, descriptor: Mentions', '{ points: 3, descriptor: Mentions'], 'level 3 gives 2 points after level 2\'s 3', 'Names the customer'],
    ['duplicate-level', ['{ points: 2, descriptor: Names', '{ points: 1, descriptor: Names'], 'levels 2 and 3 both give 1 points', 'Names the customer'],
    ['unknown-competency', ['        competency: listening\n', '        competency: listenin\n'], 'criterion "ack": competency "listenin" is not defined (did you mean "listening"?)', 'competency: listening'],
    ['duplicate-id', ['      - id: own\n', '      - id: ack\n'], 'criterion id "ack" is used twice', '- id: own'],
    ['bad-word-limits', ['words: { min: 5, max: 40 }', 'words: { min: 50, max: 40 }'], 'words.min (50) is more than words.max (40)', 'words:'],
    ['model-answer-length', ['words: { min: 5, max: 40 }', 'words: { min: 5, max: 10 }'], 'the model answer has 14 words, outside the item\'s limits (5-10 words)', 'modelAnswer:'],
    ['model-answer-length', ['words: { min: 5, max: 40 }', 'words: { min: 20 }'], 'outside the item\'s limits (at least 20 words)', 'modelAnswer:'],
  ])('%s: %s', (code, [from, to], message, lineFragment) => {
    const result = parse(bank.replace(from!, to!));
    expect(result.ok).toBe(false);
    if (result.ok) return;
    const error = result.errors.find((e) => e.code === code);
    expect(error?.message).toContain(message);
    expect(error?.line).toBe(lineOf(lineFragment));
  });

  it.each([
    ['a missing rubric', ['    rubric:\n', '    xrubric:\n'], 'rubric'],
    ['a channel that is not chat or email', ['    channel: chat\n    words', '    channel: phone\n    words'], 'channel'],
    ['negative level points', ['{ points: 0, descriptor: Ignores', '{ points: -1, descriptor: Ignores'], 'points'],
    ['empty word limits', ['words: { min: 5, max: 40 }', 'words: {}'], 'words'],
  ])('the schema refuses %s', (_, [from, to], field) => {
    const result = parse(bank.replace(from!, to!));
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.errors.map((e) => e.message).join('\n')).toContain(field);
  });
});

describe('written item: lint', () => {
  it.each([
    ['single-level-criterion', ['          - { points: 0, descriptor: Blames the courier or the customer }\n', ''], 'criterion "own" has one level', '        levels:\n          - { points: 2, descriptor: Says'],
    ['overlapping-descriptors', ['Mentions the delay in general words', 'Ignores the delay'], 'levels 1 and 2 are the same', 'Ignores the delay }\n          - { points: 1'],
    ['overlapping-descriptors', ['Ignores the delay }\n          - { points: 1, descriptor: Mentions the delay in general words', 'Does not acknowledge the delay the customer raised }\n          - { points: 1, descriptor: Does not fully acknowledge the delay the customer raised'], 'levels 1 and 2 are nearly the same', ''],
    ['competency-without-criterion', ['        competency: ownership\n        levels', '        competency: listening\n        levels'], 'drawn for competency "ownership", but no criterion', 'competency: ownership\n    case: parcel\n    stem: Write'],
  ])('%s', (code, [from, to], message) => {
    const result = parse(bank.replace(from!, to!));
    if (!result.ok) throw new Error(result.errors.map((e) => `${e.line}:${e.col} ${e.message}`).join('\n'));
    const found = result.warnings.filter((w) => w.code === code);
    expect(found).toHaveLength(1);
    expect(found[0]!.message).toContain(message);
  });
});
