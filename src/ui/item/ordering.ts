import type { Option } from '../../core/bank/types.js';
import type { Line } from '../layout/line.js';
import { noteLines, optionRows } from './option-rows.js';

export interface OrderingProps {
  /** Options in the order the candidate has them now. */
  options: Option[];
  highlighted: number;
  /** Whether the candidate has confirmed an order yet. */
  answered: boolean;
  width: number;
  plain?: boolean;
}

export function layoutOrdering({ options, highlighted, answered, width, plain = false }: OrderingProps): Line[] {
  return [
    ...noteLines(
      answered
        ? 'Your order is saved. Move entries with u/d (or shift+up/down) to change it.'
        : 'Put these in order: move the highlighted entry with u/d (or shift+up/down); Enter confirms.',
      width,
    ),
    ...optionRows(options.map((o) => ({ text: o.text, mark: 'none' })), highlighted, width, plain),
  ];
}
