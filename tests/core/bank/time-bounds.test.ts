import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseBank } from '../../../src/core/bank/parse-bank.js';

const base = readFileSync(fileURLToPath(new URL('../../fixtures/banks/small.yaml', import.meta.url)), 'utf8');

/** The small bank with one line added under `policy:` (or replacing its time limit). */
function withPolicy(line: string): string {
  if (line.startsWith('timeLimitMinutes')) return base.replace('  timeLimitMinutes: 10', `  ${line}`);
  return base.replace('  passMark: 70\n', `  passMark: 70\n  ${line.replace(/\n/g, '\n  ')}\n`);
}
const lineOf = (text: string, needle: string) => text.split('\n').findIndex((l) => l.includes(needle)) + 1;

describe('time values have sane maximums (issue 17.15)', () => {
  it.each([
    ['timeLimitMinutes: 1e308', 'timeLimitMinutes', 'at most 1440'],
    ['timeLimitMinutes: 99999999999', 'timeLimitMinutes', 'at most 1440'],
    ['itemTimeLimitSeconds: 1e308', 'itemTimeLimitSeconds', 'at most 86400'],
    ['onExpiry: grace\ngraceSeconds: 1e300', 'graceSeconds', 'at most 86400'],
    ['attempts:\n  cooldownHours: 1e308', 'cooldownHours', 'at most 8760'],
    ['certificate:\n  validityMonths: 1000000000000', 'validityMonths', 'at most 1200'],
  ])('refuses %j at its file:line:col', (line, field, message) => {
    const text = withPolicy(line);
    const result = parseBank(text, 'b.yaml');
    expect(result.ok).toBe(false);
    const error = result.ok ? undefined : result.errors[0];
    expect(error).toMatchObject({ file: 'b.yaml', line: lineOf(text, `${field}:`), code: 'out-of-range' });
    expect(error!.col).toBeGreaterThanOrEqual(3);
    expect(error!.message).toContain(message);
  });

  it('refuses an item time limit past a day', () => {
    const text = base.replace('    answer: b\n', '    answer: b\n    timeLimitSeconds: 1e308\n');
    const result = parseBank(text, 'b.yaml');
    expect(result.ok ? [] : result.errors.map((e) => [e.line, e.code])).toEqual([[lineOf(text, 'timeLimitSeconds'), 'out-of-range']]);
  });

  it.each(['timeLimitMinutes: 1440', 'itemTimeLimitSeconds: 86400', 'certificate:\n  validityMonths: 1200'])('accepts the bound itself: %j', (line) => {
    const result = parseBank(withPolicy(line), 'b.yaml');
    expect(result.ok ? [] : result.errors).toEqual([]);
  });
});
