import type { ScenarioItem, ScenarioStep } from '../../core/bank/types.js';
import type { ScenarioMove } from '../../core/attempt/types.js';
import { sanitizeText } from '../../core/text/sanitize.js';
import { line, type Line } from '../layout/line.js';
import { wrapHanging } from '../layout/wrap.js';
import { noteLines, optionRows } from './option-rows.js';

export interface ScenarioProps {
  item: ScenarioItem;
  /** The moves made so far. */
  path: readonly ScenarioMove[];
  /** The step now waiting for a choice, or the end step reached. */
  current: ScenarioStep | undefined;
  highlighted: number;
  width: number;
  plain?: boolean;
}

const said = (who: string, text: string, width: number, style: Omit<Line, 'text'> = {}): Line[] =>
  wrapHanging(`${who}: `, sanitizeText(text), width).map((t) => line(t, style));

/** The conversation so far, then the customer's latest line and the agent's choices. */
export function layoutScenario({ item, path, current, highlighted, width, plain = false }: ScenarioProps): Line[] {
  const out: Line[] = [];
  for (const move of path) {
    const step = item.steps.find((s) => s.id === move.step);
    if (!step) continue;
    out.push(...said('Customer', step.customer, width));
    const choice = step.choices?.find((c) => c.id === move.choice);
    if (choice) out.push(...said('You', choice.text, width, { dim: true }));
  }
  // A reply without a next step ends the conversation on the candidate's own words.
  if (!current) return path.length === 0 ? out : [...out, ...noteLines('The conversation is over. Enter: next question.', width)];
  out.push(...said('Customer', current.customer, width, { bold: true }));
  const choices = current.choices ?? [];
  if (choices.length === 0) {
    if (current.outcome) out.push(...said('Outcome', current.outcome, width));
    out.push(...noteLines('The conversation is over. Enter: next question.', width));
    return out;
  }
  out.push(...noteLines('What do you say? (Enter says it; it cannot be taken back)', width));
  out.push(...optionRows(choices.map((c) => ({ text: c.text, mark: 'radio-off' })), highlighted, width, plain));
  return out;
}
