import { sanitizeText } from './sanitize.js';

/**
 * One CSV text field (RFC 4180), safe to open in a spreadsheet and to print:
 * text a spreadsheet would run as a formula (=, +, -, @, tab, CR first) gets a
 * leading apostrophe (OWASP CSV injection advice), and control characters and
 * escape sequences are removed.
 */
export function csvText(value: string): string {
  const clean = sanitizeText(value);
  const safe = /^[=+\-@\t\r]/.test(clean) ? `'${clean}` : clean;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}
