import { describe, expect, it } from 'vitest';
import { sanitizeText } from '../../../src/core/text/sanitize.js';

describe('sanitizeText', () => {
  it.each([
    ['colour codes', 'a\u001b[31mred\u001b[0m b', 'ared b'],
    ['cursor movement', 'x\u001b[2J\u001b[Hy', 'xy'],
    ['an OSC title change', 'a\u001b]0;pwned\u0007b', 'ab'],
    ['an OSC 8 hyperlink', '\u001b]8;;https://evil.example\u001b\\click\u001b]8;;\u001b\\', 'click'],
    ['a lone ESC and BEL', 'a\u001bb\u0007c', 'abc'],
    ['backspaces that would overwrite text', 'refund\b\b\b\b\b\bdenied', 'refunddenied'],
    ['a carriage return that would overwrite the line', 'yes\rno', 'yes\nno'],
    ['an 8-bit CSI sequence', 'a\u009b31mb', 'ab'],
    ['a lone C1 control (NEL)', 'a\u0085b', 'ab'],
    ['DEL', 'a\u007fb', 'ab'],
  ])('strips %s', (_what, input, expected) => {
    expect(sanitizeText(input)).toBe(expected);
  });

  it('keeps newlines, turns tabs into spaces and CRLF into LF', () => {
    expect(sanitizeText('line 1\r\nline\t2\n')).toBe('line 1\nline  2\n');
  });

  it('leaves ordinary text, accents and emoji alone', () => {
    const text = 'Zoë asked: “Can I get a refund?” 👍 — £20';
    expect(sanitizeText(text)).toBe(text);
  });
});

describe('sanitizeText on plain text', () => {
  it('returns printable ASCII and line feeds as they are (the quick path) and cleans anything else as before', async () => {
    const { default: fc } = await import('fast-check');
    const plain = fc.string({ unit: fc.constantFrom(...' ~azAZ09!"#[]\\{}\n'.split('')) });
    fc.assert(fc.property(plain, (text) => sanitizeText(text) === text));
    // One character outside the quick path sends the whole text through the cleaning.
    expect(sanitizeText('plain file name.json\u001b[31m')).toBe('plain file name.json');
    expect(sanitizeText('tab\there')).toBe('tab  here');
  });
});
