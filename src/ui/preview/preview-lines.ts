import type { Bank, Item, Option, ScenarioItem } from '../../core/bank/types.js';
import { sanitizeText } from '../../core/text/sanitize.js';
import { line, type Line } from '../layout/line.js';
import { wrapHanging, wrapText } from '../layout/wrap.js';
import { layoutCase } from '../item/case-panel.js';
import { layoutItemBody } from '../item/item-body.js';
import { layoutRubric, writtenShape } from '../item/written.js';
import { describeCorrectAnswer, quote } from '../results/describe-answer.js';

export interface PreviewOptions {
  answers: boolean;
  width: number;
  plain: boolean;
}

const s = sanitizeText;

/** What each option's feedback says; the option goes in the text, not the indent, since options can be long. */
function optionNotes(options: readonly Option[], width: number): Line[] {
  const out: Line[] = [];
  for (const o of options) {
    if (o.feedback) out.push(...wrapHanging('   - ', `${quote(s(o.text))}: ${s(o.feedback)}`, width).map((t) => line(t, { dim: true })));
    if (o.redFlag) out.push(...wrapHanging('   - CRITICAL if chosen: ', `${quote(s(o.text))}: ${s(o.redFlag)}`, width).map((t) => line(t)));
  }
  return out;
}

/** A scenario as the whole map of steps, since a candidate sees only one path through it. */
function scenarioMap(item: ScenarioItem, answers: boolean, width: number): Line[] {
  const out: Line[] = [line('Every step of this conversation (a candidate sees one path):', { dim: true })];
  for (const step of item.steps) {
    out.push(...wrapHanging(`[${s(step.id)}${step.id === item.start ? ', start' : ''}] Customer: `, s(step.customer), width).map((t) => line(t, { bold: true })));
    (step.choices ?? []).forEach((c, i) => {
      const to = c.next ? ` -> ${s(c.next)}` : ' (ends)';
      const points = answers && c.points ? ` [${Object.entries(c.points).map(([k, v]) => `${s(k)} ${v > 0 ? '+' : ''}${v}`).join(', ')}]` : '';
      out.push(...wrapHanging(`   ${i + 1}. `, `${s(c.text)}${to}${points}`, width).map((t) => line(t)));
      if (answers && c.feedback) out.push(...wrapHanging('      ', s(c.feedback), width).map((t) => line(t, { dim: true })));
      if (answers && c.redFlag) out.push(...wrapHanging('      CRITICAL: ', s(c.redFlag), width).map((t) => line(t)));
    });
    if (step.outcome) out.push(...wrapHanging('   Outcome: ', s(step.outcome), width).map((t) => line(t)));
  }
  return out;
}

/** One item as a candidate would see it on first arrival; with `answers`, the key and explanations below. */
function layoutPreviewItem(bank: Bank, item: Item, index: number, options: PreviewOptions): Line[] {
  const { width, plain, answers } = options;
  const competency = bank.competencies.find((c) => c.id === item.competency);
  const out: Line[] = [
    ...wrapText(`Item ${index + 1} of ${bank.items.length}: ${s(item.id)} (${item.type}, ${s(competency?.title ?? item.competency)})`, width).map((t) => line(t, { bold: true })),
    line('-'.repeat(Math.min(width, 60)), { dim: true }),
  ];
  const study = item.case ? bank.cases?.find((c) => c.id === item.case) : undefined;
  if (study) out.push(...layoutCase(study, width), line(''));
  out.push(...wrapText(s(item.stem), width).map((t) => line(t, { bold: true })));
  if (item.type === 'scenario') out.push(...scenarioMap(item, answers, width));
  else if (item.type === 'written') out.push(...wrapText(writtenShape(item), width).map((t) => line(t)));
  else out.push(...layoutItemBody({ item, entry: { itemId: item.id }, response: null, highlighted: -1, width, plain }));
  if (answers) {
    const key = describeCorrectAnswer(item);
    if (key) out.push(...wrapHanging('Answer: ', key, width).map((t) => line(t, { bold: true })));
    if (item.type === 'single' || item.type === 'multiple' || item.type === 'ordering' || item.type === 'rating') out.push(...optionNotes(item.options, width));
    if (item.type === 'true-false' && item.feedback) {
      if (item.feedback.true) out.push(...wrapHanging('   If True: ', s(item.feedback.true), width).map((t) => line(t, { dim: true })));
      if (item.feedback.false) out.push(...wrapHanging('   If False: ', s(item.feedback.false), width).map((t) => line(t, { dim: true })));
    }
    if (item.explanation) out.push(...wrapHanging('Why: ', s(item.explanation), width).map((t) => line(t)));
    if (item.type === 'written') out.push(...layoutRubric(item, width));
  }
  return out;
}

export function layoutPreview(bank: Bank, items: readonly Item[], options: PreviewOptions): Line[] {
  const title = `${s(bank.title)} (version ${s(bank.version)}): ${items.length} of ${bank.items.length} items${options.answers ? ', with answers' : ''}`;
  const out: Line[] = [...wrapText(title, options.width).map((t) => line(t, { bold: true })), line('')];
  for (const item of items) {
    out.push(...layoutPreviewItem(bank, item, bank.items.indexOf(item), options), line(''));
  }
  return out;
}
