import { parse, type GIFTQuestion, type MultipleChoice, type TextFormat, type TrueFalse } from 'gift-pegjs';
import { assertNever, type Bank, type Competency, type Item, type MultipleResponseItem, type Option, type SingleChoiceItem, type TrueFalseItem } from '../bank/types.js';
import { plainText } from './plain-text.js';
import { splitGiftQuestions } from './split-questions.js';

export interface GiftImportOptions {
  bankId: string;
  title: string;
  /** Competency for questions before any `$CATEGORY`. */
  competency: string;
  /** @default '1.0.0' */
  version?: string;
  /** Called after each question block, for a progress line on long files. */
  onProgress?: (done: number, total: number) => void;
}

/** Something the trainer must know: a question left out, or converted with a change of meaning. */
export interface GiftFinding {
  line: number;
  /** The item it became, for `changed`. */
  itemId?: string;
  kind: 'skipped' | 'changed';
  message: string;
}

export interface GiftImport {
  /** Undefined when no question could be converted. */
  bank: Bank | undefined;
  findings: GiftFinding[];
  /** Questions seen (categories and comments not counted). */
  questions: number;
}

type Converted = { item: Item; notes: string[] } | { skip: string };

/** The bank schema's maximum for policy.timeLimitMinutes (a day). */
const MAX_TIME_LIMIT_MINUTES = 1440;

/** Credit above which an answer counts as fully right: Moodle writes 33.33333% thirds. */
const FULL = 99.5;

/**
 * Converts a GIFT file (Moodle's question text format) to a frontline bank.
 * Multiple choice (one right answer, or weighted answers), true/false, answer
 * feedback and general feedback convert; every other kind of question is
 * listed with its line instead, never dropped silently.
 */
export function giftToBank(source: string, options: GiftImportOptions): GiftImport {
  const findings: GiftFinding[] = [];
  const items: Item[] = [];
  const competencies = new Map<string, Competency>();
  const ids = new Set<string>();
  let competency = options.competency;
  let questions = 0;

  const blocks = splitGiftQuestions(source);
  for (const [done, block] of blocks.entries()) {
    options.onProgress?.(done, blocks.length);
    if (block.commentOnly) continue;
    let parsed: GIFTQuestion[];
    try {
      parsed = parse(`${block.text}\n`);
    } catch (error) {
      questions++;
      const location = (error as { location?: { start?: { line?: number } } }).location;
      // An error at the end of input points one line past the block: keep it on the question's last line.
      const lastLine = block.line + block.text.split('\n').length - 1;
      const line = Math.min(lastLine, block.line + (location?.start?.line ?? 1) - 1);
      findings.push({ line, kind: 'skipped', message: `not valid GIFT: ${(error as Error).message}${escapeHint((error as Error).message)}` });
      continue;
    }
    for (const question of parsed) {
      if (question.type === 'Category') {
        competency = categoryCompetency(question.title, competencies);
        continue;
      }
      questions++;
      const converted = convert(question);
      if ('skip' in converted) {
        findings.push({ line: block.questionLine, kind: 'skipped', message: converted.skip });
        continue;
      }
      const wanted = itemIdFor(question, block.questionLine);
      const item = { ...converted.item, id: uniqueId(wanted, ids), competency };
      if (!competencies.has(competency)) competencies.set(competency, { id: competency, title: titleFromId(competency) });
      items.push(item);
      if (item.id !== wanted) converted.notes.push(`another question already has the id "${wanted}": this one is "${item.id}"`);
      for (const note of converted.notes) findings.push({ line: block.questionLine, itemId: item.id, kind: 'changed', message: note });
    }
  }

  findings.sort((a, b) => a.line - b.line);
  if (items.length === 0) return { bank: undefined, findings, questions };
  const used = new Set(items.map((i) => i.competency));
  const bank: Bank = {
    id: options.bankId,
    version: options.version ?? '1.0.0',
    title: options.title,
    competencies: [...competencies.values()].filter((c) => used.has(c.id)),
    // Moodle quizzes carry their timing and pass mark outside GIFT: a starting point the trainer reviews.
    // A minute and a half a question, within the schema's day: a large import is a pool to draw from, not one sitting.
    policy: { timeLimitMinutes: Math.min(MAX_TIME_LIMIT_MINUTES, Math.max(10, Math.ceil(items.length * 1.5))), passMark: 70, feedback: 'full' },
    items,
  };
  return { bank, findings, questions };
}

