import { describe, expect, it } from 'vitest';
import { renderAuthorizedKeys, sessionCommand } from '../../../src/core/host/authorized-keys.js';
import { addAgentKey, checkEmployeeId, emptyRoster, removeAgent, type Roster } from '../../../src/core/host/roster.js';

const key = (n: number) => ({ key: `ssh-ed25519 AAAAkey${n}`, fingerprint: `SHA256:fp${n}` });
const NOW = '2026-12-05T10:00:00.000Z';
const command = { node: '/usr/bin/node', frontline: '/opt/frontline/bin/frontline.js', hostDir: '/srv/frontline' };

function added(roster: Roster, employeeId: string, n: number, group?: string): Roster {
  const result = addAgentKey(roster, { employeeId, name: `Agent ${employeeId}`, ...(group ? { group } : {}) }, key(n), NOW);
  if (!result.ok) throw new Error(result.message);
  return result.roster;
}

describe('employee ids on the exam host', () => {
  it.each(['E123', 'dana.li', 'a_b-c', 'X'.repeat(64)])('accepts %s', (id) => expect(checkEmployeeId(id)).toBeUndefined());
  it.each(['', 'E1;rm -rf /', 'E1 E2', '$(id)', '`id`', 'E"1', "E'1", '-E1', '.hidden', 'X'.repeat(65), 'E1\n', 'É1'])(
    'refuses %j: it would reach the forced command or a file name',
    (id) => expect(checkEmployeeId(id)).toMatch(/^employee id /),
  );
});

describe('the roster', () => {
  it('gives one key to one person only', () => {
    const roster = added(emptyRoster(), 'E1', 1);
    const again = addAgentKey(roster, { employeeId: 'E2', name: 'Other' }, key(1), NOW);
    expect(again).toEqual({ ok: false, message: 'key SHA256:fp1 is already registered for E1: one key, one person' });
    expect(addAgentKey(roster, { employeeId: 'E1', name: 'Agent E1' }, key(1), NOW)).toEqual({ ok: false, message: 'key SHA256:fp1 is already registered for E1' });
  });

  it('adds a second key to an agent and keeps their group', () => {
    const roster = added(added(emptyRoster(), 'E1', 1, 'team-a'), 'E1', 2);
    expect(roster.agents).toHaveLength(1);
    expect(roster.agents[0]?.group).toBe('team-a');
    expect(roster.agents[0]?.keys.map((k) => k.fingerprint)).toEqual(['SHA256:fp1', 'SHA256:fp2']);
  });

  it('refuses names with control characters and bad groups', () => {
    expect(addAgentKey(emptyRoster(), { employeeId: 'E1', name: 'Dana\u001b[2J' }, key(1), NOW).ok).toBe(false);
    expect(addAgentKey(emptyRoster(), { employeeId: 'E1', name: '  ' }, key(1), NOW).ok).toBe(false);
    expect(addAgentKey(emptyRoster(), { employeeId: 'E1', name: 'Dana', group: 'team a' }, key(1), NOW).ok).toBe(false);
  });

  it('removes an agent, or one key', () => {
    const roster = added(added(emptyRoster(), 'E1', 1), 'E1', 2);
    const oneKey = removeAgent(roster, 'E1', 'SHA256:fp1');
    expect(oneKey.ok && oneKey.roster.agents[0]?.keys.map((k) => k.fingerprint)).toEqual(['SHA256:fp2']);
    const gone = removeAgent(roster, 'E1');
    expect(gone.ok && gone.roster.agents).toEqual([]);
    expect(removeAgent(roster, 'E9')).toEqual({ ok: false, message: 'no agent E9 on the roster' });
    expect(removeAgent(roster, 'E1', 'SHA256:nope')).toEqual({ ok: false, message: 'E1 has no key SHA256:nope' });
  });
});

describe('the managed authorized_keys', () => {
  it('binds each key to its agent by a restricted forced command', () => {
    const text = renderAuthorizedKeys(added(added(emptyRoster(), 'E2', 2), 'E1', 1), command);
    expect(text.split('\n')).toEqual([
      '# Managed by `frontline host agent`: changes made by hand are overwritten.',
      'restrict,pty,command="/usr/bin/node /opt/frontline/bin/frontline.js --data-dir /srv/frontline host session --employee E1" ssh-ed25519 AAAAkey1 frontline:E1',
      'restrict,pty,command="/usr/bin/node /opt/frontline/bin/frontline.js --data-dir /srv/frontline host session --employee E2" ssh-ed25519 AAAAkey2 frontline:E2',
      '',
    ]);
    expect(sessionCommand(command, 'E1')).not.toMatch(/["'`$;&|<>\\]/);
  });
});
