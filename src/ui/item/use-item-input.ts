import type { Dispatch } from 'react';
import { useKeys } from '../hooks/use-keys.js';
import type { Response } from '../../core/attempt/types.js';
import { assertNever } from '../../core/bank/types.js';
import { itemKeyCommand, type ItemCommand } from './item-keys.js';
import type { ItemScreenAction, ItemScreenState } from './item-screen-state.js';
import type { ItemScreenProps } from './item-screen.js';
import {
  choiceCount,
  currentOrder,
  moveInOrder,
  scenarioFinished,
  scenarioPath,
  scenarioStep,
  shownOptions,
  stepRating,
  toggleChoice,
} from './respond.js';
import { trueFalseValues } from './true-false.js';
import { own } from '../../core/own.js';

/** Start on the answer already given, so Enter on a revisited item keeps it; on a rating list, on what is left to rate. */
export function initialHighlight(p: Pick<ItemScreenProps, 'item' | 'entry' | 'response'>): number {
  const { item, entry, response } = p;
  if (item.type === 'single' && response?.type === 'single') {
    return Math.max(0, shownOptions(item.options, entry).findIndex((o) => o.id === response.choice));
  }
  if (item.type === 'true-false' && response?.type === 'true-false') return response.value ? 0 : 1;
  // Back on a partly rated list, the next digit rates what is still unrated rather than redoing the first.
  if (item.type === 'rating' && response?.type === 'rating') {
    return Math.max(0, shownOptions(item.options, entry).findIndex((o) => own(response.ratings, o.id) === undefined));
  }
  return 0;
}

/** The response a choice at row `index` gives, or undefined when the row does not exist. */
function responseForChoice(p: ItemScreenProps, index: number, response: Response | null): Response | undefined {
  const { item, entry } = p;
  switch (item.type) {
    case 'single': {
      const option = shownOptions(item.options, entry)[index];
      return option ? { type: 'single', choice: option.id } : undefined;
    }
    case 'true-false': {
      const value = trueFalseValues[index];
      return value === undefined ? undefined : { type: 'true-false', value };
    }
    case 'scenario': {
      const path = scenarioPath(response);
      const step = scenarioStep(item, path);
      const choice = step?.choices?.[index];
      if (!step || !choice) return undefined;
      return { type: 'scenario', path: [...path, { step: step.id, choice: choice.id, at: new Date(p.now()).toISOString() }] };
    }
    case 'ordering':
      // Only moving an entry answers: the scrambled start order, confirmed as it stands, would earn partial credit for nothing.
      return response?.type === 'ordering' ? response : undefined;
    case 'multiple':
    case 'rating':
    case 'written':
      return undefined;
    default:
      return assertNever(item, 'item');
  }
}

/** How far the screen's scrolled views can go, as the last layout found. */
export interface ItemLayoutFacts {
  caseMax: number;
  casePage: number;
  /** The first row of the answer area on screen, and the furthest it can scroll (0: it all fits). */
  bodyAt: number;
  bodyMax: number;
  bodyPage: number;
}

