import { describe, expect, it } from 'vitest';
import stringWidth from 'string-width';
import {
  DRAFT_MAX_LENGTH,
  backspace,
  deleteForward,
  draftOf,
  insertText,
  layoutDraft,
  moveDown,
  moveLeft,
  moveRight,
  moveUp,
  replaceText,
  rowEnd,
  rowStart,
  wordLeft,
  wordRight,
  type Draft,
} from '../../../src/core/text/draft-buffer.js';

/** "ab|c": the text "abc" with the cursor after "b". */
const d = (marked: string): Draft => {
  const cursor = marked.indexOf('|');
  return draftOf(marked.slice(0, cursor) + marked.slice(cursor + 1), cursor);
};
const show = (draft: Draft): string => `${draft.text.slice(0, draft.cursor)}|${draft.text.slice(draft.cursor)}`;
/** The rows as drawn, joined with "/" (a soft wrap) or "¶" (a line break). */
const rows = (draft: Draft, width: number): string =>
  layoutDraft(draft, width)
    .rows.map((r) => draft.text.slice(r.start, r.end) + (r.soft ? '/' : '¶'))
    .join('');

describe('insertText', () => {
  it.each([
    ['a typed letter', 'ab|', 'c', 'abc|'],
    ['in the middle', 'a|c', 'b', 'ab|c'],
    ['a paste with line breaks', '|', 'Hi Ana,\nThanks.', 'Hi Ana,\nThanks.|'],
    ['CRLF and lone CR as line breaks', 'x|', '1\r\n2\r3', 'x1\n2\n3|'],
    ['a tab as two spaces', '|', 'a\tb', 'a  b|'],
    ['colour codes stripped', '|', 'a\u001b[31mred\u001b[0m b', 'ared b|'],
    ['a title change stripped', '|', 'a\u001b]0;owned\u0007b', 'ab|'],
    ['cursor moves and a screen clear stripped', '|', '\u001b[2J\u001b[Hok\u001b[1;1H', 'ok|'],
    ['C0 and C1 controls stripped', '|', 'a\u0007\u0008\u007f\u009b2Jb\u0085c', 'abc|'],
    ['a bidi override stripped', '|', 'ok\u202Eevil', 'okevil|'],
    ['emoji and accents kept', 'x|', 'Zoë 👍🏽', 'xZoë 👍🏽|'],
  ])('%s', (_what, before, raw, after) => {
    const edit = insertText(d(before), raw);
    expect(show(edit.draft)).toBe(after);
    expect(edit.truncated).toBe(false);
  });

  it.each([
    ['cut at the cap', 'ab|', 'cdef', 4, 'abcd|'],
    ['nothing when full', 'abcd|', 'e', 4, 'abcd|'],
    // 👍🏽 is two code points (four UTF-16 units): never cut in half.
    ['never inside a grapheme', 'ab|', 'c👍🏽', 5, 'abc|'],
  ])('%s', (_what, before, raw, max, after) => {
    const edit = insertText(d(before), raw, max);
    expect(show(edit.draft)).toBe(after);
    expect(edit.truncated).toBe(true);
  });

  it('an empty or all-escape paste changes nothing and is not truncation', () => {
    const before = d('ab|');
    expect(insertText(before, '\u001b[31m').draft).toBe(before);
    expect(insertText(before, '\u001b[31m').truncated).toBe(false);
  });

  it('a megabyte paste is cut to the cap quickly, line breaks and all', () => {
    const line = 'The customer asked for a refund on order 12345.\r\n';
    const paste = line.repeat(Math.ceil(1_048_576 / line.length));
    const start = performance.now();
    const edit = insertText(draftOf(''), paste);
    const ms = performance.now() - start;
    expect(edit.truncated).toBe(true);
    expect(edit.draft.text.length).toBe(DRAFT_MAX_LENGTH);
    expect(edit.draft.text).not.toContain('\r');
    expect(edit.draft.text.startsWith(line.replace('\r\n', '\n').repeat(3))).toBe(true);
    // Generous: the point is that it is not quadratic (about 20 ms here).
    expect(ms).toBeLessThan(2000);
  });

  it('a megabyte of escape sequences leaves only the text between them', () => {
    const chunk = '\u001b[31mx\u001b[0m\u001b]0;t\u0007';
    const edit = insertText(draftOf(''), chunk.repeat(Math.ceil(1_048_576 / chunk.length)));
    expect(edit.draft.text).toMatch(/^x+$/);
    expect(edit.draft.text.length).toBe(DRAFT_MAX_LENGTH);
  });

  it('replaceText takes a whole new text, cursor at its end', () => {
    expect(show(replaceText('one\r\ntwo').draft)).toBe('one\ntwo|');
  });
});

describe('deleting and moving by grapheme', () => {
  it.each([
    ['backspace', backspace, 'ab|c', 'a|c'],
    ['backspace at the start', backspace, '|abc', '|abc'],
    ['backspace a flag emoji whole', backspace, 'a🇬🇧|', 'a|'],
    ['backspace a skin-toned emoji whole', backspace, 'a👍🏽|b', 'a|b'],
    ['backspace e + combining acute whole', backspace, 'cafe\u0301|', 'caf|'],
    ['backspace a family emoji (ZWJ) whole', backspace, 'x👨‍👩‍👧|', 'x|'],
    ['backspace a line break', backspace, 'a\n|b', 'a|b'],
    ['delete', deleteForward, 'a|bc', 'a|c'],
    ['delete at the end', deleteForward, 'abc|', 'abc|'],
    ['delete an emoji whole', deleteForward, '|👍🏽b', '|b'],
    ['left over an emoji', moveLeft, 'a👍🏽|', 'a|👍🏽'],
    ['left at the start', moveLeft, '|a', '|a'],
    ['right over a combined letter', moveRight, 'caf|e\u0301!', 'cafe\u0301|!'],
    ['right at the end', moveRight, 'a|', 'a|'],
    ['word left to this word start', wordLeft, 'hello wor|ld', 'hello |world'],
    ['word left to the previous word', wordLeft, 'hello |world', '|hello world'],
    ['word left over punctuation', wordLeft, 'Hi, Ana.|', 'Hi, |Ana.'],
    ['word right to this word end', wordRight, 'he|llo world', 'hello| world'],
    ['word right to the next word end', wordRight, 'hello| world', 'hello world|'],
    ['word right at the end', wordRight, 'hi.|', 'hi.|'],
  ])('%s', (_what, op, before, after) => {
    expect(show(op(d(before)))).toBe(after);
  });
});

