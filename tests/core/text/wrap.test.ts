import { describe, expect, it } from 'vitest';
import { wrapWords } from '../../../src/core/text/wrap.js';

describe('wrapWords', () => {
  it.each([
    ['short text stays one line', 'valid, issued by Acme', 30, ['valid, issued by Acme']],
    ['breaks at spaces only', 'revoked: marked in the issuer status list', 16, ['revoked: marked', 'in the issuer', 'status list']],
    ['a word longer than the width gets its own line, whole', 'see https://status.example/acme/list/1 now', 12, ['see', 'https://status.example/acme/list/1', 'now']],
    ['empty text is one empty line', '', 10, ['']],
  ])('%s', (_, text, width, lines) => {
    const out = wrapWords(text, width);
    expect(out).toEqual(lines);
    expect(out.join(' ')).toBe(text);
  });
});
