import { describe, expect, it } from 'vitest';
import { sameStatement } from '../../../src/core/xapi/statement-match.js';

const sent = {
  id: '00000000-0000-5000-8000-000000000001',
  actor: { account: { homePage: 'https://hr.example.com', name: 'E1' } },
  verb: { id: 'http://adlnet.gov/expapi/verbs/passed', display: { 'en-US': 'passed' } },
  object: { id: 'https://lms.example.com/a' },
  result: { score: { scaled: 0.8 } },
  timestamp: '2026-11-20T09:00:00.000Z',
};

// xAPI 1.0.3 Data §2.3.1: what the LRS sets itself is not a difference; anything else is.
describe('sameStatement', () => {
  it.each([
    ['the statement itself', sent, true],
    ['with stored, authority and version added', { ...sent, stored: '2026-11-20T09:00:01Z', authority: { mbox: 'mailto:a@b.c' }, version: '1.0.3' }, true],
    ['with objectType filled in', { ...sent, actor: { ...sent.actor, objectType: 'Agent' }, object: { ...sent.object, objectType: 'Activity' } }, true],
    ['with the timestamp at another precision', { ...sent, timestamp: '2026-11-20T09:00:00Z' }, true],
    ['with another score', { ...sent, result: { score: { scaled: 0.9 } } }, false],
    ['with a response added', { ...sent, result: { ...sent.result, response: 'x' } }, false],
    ['without the result', { ...sent, result: undefined }, false],
    ['with another timestamp', { ...sent, timestamp: '2026-11-20T09:00:01Z' }, false],
    ['with another verb', { ...sent, verb: { ...sent.verb, id: 'http://adlnet.gov/expapi/verbs/failed' } }, false],
  ])('%s: %s', (_, stored, same) => {
    expect(sameStatement(sent, JSON.parse(JSON.stringify(stored)))).toBe(same);
  });
});
