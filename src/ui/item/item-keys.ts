import type { Key } from 'ink';
import type { ItemType } from '../../core/bank/types.js';

/** What a keypress means on the item screen, before it touches any state. */
export type ItemCommand =
  | { type: 'move'; delta: number }
  | { type: 'choose'; index: number }
  | { type: 'highlight'; index: number }
  | { type: 'choose-highlighted' }
  | { type: 'choose-highlighted-and-next' }
  | { type: 'toggle'; index: number }
  | { type: 'toggle-highlighted' }
  | { type: 'reorder'; delta: number }
  | { type: 'rate'; value: number }
  | { type: 'rate-step'; delta: number }
  | { type: 'next' }
  | { type: 'previous' }
  | { type: 'flag' }
  | { type: 'review' }
  | { type: 'submit' }
  | { type: 'help' }
  | { type: 'time' }
  | { type: 'quit' }
  | { type: 'scroll'; pages: number }
  | { type: 'case-reader' }
  /** A written item: give the keys to its editor. */
  | { type: 'write' }
  | { type: 'none' };

const digit = (input: string): number | undefined => (/^[0-9]$/.test(input) ? Number(input) : undefined);

/**
 * The key map of the item screen. Rating items use left/right for the rating,
 * so there p/n are the only way to page; ordering items use u/d (and
 * shift+up/down, which not every terminal multiplexer passes through).
 */
export function itemKeyCommand(type: ItemType, input: string, key: Key): ItemCommand {
  if (key.ctrl && input === 'c') return { type: 'quit' };
  if (key.pageUp) return { type: 'scroll', pages: -1 };
  if (key.pageDown) return { type: 'scroll', pages: 1 };
  if (input === 'c') return { type: 'case-reader' };
  if (input === 'f') return { type: 'flag' };
  if (input === 'r') return { type: 'review' };
  if (input === 's') return { type: 'submit' };
  if (input === '?') return { type: 'help' };
  if (input === 't') return { type: 'time' };
  if (input === 'p') return { type: 'previous' };
  if (input === 'n') return { type: 'next' };
  if (type === 'ordering' && ((key.shift && key.upArrow) || input === 'u')) return { type: 'reorder', delta: -1 };
  if (type === 'ordering' && ((key.shift && key.downArrow) || input === 'd')) return { type: 'reorder', delta: 1 };
  if (key.upArrow || input === 'k') return { type: 'move', delta: -1 };
  if (key.downArrow || input === 'j') return { type: 'move', delta: 1 };
  if (type === 'rating') {
    if (key.leftArrow) return { type: 'rate-step', delta: -1 };
    if (key.rightArrow) return { type: 'rate-step', delta: 1 };
    const value = digit(input);
    if (value !== undefined) return { type: 'rate', value };
    if (key.return) return { type: 'next' };
    return { type: 'none' };
  }
  if (key.leftArrow) return { type: 'previous' };
  if (key.rightArrow) return { type: 'next' };
  const n = digit(input);
  switch (type) {
    case 'single':
    case 'true-false':
      if (n !== undefined && n > 0) return { type: 'choose', index: n - 1 };
      if (input === ' ') return { type: 'choose-highlighted' };
      if (key.return) return { type: 'choose-highlighted-and-next' };
      return { type: 'none' };
    case 'scenario':
      // A reply is final and the next step follows at once, so only Enter says it:
      // a digit (or space) that committed would leave the Enter people press after
      // it to commit the next step's reply unseen.
      if (n !== undefined && n > 0) return { type: 'highlight', index: n - 1 };
      if (key.return) return { type: 'choose-highlighted-and-next' };
      return { type: 'none' };
    case 'multiple':
      if (n !== undefined && n > 0) return { type: 'toggle', index: n - 1 };
      if (input === ' ') return { type: 'toggle-highlighted' };
      if (key.return) return { type: 'next' };
      return { type: 'none' };
    case 'ordering':
      if (key.return) return { type: 'choose-highlighted-and-next' };
      return { type: 'none' };
    case 'written':
      // Outside the editor (after Esc) the take's keys act; Enter or w goes back to writing.
      if (key.return || input === 'w') return { type: 'write' };
      return { type: 'none' };
  }
}
