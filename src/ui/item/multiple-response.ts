import type { Option, OptionId } from '../../core/bank/types.js';
import type { Line } from '../layout/line.js';
import { noteLines, optionRows } from './option-rows.js';

export interface MultipleResponseProps {
  options: Option[];
  highlighted: number;
  chosen: readonly OptionId[];
  width: number;
  plain?: boolean;
}

export function layoutMultipleResponse({ options, highlighted, chosen, width, plain = false }: MultipleResponseProps): Line[] {
  return [
    ...noteLines('Choose all that apply.', width),
    ...optionRows(
      options.map((o) => ({ text: o.text, mark: chosen.includes(o.id) ? 'box-on' : 'box-off' })),
      highlighted,
      width,
      plain,
    ),
  ];
}
