import { describe, expect, it } from 'vitest';
import { openAssignmentFor, parseTarget, resolveTargets } from '../../../src/core/host/assign-targets.js';
import type { Roster, RosterAgent } from '../../../src/core/host/roster.js';

const agent = (employeeId: string, group?: string): RosterAgent => ({ employeeId, name: `Agent ${employeeId}`, ...(group ? { group } : {}), keys: [] });
const roster: Roster = { format: 'frontline.roster/1', agents: [agent('E1', 'team-a'), agent('E2', 'team-a'), agent('E3', 'team-b'), agent('E4')] };
const ids = (to: string[]) => {
  const resolved = resolveTargets(roster, to.map(parseTarget));
  return resolved.ok ? resolved.agents.map((a) => a.employeeId) : resolved.message;
};

describe('resolveTargets: --to values to roster agents', () => {
  it.each([
    [['E4'], ['E4']],
    [['group:team-a'], ['E1', 'E2']],
    [['E3', 'group:team-a'], ['E3', 'E1', 'E2']],
    // Named twice (alone and through the group): assigned once.
    [['E2', 'group:team-a', 'E2'], ['E2', 'E1']],
    [['group:team-a', 'group:team-b'], ['E1', 'E2', 'E3']],
  ])('%j → %j', (to, expected) => {
    expect(ids(to)).toEqual(expected);
  });

  it.each([
    [['E9'], /--to E9: no agent with that employee id/],
    [['E1', 'E9'], /--to E9: no agent/],
    [['group:nobody'], /--to group:nobody: no agent .* in that group/],
    [['group:'], /give the group's name/],
    [[], /no one to assign/],
    // Ids are matched exactly: no case folding, no prefixes.
    [['e1'], /--to e1: no agent/],
  ])('%j is refused whole: %s', (to, message) => {
    expect(ids(to)).toMatch(message);
  });
});

describe('openAssignmentFor: what counts as an open assignment', () => {
  const now = Date.parse('2026-12-01T12:00:00Z');
  const entry = (id: string, employeeId: string, bank: string, closes: string) => ({ id, employeeId, bank: { id: bank }, closes });
  const assignments = [entry('a1', 'E1', 'returns', '2026-12-05T00:00:00Z'), entry('a2', 'E2', 'returns', '2026-11-30T00:00:00Z'), entry('a3', 'E3', 'returns', '2026-12-05T00:00:00Z')];
  it.each([
    ['E1', 'returns', new Set<string>(), 'a1'],
    ['E1', 'chat', new Set<string>(), undefined],
    ['E2', 'returns', new Set<string>(), undefined],
    ['E3', 'returns', new Set(['a3']), undefined],
    ['E4', 'returns', new Set<string>(), undefined],
  ])('%s on %s (used: %j) → %s', (employeeId, bank, used, expected) => {
    expect(openAssignmentFor({ assignments, used }, employeeId, bank, now)?.id).toBe(expected);
  });
});