/** Applies one command: cursor and case view change here; answers and navigation go to the attempt. */
function runItemCommand(
  command: ItemCommand,
  p: ItemScreenProps,
  state: ItemScreenState,
  dispatch: Dispatch<ItemScreenAction>,
  layout: ItemLayoutFacts,
): void {
  const { item, entry, response } = p;
  const count = choiceCount(item, entry, response);
  // Answers are computed from the latest response the attempt holds (passed in
  // by the driver), not from this render's props: two quick keys must not undo each other.
  const answer = (update: (current: Response | null) => Response | undefined) => {
    if (!p.locked) p.onAnswer(update);
  };
  if (state.caseReader) {
    // The full-screen case takes the scrolling keys; anything else returns to the question first.
    if (command.type === 'scroll') dispatch({ type: 'case-scroll', delta: command.pages * layout.casePage, max: layout.caseMax });
    else if (command.type === 'move') dispatch({ type: 'case-scroll', delta: command.delta, max: layout.caseMax });
    else if (command.type === 'quit') p.onQuit();
    else if (command.type !== 'none') dispatch({ type: 'case-reader' });
    return;
  }
  switch (command.type) {
    case 'move':
      dispatch({ type: 'move', delta: command.delta, count });
      return;
    case 'highlight':
      if (command.index < count) dispatch({ type: 'highlight', index: command.index });
      return;
    case 'choose':
      if (command.index >= count) return;
      dispatch({ type: 'highlight', index: command.index });
      answer((current) => responseForChoice(p, command.index, current));
      return;
    case 'choose-highlighted':
      answer((current) => responseForChoice(p, state.highlighted, current));
      return;
    case 'choose-highlighted-and-next':
      // A locked conversation takes no reply, so Enter goes on as on every locked item.
      if (item.type === 'scenario' && !p.locked) {
        if (!scenarioFinished(item, scenarioPath(response))) {
          answer((current) => responseForChoice(p, state.highlighted, current));
          dispatch({ type: 'highlight', index: 0 });
          return;
        }
      } else if (item.type !== 'ordering') {
        answer((current) => responseForChoice(p, state.highlighted, current));
      }
      p.onNext();
      return;
    case 'toggle':
    case 'toggle-highlighted': {
      if (item.type !== 'multiple') return;
      const index = command.type === 'toggle' ? command.index : state.highlighted;
      const option = shownOptions(item.options, entry)[index];
      if (!option) return;
      dispatch({ type: 'highlight', index });
      answer((current) => ({ type: 'multiple', choices: toggleChoice(current?.type === 'multiple' ? current.choices : [], option.id) }));
      return;
    }
    case 'reorder': {
      if (item.type !== 'ordering' || p.locked) return;
      answer((current) => ({ type: 'ordering', order: moveInOrder(currentOrder(entry, item, current), state.highlighted, command.delta) }));
      dispatch({ type: 'move', delta: command.delta, count });
      return;
    }
    case 'rate':
    case 'rate-step': {
      if (item.type !== 'rating') return;
      const option = shownOptions(item.options, entry)[state.highlighted];
      if (!option) return;
      if (command.type === 'rate' && (command.value < item.scale.min || command.value > item.scale.max)) return;
      answer((current) => {
        const ratings = current?.type === 'rating' ? current.ratings : {};
        const value = command.type === 'rate' ? command.value : stepRating(item.scale, own(ratings, option.id), command.delta);
        return { type: 'rating', ratings: { ...ratings, [option.id]: value } };
      });
      // A digit rates and moves on to the next response, so a list is rated in one pass.
      if (command.type === 'rate') dispatch({ type: 'move', delta: 1, count });
      return;
    }
    case 'next':
      p.onNext();
      return;
    case 'previous':
      if (p.canGoBack) p.onPrevious();
      return;
    case 'flag':
      if (p.canFlag) p.onFlag();
      return;
    case 'review':
      p.onReview();
      return;
    case 'submit':
      p.onSubmit();
      return;
    case 'help':
      p.onHelp();
      return;
    case 'time':
      p.onTime?.();
      return;
    case 'quit':
      p.onQuit();
      return;
    case 'scroll':
      // PgUp/PgDn scroll the case above the question; with none on screen, a long answer area (an earlier part of the conversation).
      if (layout.caseMax > 0) dispatch({ type: 'case-scroll', delta: command.pages * layout.casePage, max: layout.caseMax });
      else if (layout.bodyMax > 0) dispatch({ type: 'body-scroll', from: layout.bodyAt, delta: command.pages * layout.bodyPage, max: layout.bodyMax });
      return;
    case 'case-reader':
      // A written item's reader holds the whole question too, which its screen may have to shorten.
      if (p.caseStudy || item.type === 'written') dispatch({ type: 'case-reader' });
      return;
    case 'write':
      // On a locked reply Enter goes on, as on every locked item.
      if (p.locked) p.onNext();
      else if (item.type === 'written') dispatch({ type: 'writing', on: true });
      return;
    case 'none':
      return;
    default:
      assertNever(command, 'command');
  }
}

export function useItemInput(
  p: ItemScreenProps,
  latestState: () => ItemScreenState,
  dispatch: Dispatch<ItemScreenAction>,
  layout: ItemLayoutFacts,
  isActive = true,
): void {
  useKeys((input, key) => {
    const state = latestState();
    if (state.caseReader && key.escape) {
      dispatch({ type: 'case-reader' });
      return;
    }
    runItemCommand(itemKeyCommand(p.item.type, input, key), p, state, dispatch, layout);
  }, isActive);
}
