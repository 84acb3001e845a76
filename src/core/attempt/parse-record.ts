import validateAttempt from '../../generated/attempt.validate.js';
import { oneLine } from '../text/one-line.js';
import type { AttemptRecord } from './types.js';

const FORMAT: AttemptRecord['format'] = 'frontline.attempt/1';

export type AttemptParse = { ok: true; record: AttemptRecord } | { ok: false; problem: string };

/**
 * Parses and checks the text of one attempt record (a file, or a line of a
 * JSONL file). The problem says what is wrong in words a trainer can act on
 * (truncated, not JSON, another format, which field); the caller puts the file
 * (and line) in front of it.
 */
export function parseAttemptRecord(text: string): AttemptParse {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    const message = oneLine((error as Error).message);
    // A record cut short (a crash mid-write, a partial copy) usually fails somewhere before its end, so judge by the end.
    const truncated = text.trimStart().startsWith('{') && (/end of (JSON )?input|Unterminated/i.test(message) || !text.trimEnd().endsWith('}'));
    return { ok: false, problem: `${truncated ? 'truncated JSON' : 'not valid JSON'} (${message})` };
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data)) return { ok: false, problem: 'not an attempt record (not a JSON object)' };
  const format = (data as { format?: unknown }).format;
  if (format !== FORMAT) return { ok: false, problem: `not a ${FORMAT} record (${format === undefined ? 'it has no format field' : `its format is ${JSON.stringify(format)}`})` };
  if (!validateAttempt(data)) {
    const first = validateAttempt.errors?.[0];
    const where = first?.instancePath ? ` at ${first.instancePath}` : '';
    return { ok: false, problem: `invalid attempt record${where}: ${first?.message ?? 'does not match the schema'}` };
  }
  return { ok: true, record: data as AttemptRecord };
}
