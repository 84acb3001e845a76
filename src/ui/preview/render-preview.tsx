import { renderToString } from 'ink';
import type { Bank, Item } from '../../core/bank/types.js';
import { Lines } from '../layout/line.js';
import { layoutPreview, type PreviewOptions } from './preview-lines.js';

/** A static render of items for `frontline preview`: no input, no live redraws, fine for a pipe. */
export function renderPreview(bank: Bank, items: readonly Item[], options: PreviewOptions): string {
  return renderToString(<Lines lines={layoutPreview(bank, items, options)} />, { columns: options.width + 1 });
}