/** GIFT's special characters are escaped with a backslash; a stray one in the text is the usual parse error. */
function escapeHint(message: string): string {
  const found = /but "([=~#{}:])" found/.exec(message);
  return found ? `; if "${found[1]}" is part of the text, write it as \\${found[1]}` : '';
}

function convert(question: Exclude<GIFTQuestion, { type: 'Category' }>): Converted {
  switch (question.type) {
    case 'MC':
      return convertMultipleChoice(question);
    case 'TF':
      return convertTrueFalse(question);
    case 'Description':
      return { skip: 'description (text with no question): frontline has no text-only items; put it in the bank description or a case study' };
    case 'Essay':
      return { skip: 'essay: needs a human to mark it; frontline scores every item itself' };
    case 'Short':
      return {
        skip: question.hasEmbeddedAnswers
          ? 'missing word with typed answers: frontline has no typed answers; rewrite it as multiple choice ({~wrong =right ~wrong})'
          : 'short answer: frontline has no typed answers; rewrite it as multiple choice',
      };
    case 'Numerical':
      return { skip: 'numerical: frontline has no typed answers; rewrite it as multiple choice' };
    case 'Matching':
      return { skip: 'matching: not supported; split it into single-choice items, or use an ordering item' };
    default:
      return assertNever(question, 'GIFT question');
  }
}

interface Stem {
  stem: string;
  explanation?: string;
  notes: string[];
}

function stemOf(question: MultipleChoice | TrueFalse): Stem | { skip: string } {
  const notes: string[] = [];
  const stem = text(question.stem, notes);
  if (stem === '') return { skip: 'no question text' };
  const explanation = question.globalFeedback ? text(question.globalFeedback, notes) : '';
  return { stem, ...(explanation ? { explanation } : {}), notes };
}

function text(format: TextFormat, notes: string[]): string {
  const plain = plainText(format);
  if (plain.hadMarkup && !notes.includes(MARKUP_NOTE)) notes.push(MARKUP_NOTE);
  for (const what of plain.dropped) notes.push(`${what} removed with the HTML: the item no longer shows it; put what it shows into the text`);
  return plain.text;
}

const MARKUP_NOTE = 'HTML formatting removed (frontline shows plain text)';

function convertTrueFalse(question: TrueFalse): Converted {
  const base = stemOf(question);
  if ('skip' in base) return base;
  // GIFT reads text after {T} or {F} as more question: the answer became a blank in the middle.
  if (question.hasEmbeddedAnswers) base.notes.push('text after the {T}/{F} answer kept as part of the question, the answer shown as _____');
  // Moodle's GIFT reader: after {T} or {F}, the first #feedback is for a wrong answer, the second for a right one.
  // gift-pegjs names them by position (trueFeedback = first, falseFeedback = second).
  const wrong = question.trueFeedback ? text(question.trueFeedback, base.notes) : '';
  const right = question.falseFeedback ? text(question.falseFeedback, base.notes) : '';
  const onTrue = question.isTrue ? right : wrong;
  const onFalse = question.isTrue ? wrong : right;
  const item: TrueFalseItem = {
    id: '',
    type: 'true-false',
    competency: '',
    stem: base.stem,
    answer: question.isTrue,
    ...(onTrue || onFalse ? { feedback: { ...(onTrue ? { true: onTrue } : {}), ...(onFalse ? { false: onFalse } : {}) } } : {}),
    ...(base.explanation ? { explanation: base.explanation } : {}),
    ...tagsOf(question),
  };
  return { item, notes: base.notes };
}

