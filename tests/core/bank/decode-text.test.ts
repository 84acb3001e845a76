import { describe, expect, it } from 'vitest';
import { decodeBankBytes } from '../../../src/core/bank/decode-text.js';

const bytes = (...parts: Array<string | number[]>): Uint8Array =>
  Buffer.concat(parts.map((p) => (typeof p === 'string' ? Buffer.from(p, 'utf8') : Buffer.from(p))));

describe('decodeBankBytes', () => {
  it('decodes UTF-8 and drops a UTF-8 byte-order mark', () => {
    expect(decodeBankBytes(bytes([0xef, 0xbb, 0xbf], 'id: café\n'), 'f')).toEqual({ ok: true, text: 'id: café\n' });
    expect(decodeBankBytes(bytes('title: 日本語 ✓\n'), 'f')).toEqual({ ok: true, text: 'title: 日本語 ✓\n' });
  });

  it.each([
    ['UTF-16 LE with a BOM', bytes([0xff, 0xfe], [0x69, 0, 0x64, 0]), 1, 1, 'UTF-16'],
    ['UTF-16 BE with a BOM', bytes([0xfe, 0xff], [0, 0x69, 0, 0x64]), 1, 1, 'UTF-16'],
    ['UTF-32 LE with a BOM', bytes([0xff, 0xfe, 0, 0], [0x69, 0, 0, 0]), 1, 1, 'UTF-32'],
    ['UTF-16 without a BOM', Buffer.from('id: x\ntitle: y\n', 'utf16le'), 1, 1, 'UTF-16 without a byte-order mark'],
    ['a NUL byte in text', bytes('id: x\ntitle: a', [0], 'b\n'), 2, 9, 'NUL byte'],
    // An ELF header is half zeros, but in runs, not every other byte: binary, not UTF-16.
    ['an ELF executable', bytes([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2, 0, 0x3e, 0, 1, 0, 0, 0, 0x40, 0x10, 0, 0, 0, 0, 0, 0]), 1, 8, 'binary (an ELF executable)'],
    ['Latin-1 é', bytes('id: x\ntitle: caf', [0xe9], '\n'), 2, 11, 'not valid UTF-8 (byte 0xE9)'],
    ['a truncated sequence at the end', bytes('id: ', [0xe2, 0x82]), 1, 5, 'not valid UTF-8 (byte 0xE2)'],
    ['an overlong encoding', bytes('a: ', [0xc0, 0xaf]), 1, 4, 'not valid UTF-8 (byte 0xC0)'],
    ['an encoded surrogate', bytes('a: ', [0xed, 0xa0, 0x80]), 1, 4, 'not valid UTF-8 (byte 0xED)'],
    ['a column counted in characters, not bytes', bytes('t: ✓✓', [0xff]), 1, 6, 'not valid UTF-8 (byte 0xFF)'],
  ])('refuses %s at %i:%i', (_name, input, line, col, fragment) => {
    const result = decodeBankBytes(input, 'f.yaml');
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error).toMatchObject({ file: 'f.yaml', line, col, severity: 'error' });
    expect(result.error.message).toContain(fragment);
  });
});
