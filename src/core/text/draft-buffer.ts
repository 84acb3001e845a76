import stringWidth from 'string-width';
import { sanitizeText } from './sanitize.js';

/**
 * The longest draft, in UTF-16 code units (characters, for most text): a long
 * complaint response is a few thousand; the cap keeps a pasted file from
 * filling the journal and slowing every keystroke.
 */
export const DRAFT_MAX_LENGTH = 20_000;

/**
 * A written reply being edited: its text and where the cursor is (a UTF-16
 * index, always on a grapheme boundary). `goalColumn` is the column up/down
 * keep aiming for across shorter rows; any other move forgets it.
 */
export interface Draft {
  readonly text: string;
  readonly cursor: number;
  readonly goalColumn?: number | undefined;
}

/** An edit that may have been cut short at the length cap. */
export interface DraftEdit {
  draft: Draft;
  /** Some of the inserted text did not fit under the cap and was left out. */
  truncated: boolean;
}

/** One row of the draft as drawn at a width: text[start, end). `soft`: the paragraph goes on in the next row. */
export interface DraftRow {
  start: number;
  end: number;
  soft: boolean;
}

/** How editing the draft in the candidate's own editor ($VISUAL or $EDITOR) went: the text it saved, or why there is none. */
export type ExternalEditOutcome = { ok: true; text: string } | { ok: false; message: string };

export interface DraftLayout {
  rows: DraftRow[];
  cursorRow: number;
  cursorColumn: number;
}

// Fixed locale: a word limit must count the same on the candidate's and the marker's machine.
const graphemes = new Intl.Segmenter('en', { granularity: 'grapheme' });
const words = new Intl.Segmenter('en', { granularity: 'word' });

export const draftOf = (text = '', cursor = text.length): Draft => ({ text, cursor: Math.max(0, Math.min(cursor, text.length)) });

const at = (draft: Draft, cursor: number): Draft => ({ text: draft.text, cursor });

function graphemeBefore(text: string, index: number): number {
  if (index <= 0) return 0;
  return graphemes.segment(text).containing(index - 1)?.index ?? index - 1;
}

function graphemeAfter(text: string, index: number): number {
  if (index >= text.length) return text.length;
  const seg = graphemes.segment(text).containing(index);
  return seg ? seg.index + seg.segment.length : index + 1;
}

/** Display columns of one grapheme: 2 for CJK and emoji, 0 for a lone combining mark. */
function columns(grapheme: string): number {
  const code = grapheme.charCodeAt(0);
  if (grapheme.length === 1 && code >= 0x20 && code < 0x7f) return 1;
  // string-width is slow per call (tens of microseconds); a reply uses few distinct characters.
  return remembered(widthCache, grapheme, () => stringWidth(grapheme));
}

/**
 * Puts text in at the cursor as typed or pasted: line breaks kept (CRLF and
 * CR become LF), tabs become spaces, escape sequences and other control
 * characters dropped (sanitizeText). What would pass the length cap is cut,
 * at a grapheme boundary, and the edit says so.
 */
export function insertText(draft: Draft, raw: string, maxLength = DRAFT_MAX_LENGTH): DraftEdit {
  const clean = sanitizeText(raw);
  const room = Math.max(0, maxLength - draft.text.length);
  const fitted = clip(clean, room);
  if (fitted === '') return { draft, truncated: clean !== '' };
  const text = draft.text.slice(0, draft.cursor) + fitted + draft.text.slice(draft.cursor);
  return { draft: { text, cursor: draft.cursor + fitted.length }, truncated: fitted.length < clean.length };
}

/** Replaces the whole text (read back from an external editor), cursor at the end, under the same rules as insertText. */
export function replaceText(raw: string, maxLength = DRAFT_MAX_LENGTH): DraftEdit {
  return insertText(draftOf(''), raw, maxLength);
}

/** The longest start of `text` no longer than `room` that ends on a grapheme boundary. */
function clip(text: string, room: number): string {
  if (text.length <= room) return text;
  const seg = graphemes.segment(text).containing(room);
  return text.slice(0, seg && seg.index < room ? seg.index : room);
}

