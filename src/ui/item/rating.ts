import type { OptionId, RatingItem } from '../../core/bank/types.js';
import { sanitizeText } from '../../core/text/sanitize.js';
import type { Line } from '../layout/line.js';
import { noteLines, optionRows } from './option-rows.js';
import { own } from '../../core/own.js';

export interface RatingProps {
  scale: RatingItem['scale'];
  options: RatingItem['options'];
  highlighted: number;
  ratings: Readonly<Record<OptionId, number>>;
  width: number;
  plain?: boolean;
}

function scaleLegend(scale: RatingItem['scale']): string {
  const labels = scale.labels ?? {};
  const named = Object.entries(labels)
    .sort(([a], [b]) => Number(a) - Number(b))
    .map(([point, label]) => `${point} = ${sanitizeText(label)}`);
  const range = `Rate each from ${scale.min} to ${scale.max}`;
  return named.length > 0 ? `${range} (${named.join(', ')}).` : `${range}.`;
}

export function layoutRating({ scale, options, highlighted, ratings, width, plain = false }: RatingProps): Line[] {
  return [
    ...noteLines(scaleLegend(scale), width),
    ...optionRows(
      options.map((o) => {
        const r = own(ratings, o.id);
        return { text: o.text, mark: 'none' as const, suffix: r === undefined ? '(not rated)' : `(rated ${r})` };
      }),
      highlighted,
      width,
      plain,
      // Digits set the rating here, so numbering the rows would mislead.
      false,
    ),
  ];
}
