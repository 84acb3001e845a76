import { assertNever, type Item } from '../../core/bank/types.js';
import type { FormEntry, Response } from '../../core/attempt/types.js';
import type { Line } from '../layout/line.js';
import { layoutMultipleResponse } from './multiple-response.js';
import { layoutOrdering } from './ordering.js';
import { layoutRating } from './rating.js';
import { currentOrder, scenarioPath, scenarioStep, shownOptions } from './respond.js';
import { layoutScenario } from './scenario.js';
import { layoutSingleChoice } from './single-choice.js';
import { layoutTrueFalse } from './true-false.js';
import { layoutWrittenReply } from './written.js';

export interface ItemBodyInput {
  item: Item;
  entry: FormEntry;
  response: Response | null;
  highlighted: number;
  width: number;
  plain: boolean;
}

/** The answer area of an item (options, ordering list, ratings or the conversation) as rows. */
export function layoutItemBody({ item, entry, response, highlighted, width, plain }: ItemBodyInput): Line[] {
  switch (item.type) {
    case 'single':
      return layoutSingleChoice({
        options: shownOptions(item.options, entry),
        highlighted,
        chosen: response?.type === 'single' ? response.choice : undefined,
        width,
        plain,
      });
    case 'multiple':
      return layoutMultipleResponse({
        options: shownOptions(item.options, entry),
        highlighted,
        chosen: response?.type === 'multiple' ? response.choices : [],
        width,
        plain,
      });
    case 'true-false':
      return layoutTrueFalse({ highlighted, value: response?.type === 'true-false' ? response.value : undefined, width, plain });
    case 'ordering': {
      const byId = new Map(item.options.map((o) => [o.id, o]));
      const options = currentOrder(entry, item, response).flatMap((id) => byId.get(id) ?? []);
      return layoutOrdering({ options, highlighted, answered: response?.type === 'ordering', width, plain });
    }
    case 'rating':
      return layoutRating({
        scale: item.scale,
        options: shownOptions(item.options, entry),
        highlighted,
        ratings: response?.type === 'rating' ? response.ratings : {},
        width,
        plain,
      });
    case 'scenario': {
      const path = scenarioPath(response);
      return layoutScenario({ item, path, current: scenarioStep(item, path), highlighted, width, plain });
    }
    case 'written':
      // Read-only: the item screen writes through its editor (written-screen.tsx).
      return layoutWrittenReply(response?.type === 'written' ? response.text : '', width);
    default:
      return assertNever(item, 'item');
  }
}