export function backspace(draft: Draft): Draft {
  if (draft.cursor === 0) return at(draft, 0);
  const from = graphemeBefore(draft.text, draft.cursor);
  return { text: draft.text.slice(0, from) + draft.text.slice(draft.cursor), cursor: from };
}

export function deleteForward(draft: Draft): Draft {
  if (draft.cursor >= draft.text.length) return at(draft, draft.cursor);
  const to = graphemeAfter(draft.text, draft.cursor);
  return { text: draft.text.slice(0, draft.cursor) + draft.text.slice(to), cursor: draft.cursor };
}

export const moveLeft = (draft: Draft): Draft => at(draft, graphemeBefore(draft.text, draft.cursor));
export const moveRight = (draft: Draft): Draft => at(draft, graphemeAfter(draft.text, draft.cursor));
export const moveToStart = (draft: Draft): Draft => at(draft, 0);
export const moveToEnd = (draft: Draft): Draft => at(draft, draft.text.length);

/** To the start of the word the cursor is in or, at a word's start, of the one before. */
export function wordLeft(draft: Draft): Draft {
  let target = 0;
  for (const seg of words.segment(draft.text)) {
    if (seg.index >= draft.cursor) break;
    if (seg.isWordLike) target = seg.index;
  }
  return at(draft, target);
}

/** To the end of the word the cursor is in or, between words, of the next one. */
export function wordRight(draft: Draft): Draft {
  for (const seg of words.segment(draft.text)) {
    const end = seg.index + seg.segment.length;
    if (seg.isWordLike && end > draft.cursor) return at(draft, end);
  }
  return at(draft, draft.text.length);
}

// Wrapping 20,000 characters takes tens of milliseconds, too long for every
// keystroke; a keystroke changes one paragraph, so rows are kept per paragraph.
const wrapCache = new Map<string, DraftRow[]>();
const widthCache = new Map<string, number>();
const CACHE_LIMIT = 16_384;

function remembered<T>(cache: Map<string, T>, key: string, compute: () => T): T {
  const known = cache.get(key);
  if (known !== undefined) return known;
  if (cache.size >= CACHE_LIMIT) cache.clear();
  const value = compute();
  cache.set(key, value);
  return value;
}

/**
 * The draft as rows at `width` columns: paragraphs (split at line breaks)
 * wrapped at spaces, a word wider than the row broken where it must be, wide
 * characters (CJK, emoji) counted as two columns. Spaces never start a row:
 * those at a wrap hang past the width, as in a word processor; draw rows in
 * width + 1 columns so the cursor after a full row has a cell.
 */
export function layoutDraft(draft: Draft, width: number): DraftLayout {
  const w = Math.max(1, width);
  const rows: DraftRow[] = [];
  const { text } = draft;
  let paragraphStart = 0;
  for (;;) {
    const newline = text.indexOf('\n', paragraphStart);
    const paragraph = text.slice(paragraphStart, newline === -1 ? text.length : newline);
    const from = paragraphStart;
    for (const r of remembered(wrapCache, `${w}:${paragraph}`, () => wrapParagraph(paragraph, w))) {
      rows.push({ start: from + r.start, end: from + r.end, soft: r.soft });
    }
    if (newline === -1) break;
    paragraphStart = newline + 1;
  }
  const cursorRow = rowOf(rows, draft.cursor);
  const row = rows[cursorRow]!;
  return { rows, cursorRow, cursorColumn: textColumns(text.slice(row.start, draft.cursor)) };
}

/** Rows of one paragraph, offsets relative to it. */
function wrapParagraph(paragraph: string, width: number): DraftRow[] {
  const rows: DraftRow[] = [];
  let rowStart = 0;
  let column = 0;
  // Where the row may end (just after a space), and its column there.
  let breakAt = -1;
  let breakColumn = 0;
  for (const seg of eachGrapheme(paragraph)) {
    const offset = seg.index;
    const g = seg.segment;
    const w = columns(g);
    // A loop: after breaking at the last space, what follows it may still not fit beside this character.
    while (g !== ' ' && column + w > width && column > 0) {
      if (breakAt > rowStart) {
        rows.push({ start: rowStart, end: breakAt, soft: true });
        rowStart = breakAt;
        column -= breakColumn;
      } else {
        rows.push({ start: rowStart, end: offset, soft: true });
        rowStart = offset;
        column = 0;
      }
      breakAt = -1;
    }
    column += w;
    if (g === ' ') {
      breakAt = offset + 1;
      breakColumn = column;
    }
  }
  rows.push({ start: rowStart, end: paragraph.length, soft: false });
  return rows;
}

