import stripAnsi from 'strip-ansi';

// C0 controls except tab and newline, DEL, and C1 controls. strip-ansi removes
// whole escape sequences first; this catches the lone bytes it leaves (a bare
// ESC, BEL, backspace, carriage return, CSI as U+009B) that could still move
// the cursor or rewrite what the reader sees.
const LONE_CONTROLS = /[^\P{Cc}\t\n]/gu;
// Bidi embeddings, overrides and isolates (Unicode TR 9): U+202E can make a
// line read backwards, so "ssap" shows as "pass" (CVE-2021-42574, "Trojan Source").
const BIDI_CONTROLS = /[\u202A-\u202E\u2066-\u2069]/g;
// Half a surrogate pair is not text; terminals draw garbage or drop bytes around it.
const LONE_SURROGATES = /[\uD800-\uDFFF]/gu;

const PLAIN = /^[\x20-\x7E\n]*$/;

/**
 * Makes text from a bank, a candidate, a certificate, a flag, the config or
 * the network safe to draw in a terminal: no escape sequences, no control
 * characters, no bidi overrides, no lone surrogates. Tabs become spaces so
 * layout width is predictable; CRLF becomes LF.
 */
export function sanitizeText(text: string): string {
  // Printable ASCII and line feeds, as most file names and messages are: nothing below applies (verify renders two a file).
  if (PLAIN.test(text)) return text;
  return stripAnsi(text.replace(/\r\n?/g, '\n'))
    .replace(LONE_CONTROLS, '')
    .replace(BIDI_CONTROLS, '')
    .replace(LONE_SURROGATES, '\uFFFD')
    .replace(/\t/g, '  ');
}

/** sanitizeText on one line: line breaks become spaces (for a field in a one-line message). */
export function sanitizeLine(text: string): string {
  return sanitizeText(text).replace(/[ \t]*\n+[ \t]*/g, ' ');
}

// What JSON.stringify leaves raw that a terminal acts on: DEL, C1 controls (CSI is U+009B), bidi controls.
const JSON_UNSAFE = /[\u007F-\u009F\u202A-\u202E\u2066-\u2069]/g;

/**
 * JSON text with the characters a terminal would act on written as `\uXXXX`
 * escapes: the same JSON value, safe to print. (JSON.stringify already escapes
 * C0 controls and lone surrogates.)
 */
export function terminalSafeJson(json: string): string {
  return json.replace(JSON_UNSAFE, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
