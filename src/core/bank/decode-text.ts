import type { Diagnostic } from './diagnostic.js';

export type DecodeResult = { ok: true; text: string } | { ok: false; error: Diagnostic };

/**
 * Bytes of a bank file to text. Banks are UTF-8 (a UTF-8 byte-order mark is
 * dropped); anything else is refused with a message that says what the file
 * looks like instead, rather than letting YAML report nonsense about it.
 */
export function decodeBankBytes(bytes: Uint8Array, file: string, kind: 'YAML' | 'GIFT' = 'YAML'): DecodeResult {
  const fail = (line: number, col: number, code: string, message: string): DecodeResult => ({
    ok: false,
    error: { file, line, col, severity: 'error', code, message },
  });
  if (startsWith(bytes, [0xff, 0xfe, 0, 0]) || startsWith(bytes, [0, 0, 0xfe, 0xff])) {
    return fail(1, 1, 'wrong-encoding', 'the file is UTF-32 (it starts with a UTF-32 byte-order mark); save it as UTF-8');
  }
  if (startsWith(bytes, [0xff, 0xfe]) || startsWith(bytes, [0xfe, 0xff])) {
    return fail(1, 1, 'wrong-encoding', 'the file is UTF-16 (it starts with a UTF-16 byte-order mark); save it as UTF-8');
  }
  const body = startsWith(bytes, [0xef, 0xbb, 0xbf]) ? bytes.subarray(3) : bytes;

  const nul = body.indexOf(0);
  if (nul >= 0) {
    const { line, col } = positionOf(body, nul);
    return looksLikeUtf16(body.subarray(0, 512))
      ? fail(1, 1, 'wrong-encoding', 'the file looks like UTF-16 without a byte-order mark (every other byte is zero); save it as UTF-8')
      : fail(line, col, 'binary-file', `the file contains a NUL byte, so it is binary${binaryKind(body)}, not ${kind} text`);
  }

  try {
    return { ok: true, text: new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(body) };
  } catch {
    // Fall through to find where it breaks; the fast decoder does not say.
  }
  const bad = Math.max(0, firstInvalidUtf8(body));
  const { line, col } = positionOf(body, bad);
  const byte = (body[bad] ?? 0).toString(16).toUpperCase().padStart(2, '0');
  return fail(line, col, 'wrong-encoding', `the file is not valid UTF-8 (byte 0x${byte}); it may be Latin-1 or Windows-1252: save it as UTF-8`);
}

/**
 * ASCII text saved as UTF-16 has a zero in every other byte and text in the
 * rest: nearly all zeros on one parity, nearly none on the other. A binary
 * (an executable, an image) has zeros in runs on both.
 */
function looksLikeUtf16(sample: Uint8Array): boolean {
  const zeros = [0, 0];
  for (let i = 0; i < sample.length; i += 1) if (sample[i] === 0) zeros[i % 2]! += 1;
  const half = sample.length / 2;
  const [even, odd] = [zeros[0]! / half, zeros[1]! / half];
  return (even >= 0.9 && odd <= 0.1) || (odd >= 0.9 && even <= 0.1);
}

/** A few common binaries by their magic bytes, to name what was given instead. */
function binaryKind(bytes: Uint8Array): string {
  if (startsWith(bytes, [0x7f, 0x45, 0x4c, 0x46])) return ' (an ELF executable)';
  if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04])) return ' (a ZIP archive: a .docx, .xlsx or Moodle backup?)';
  if (startsWith(bytes, [0x25, 0x50, 0x44, 0x46])) return ' (a PDF)';
  return '';
}

function startsWith(bytes: Uint8Array, prefix: readonly number[]): boolean {
  return prefix.every((b, i) => bytes[i] === b);
}

/** 1-based line and column (in characters) of a byte offset, counting from the last newline. */
function positionOf(bytes: Uint8Array, offset: number): { line: number; col: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset; i += 1) {
    if (bytes[i] === 0x0a) {
      line += 1;
      lineStart = i + 1;
    }
  }
  let col = 1;
  // Continuation bytes (10xxxxxx) do not start a character.
  for (let i = lineStart; i < offset; i += 1) if ((bytes[i]! & 0xc0) !== 0x80) col += 1;
  return { line, col };
}

/** Offset of the first byte that breaks UTF-8 (RFC 3629: no overlongs, no surrogates, max U+10FFFF), or -1. */
function firstInvalidUtf8(bytes: Uint8Array): number {
  let i = 0;
  const n = bytes.length;
  while (i < n) {
    const b = bytes[i]!;
    if (b < 0x80) {
      i += 1;
      continue;
    }
    let need: number;
    let min: number;
    let cp: number;
    if (b >= 0xc2 && b <= 0xdf) [need, min, cp] = [1, 0x80, b & 0x1f];
    else if (b >= 0xe0 && b <= 0xef) [need, min, cp] = [2, 0x800, b & 0x0f];
    else if (b >= 0xf0 && b <= 0xf4) [need, min, cp] = [3, 0x10000, b & 0x07];
    else return i;
    for (let k = 1; k <= need; k += 1) {
      const c = bytes[i + k];
      if (c === undefined || (c & 0xc0) !== 0x80) return i;
      cp = (cp << 6) | (c & 0x3f);
    }
    if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return i;
    i += need + 1;
  }
  return -1;
}
