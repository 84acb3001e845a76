import stripAnsi from 'strip-ansi';

// C0 controls except tab and newline, DEL, and C1 controls. strip-ansi removes
// whole escape sequences first; this catches the lone bytes it leaves (a bare
// ESC, BEL, backspace, carriage return) that could still move the cursor or
// rewrite what the candidate sees.
const LONE_CONTROLS = /[^\P{Cc}\t\n]/gu;

/**
 * Makes text from a bank, a candidate or a certificate safe to draw in a
 * terminal: no escape sequences, no control characters. Tabs become spaces so
 * layout width is predictable; CRLF becomes LF.
 */
export function sanitizeText(text: string): string {
  return stripAnsi(text.replace(/\r\n?/g, '\n'))
    .replace(LONE_CONTROLS, '')
    .replace(/\t/g, '  ');
}