describe('layoutDraft', () => {
  it.each([
    ['empty', '|', 10, '¶'],
    ['fits', 'hello|', 10, 'hello¶'],
    ['wraps at the last space', 'hello world|', 8, 'hello /world¶'],
    ['keeps line breaks and blank lines', 'a\n\nb|', 10, 'a¶¶b¶'],
    ['breaks a word longer than the row', 'abcdefghij|', 4, 'abcd/efgh/ij¶'],
    ['a space at the wrap hangs, never starts a row', 'abcd efgh|', 4, 'abcd /efgh¶'],
    ['wide characters count two columns', '日本語のテキスト|', 6, '日本語/のテキ/スト¶'],
    ['a wide character never straddles the edge', 'ab日本|', 3, 'ab/日/本¶'],
    ['emoji count two columns', '👍🏽👍🏽👍🏽|', 4, '👍🏽👍🏽/👍🏽¶'],
    ['a combining mark takes no column', 'cafe\u0301s|', 5, 'cafe\u0301s¶'],
    // Kana with a combining voiced mark: not one grapheme a unit, so not the fast path.
    ['kana with a combining mark stays whole', 'か\u3099か\u3099か|', 4, 'か\u3099か\u3099/か¶'],
    ['Hangul syllables count two columns', '안녕하세요|', 4, '안녕/하세/요¶'],
    ['a wide character in a one-column row still gets a row', '日本|', 1, '日/本¶'],
    ['after breaking at a space, a wide character that still does not fit', ' abcd日|', 5, ' /abcd/日¶'],
  ])('%s', (_what, marked, width, expected) => {
    expect(rows(d(marked), width)).toBe(expected);
  });

  it('no row is wider than the width, spaces that hang aside', () => {
    const text = 'Dear Mr Okafor, 申し訳ございません 👍🏽 thank you for your patience while we looked into order 12345. '.repeat(8);
    for (const width of [2, 3, 7, 20, 41]) {
      const layout = layoutDraft(draftOf(text), width);
      for (const r of layout.rows) expect(stringWidth(text.slice(r.start, r.end).trimEnd())).toBeLessThanOrEqual(width);
      expect(layout.rows.map((r) => text.slice(r.start, r.end)).join('')).toBe(text);
    }
  });

  it.each([
    ['at the start', '|hello world', 8, 0, 0],
    ['mid row', 'hel|lo world', 8, 0, 3],
    ['at a soft wrap: the start of the next row', 'hello |world', 8, 1, 0],
    ['at the end of a full row: the spare column', 'abcd|', 4, 0, 4],
    ['after wide characters', '日本|語', 10, 0, 4],
    ['on a second paragraph', 'ab\ncd|', 10, 1, 2],
  ])('cursor %s', (_what, marked, width, row, column) => {
    const layout = layoutDraft(d(marked), width);
    expect([layout.cursorRow, layout.cursorColumn]).toEqual([row, column]);
  });
});

describe('moving by rows', () => {
  it.each([
    ['down keeps the column', moveDown, 'ab|cd\nefgh', 10, 'abcd\nef|gh'],
    ['down to a shorter row goes to its end', moveDown, 'abcd|\nef', 10, 'abcd\nef|'],
    ['up from the first row goes to the start', moveUp, 'ab|c', 10, '|abc'],
    ['down from the last row goes to the end', moveDown, 'a|bc', 10, 'abc|'],
    ['down across a soft wrap', moveDown, 'he|llo world', 8, 'hello wo|rld'],
    ['up across a soft wrap', moveUp, 'hello wor|ld', 8, 'hel|lo world'],
    // A soft row's end offset is drawn at the start of the next row: stop before its last character.
    ['up to the end of a soft row stops before the wrap', moveUp, 'hello world|', 8, 'hello| world'],
    ['down into wide characters lands on a boundary', moveDown, 'abc|\n日本語', 10, 'abc\n日|本語'],
  ])('%s', (_what, op, before, width, after) => {
    expect(show(op(d(before), width))).toBe(after);
  });

  it('keeps the wanted column across a shorter row', () => {
    const start = d('abcdef|\nab\nabcdefgh');
    const once = moveDown(start, 20);
    expect(show(once)).toBe('abcdef\nab|\nabcdefgh');
    expect(show(moveDown(once, 20))).toBe('abcdef\nab\nabcdef|gh');
  });

  it.each([
    ['Home: start of the visual row', rowStart, 'hello wor|ld', 8, 'hello |world'],
    ['End: end of the last row', rowEnd, 'hello w|orld', 8, 'hello world|'],
    ['End on a soft row stays on it', rowEnd, 'he|llo world', 8, 'hello| world'],
    ['End on a hard-broken row', rowEnd, 'a|bcdefgh', 4, 'abc|defgh'],
    ['Home on a later paragraph', rowStart, 'ab\ncd|', 10, 'ab\n|cd'],
  ])('%s', (_what, op, before, width, after) => {
    expect(show(op(d(before), width))).toBe(after);
  });
});
