import { line, type Line } from '../layout/line.js';

export interface ScrollWindow {
  lines: Line[];
  /** The offset actually used, clamped to the content. */
  offset: number;
}

/**
 * A window of `height` rows over `content` starting at `offset`, with a row
 * above/below saying that more is there and how to reach it (so the reader
 * knows without colour or a scrollbar).
 */
export function scrollWindow(content: Line[], offset: number, height: number, keysHint = 'PgUp/PgDn'): ScrollWindow {
  if (content.length <= height) return { lines: content, offset: 0 };
  const inner = Math.max(1, height - 2);
  const maxOffset = Math.max(0, content.length - inner);
  const at = Math.max(0, Math.min(offset, maxOffset));
  const above = at;
  const below = content.length - at - inner;
  return {
    offset: at,
    lines: [
      line(above > 0 ? `^ ${above} more line${above === 1 ? '' : 's'} above (${keysHint})` : '', { dim: true }),
      ...content.slice(at, at + inner),
      line(below > 0 ? `v ${below} more line${below === 1 ? '' : 's'} below (${keysHint})` : '', { dim: true }),
    ],
  };
}

/** Offset after scrolling by `delta` rows, clamped so the window stays on the content. */
export function scrollBy(offset: number, delta: number, contentLength: number, height: number): number {
  const inner = Math.max(1, height - 2);
  return Math.max(0, Math.min(offset + delta, Math.max(0, contentLength - inner)));
}
