import type { WrittenItem } from '../bank/types.js';
import { countWords } from '../text/count-words.js';
import { sanitizeText } from '../text/sanitize.js';

/**
 * Longest written reply kept, in UTF-16 code units (a 5,000-word email is
 * about 30,000 characters of which few replies use a tenth). A paste of
 * megabytes must not reach the journal, the record or a marker's screen.
 */
export const MAX_WRITTEN_CHARS = 20_000;

/** A written reply counts as answered only when it holds more than white space. */
export function hasWrittenText(text: string): boolean {
  return /\S/u.test(text);
}

export type WrittenTextProblem =
  | { kind: 'too-long'; chars: number; max: number }
  | { kind: 'too-few-words'; words: number; min: number }
  | { kind: 'too-many-words'; words: number; max: number };

/**
 * What is wrong with a reply before it is kept. `too-long` refuses it (the
 * text is not recorded); the word limits only inform the candidate and the
 * marker, as in a real inbox where a reply over length still gets sent.
 */
export function writtenTextProblems(item: Pick<WrittenItem, 'words'>, text: string): WrittenTextProblem[] {
  if (text.length > MAX_WRITTEN_CHARS) return [{ kind: 'too-long', chars: text.length, max: MAX_WRITTEN_CHARS }];
  const words = countWords(text);
  const problems: WrittenTextProblem[] = [];
  if (item.words?.min !== undefined && words < item.words.min) problems.push({ kind: 'too-few-words', words, min: item.words.min });
  if (item.words?.max !== undefined && words > item.words.max) problems.push({ kind: 'too-many-words', words, max: item.words.max });
  return problems;
}

/** One line for a problem, as the editor and `issue` show it. */
export function describeWrittenProblem(problem: WrittenTextProblem): string {
  switch (problem.kind) {
    case 'too-long':
      return `the reply is ${problem.chars.toLocaleString('en')} characters; at most ${problem.max.toLocaleString('en')} can be kept`;
    case 'too-few-words':
      return `the reply has ${problem.words} ${problem.words === 1 ? 'word' : 'words'}; at least ${problem.min} expected`;
    case 'too-many-words':
      return `the reply has ${problem.words} words; at most ${problem.max} expected`;
    default: {
      const never: never = problem;
      throw new Error(`unexpected written problem ${JSON.stringify(never)}`);
    }
  }
}

/**
 * A written reply made safe to draw: a candidate's text can hold anything a
 * paste brings (escape sequences, bidi overrides), and it is shown to
 * markers, reviewers and in previews.
 */
export function writtenForDisplay(text: string): string {
  return sanitizeText(text.length > MAX_WRITTEN_CHARS ? text.slice(0, MAX_WRITTEN_CHARS) : text);
}
