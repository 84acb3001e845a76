import type { Option, OptionId } from '../../core/bank/types.js';
import type { Line } from '../layout/line.js';
import { optionRows } from './option-rows.js';

export interface SingleChoiceProps {
  options: Option[];
  highlighted: number;
  chosen: OptionId | undefined;
  width: number;
  plain?: boolean;
}

export function layoutSingleChoice({ options, highlighted, chosen, width, plain = false }: SingleChoiceProps): Line[] {
  return optionRows(
    options.map((o) => ({ text: o.text, mark: o.id === chosen ? 'radio-on' : 'radio-off' })),
    highlighted,
    width,
    plain,
  );
}
