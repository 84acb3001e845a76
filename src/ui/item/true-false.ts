import type { Line } from '../layout/line.js';
import { optionRows } from './option-rows.js';

export interface TrueFalseProps {
  highlighted: number;
  value: boolean | undefined;
  width: number;
  plain?: boolean;
}

/** True is always first, so 1 = True and 2 = False. */
export const trueFalseValues = [true, false] as const;

export function layoutTrueFalse({ highlighted, value, width, plain = false }: TrueFalseProps): Line[] {
  return optionRows(
    trueFalseValues.map((v) => ({ text: v ? 'True' : 'False', mark: value === v ? 'radio-on' : 'radio-off' })),
    highlighted,
    width,
    plain,
  );
}