/**
 * Text in which every UTF-16 unit is a grapheme of its own: printable ASCII,
 * Latin, Greek, Cyrillic, Armenian, general punctuation, CJK ideographs and
 * punctuation, kana, Hangul syllables and full-width forms, none of the
 * combining marks, joiners or selectors among them (Grapheme_Cluster_Break
 * Extend, ZWJ, SpacingMark) and no surrogate pairs.
 */
const ONE_UNIT_GRAPHEMES =
  /^[\u0020-\u007E\u00A0-\u02FF\u0370-\u0482\u048A-\u058F\u2000-\u200A\u2010-\u2027\u2030-\u205E\u3000-\u3029\u3030-\u3098\u309B-\u30FF\u3400-\u4DBF\u4E00-\u9FFF\uAC00-\uD7A3\uFF01-\uFF9D]*$/;

/**
 * Graphemes with their offsets. Intl.Segmenter costs tens of microseconds a
 * grapheme (most of a second for 20,000 characters of Japanese), so text
 * where each unit is a grapheme (most replies, in most languages) skips it.
 */
function eachGrapheme(s: string): Iterable<{ index: number; segment: string }> {
  if (!ONE_UNIT_GRAPHEMES.test(s)) return graphemes.segment(s);
  return Array.from({ length: s.length }, (_, index) => ({ index, segment: s[index]! }));
}

const textColumns = (s: string): number => {
  let n = 0;
  for (const seg of eachGrapheme(s)) n += columns(seg.segment);
  return n;
};

/** The row the cursor is drawn on: at a soft wrap it is at the start of the next row. */
function rowOf(rows: DraftRow[], cursor: number): number {
  let lo = 0;
  let hi = rows.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (rows[mid]!.start <= cursor) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/** The furthest offset in `row` whose column is at most `goal`; never past a soft row's end, which is drawn on the next row. */
function offsetAtColumn(text: string, row: DraftRow, goal: number): number {
  let column = 0;
  let offset = row.start;
  let last = row.start;
  for (const seg of eachGrapheme(text.slice(row.start, row.end))) {
    last = row.start + seg.index;
    const w = columns(seg.segment);
    if (column + w > goal) return last;
    column += w;
    offset = last + seg.segment.length;
  }
  return row.soft && offset === row.end ? last : offset;
}

function moveVertically(draft: Draft, width: number, delta: -1 | 1): Draft {
  const layout = layoutDraft(draft, width);
  const goal = draft.goalColumn ?? layout.cursorColumn;
  const target = layout.rows[layout.cursorRow + delta];
  if (!target) return delta < 0 ? moveToStart(draft) : moveToEnd(draft);
  return { text: draft.text, cursor: offsetAtColumn(draft.text, target, goal), goalColumn: goal };
}

export const moveUp = (draft: Draft, width: number): Draft => moveVertically(draft, width, -1);
export const moveDown = (draft: Draft, width: number): Draft => moveVertically(draft, width, 1);

/** Home: the start of the row the cursor is on (as wrapped at `width`). */
export function rowStart(draft: Draft, width: number): Draft {
  const layout = layoutDraft(draft, width);
  return at(draft, layout.rows[layout.cursorRow]!.start);
}

/** End: the end of the row the cursor is on; on a wrapped row, before its last character (the space it wraps at). */
export function rowEnd(draft: Draft, width: number): Draft {
  const layout = layoutDraft(draft, width);
  const row = layout.rows[layout.cursorRow]!;
  return at(draft, row.soft ? graphemeBefore(draft.text, row.end) : row.end);
}
