import { layoutDraft } from '../../core/text/draft-buffer.js';
import { line, type Line } from '../layout/line.js';
import { wrapText } from '../layout/wrap.js';
import { plural } from '../widgets/plural.js';
import type { DraftEditorState, EditorBox } from './draft-editor-state.js';

/** A written item's word limits (either may be absent). */
export interface WordLimits {
  min?: number | undefined;
  max?: number | undefined;
}

/**
 * The word count against the limits, in words. Over the maximum is said, not
 * prevented: typing on (or pasting) past it is allowed, because cutting a
 * candidate off mid-sentence loses what they meant, and trimming is part of
 * writing; the marker sees the count against the limit either way.
 */
export function wordStatus(words: number, limits: WordLimits | undefined): { text: string; over: boolean } {
  const { min, max } = limits ?? {};
  const count = plural(words, 'word');
  if (max !== undefined && words > max) return { text: `! ${count}: ${words - max} over the limit of ${max}`, over: true };
  if (min !== undefined && max !== undefined) return { text: `${count} (${min}-${max} asked for)`, over: false };
  if (max !== undefined) return { text: `${count} (at most ${max})`, over: false };
  if (min !== undefined) return { text: `${count} (at least ${min})`, over: false };
  return { text: count, over: false };
}

export interface DraftEditorLayoutInput {
  state: DraftEditorState;
  box: EditorBox;
  limits: WordLimits | undefined;
  plain: boolean;
  isActive: boolean;
  /** The draft's word count. */
  words: number;
}

/**
 * The editor's rows: `box.height` rows of text (scrolled to keep the cursor in
 * view, the cursor drawn when the editor has the keys), then a status line
 * (the word count against the limits, where the view is in a long reply),
 * then the notice if there is one. In screen-reader mode the whole text is
 * read when it appears, not again on every key (Ctrl-R reads it back).
 */
export function layoutDraftEditor({ state, box, limits, plain, isActive, words: count }: DraftEditorLayoutInput): Line[] {
  const { draft } = state;
  const words = wordStatus(count, limits);
  const notice = state.notice ? wrapText(state.notice, box.width + 1).map((t) => line(t, { bold: true, color: 'yellow' })) : [];
  if (plain) {
    const body = draft.text.trim() === '' ? ['(empty)'] : draft.text.split('\n').flatMap((p) => (p === '' ? [''] : wrapText(p, box.width + 1)));
    return [...body.map((t) => line(t, { ticks: true })), line(words.text, { ticks: true }), ...notice];
  }
  const layout = layoutDraft(draft, box.width);
  const height = Math.max(1, box.height);
  const shown = layout.rows.slice(state.top, state.top + height);
  const rows = shown.map((r, i) => {
    const text = draft.text.slice(r.start, r.end);
    return state.top + i === layout.cursorRow && isActive ? line(text, { cursor: draft.cursor - r.start }) : line(text);
  });
  while (rows.length < height) rows.push(line(''));
  const where = layout.rows.length > height ? `   rows ${state.top + 1}-${state.top + shown.length} of ${layout.rows.length}` : '';
  const pasting = state.paste.active ? '   pasting...' : '';
  const status = line(`${words.text}${where}${pasting}`, words.over ? { bold: true, color: 'yellow' } : { dim: true });
  return [...rows, status, ...notice];
}