function convertMultipleChoice(question: MultipleChoice): Converted {
  const base = stemOf(question);
  if ('skip' in base) return base;
  if (question.hasEmbeddedAnswers) base.notes.push('missing word: the blank is shown as _____ in the question');
  if (question.choices.length < 2) return { skip: 'multiple choice with fewer than two answers' };
  if (question.choices.length > 26) return { skip: 'multiple choice with more than 26 answers' };

  const options: Option[] = [];
  const credits: number[] = [];
  for (const [index, choice] of question.choices.entries()) {
    const optionText = text(choice.text, base.notes);
    if (optionText === '') return { skip: `answer ${index + 1} has no text` };
    const feedback = choice.feedback ? text(choice.feedback, base.notes) : '';
    options.push({ id: String.fromCharCode(97 + index), text: optionText, ...(feedback ? { feedback } : {}) });
    credits.push(choice.weight ?? (choice.isCorrect ? 100 : 0));
  }
  const ids = options.map((o) => o.id);
  const full = ids.filter((_, i) => credits[i]! >= FULL);
  const partial = ids.filter((_, i) => credits[i]! > 0 && credits[i]! < FULL);
  const negative = credits.filter((c) => c < 0);
  const shared = {
    competency: '',
    stem: base.stem,
    options,
    ...(base.explanation ? { explanation: base.explanation } : {}),
    ...tagsOf(question),
  };

  if (full.length > 1) {
    return { skip: `${full.length} answers each fully right (${full.join(', ')}): frontline's single-answer items have exactly one` };
  }
  if (full.length === 1) {
    const notes = [...base.notes];
    if (partial.length > 0) notes.push(`partial credit for ${describe(partial, ids, credits)} dropped: only ${full[0]} scores`);
    if (negative.length > 0) notes.push('negative weights dropped: a wrong single answer scores 0');
    const item: SingleChoiceItem = { id: '', type: 'single', ...shared, answer: full[0]! };
    return { item, notes };
  }
  if (partial.length === 0) return { skip: 'multiple choice with no right answer (no = and no positive %weight)' };
  if (partial.length === 1) {
    return { skip: `the only credited answer (${describe(partial, ids, credits)}) is partly right: frontline needs a fully right one` };
  }
  // Several partly right answers: Moodle's "multiple answers" (checkbox) question.
  const notes = [...base.notes];
  const weights = partial.map((id) => credits[ids.indexOf(id)]!);
  const sum = weights.reduce((a, b) => a + b, 0);
  if (Math.max(...weights) - Math.min(...weights) > 0.5) {
    notes.push(`unequal weights (${describe(partial, ids, credits)}) scored as equal shares`);
  }
  if (Math.abs(sum - 100) > 0.5) notes.push(`right answers add up to ${round(sum)}%, not 100%: a full set now scores 100%`);
  if (negative.length > 0) notes.push('negative weights replaced by frontline partial scoring: each wrong pick takes 1/(wrong options) off');
  const item: MultipleResponseItem = { id: '', type: 'multiple', ...shared, answer: partial, scoring: { mode: 'partial' } };
  return { item, notes };
}

function describe(selected: string[], ids: string[], credits: number[]): string {
  return selected.map((id) => `${id} ${round(credits[ids.indexOf(id)]!)}%`).join(', ');
}

function round(n: number): number {
  return Math.round(n * 100) / 100;
}

function tagsOf(question: { tags?: string[] | null }): { tags?: string[] } {
  const tags = (question.tags ?? []).map((t) => t.trim()).filter((t) => t !== '');
  return tags.length > 0 ? { tags } : {};
}

const ID = /^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/;

/** The `// [id:...]` Moodle exports, else the question's ::title:: as a slug, else its line. */
function itemIdFor(question: { id?: string | null; title: string | null }, line: number): string {
  if (question.id && ID.test(question.id)) return question.id;
  const slug = slugify(question.title ?? '');
  return slug || `q${line}`;
}

function uniqueId(wanted: string, taken: Set<string>): string {
  let id = wanted;
  for (let n = 2; taken.has(id); n++) id = `${wanted.slice(0, 90)}-${n}`;
  taken.add(id);
  return id;
}

export function slugify(value: string): string {
  return value
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60)
    .replace(/-+$/, '');
}

/** `$CATEGORY: $course$/top/Billing disputes` becomes the competency `billing-disputes` ("Billing disputes"). */
function categoryCompetency(path: string, known: Map<string, Competency>): string {
  const segments = path.split('/').map((s) => s.trim()).filter((s) => s !== '' && !/^\$\w+\$$/.test(s) && s !== 'top');
  const title = segments[segments.length - 1] ?? path.trim();
  const id = slugify(title) || `category-${known.size + 1}`;
  if (!known.has(id)) known.set(id, { id, title: title || id });
  return id;
}

function titleFromId(id: string): string {
  const words = id.replace(/[-_.]+/g, ' ').trim();
  return words ? words[0]!.toUpperCase() + words.slice(1) : id;
}
