/** The exam host's roster: who may connect, with which SSH keys. */
export interface RosterKey {
  /** `type base64`, as in a .pub file, without its comment. */
  key: string;
  /** `SHA256:…`, as `ssh-keygen -l` prints it. */
  fingerprint: string;
  addedAt: string;
}

export interface RosterAgent {
  employeeId: string;
  name: string;
  group?: string;
  keys: RosterKey[];
}

export interface Roster {
  format: 'frontline.roster/1';
  agents: RosterAgent[];
}

export const emptyRoster = (): Roster => ({ format: 'frontline.roster/1', agents: [] });

/**
 * Employee ids become part of a forced command in authorized_keys and of file
 * names, so only characters no shell, sshd or file system reads specially.
 */
const EMPLOYEE_ID = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;
const GROUP = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;

export type RosterChange = { ok: true; roster: Roster; agent: RosterAgent } | { ok: false; message: string };

export function checkEmployeeId(id: string): string | undefined {
  return EMPLOYEE_ID.test(id)
    ? undefined
    : `employee id ${JSON.stringify(id)}: use 1-64 letters, digits, '.', '_' or '-', starting with a letter or digit`;
}

/** Adds a key to an agent (the agent is created when new). A key may belong to one agent only. */
export function addAgentKey(
  roster: Roster,
  agent: { employeeId: string; name: string; group?: string },
  key: Omit<RosterKey, 'addedAt'>,
  now: string,
): RosterChange {
  const idProblem = checkEmployeeId(agent.employeeId);
  if (idProblem) return { ok: false, message: idProblem };
  if (agent.group !== undefined && !GROUP.test(agent.group)) {
    return { ok: false, message: `group ${JSON.stringify(agent.group)}: use 1-64 letters, digits, '.', '_' or '-'` };
  }
  const name = agent.name.trim();
  if (!name || /[\p{Cc}\p{Cf}]/u.test(name)) return { ok: false, message: 'name: give the agent\'s name, without control characters' };
  const holder = roster.agents.find((a) => a.keys.some((k) => k.fingerprint === key.fingerprint));
  if (holder) {
    return {
      ok: false,
      message:
        holder.employeeId === agent.employeeId
          ? `key ${key.fingerprint} is already registered for ${agent.employeeId}`
          : `key ${key.fingerprint} is already registered for ${holder.employeeId}: one key, one person`,
    };
  }
  const existing = roster.agents.find((a) => a.employeeId === agent.employeeId);
  const updated: RosterAgent = {
    employeeId: agent.employeeId,
    name,
    ...((agent.group ?? existing?.group) !== undefined ? { group: agent.group ?? existing?.group } : {}),
    keys: [...(existing?.keys ?? []), { ...key, addedAt: now }],
  };
  const agents = existing ? roster.agents.map((a) => (a === existing ? updated : a)) : [...roster.agents, updated];
  agents.sort((a, b) => a.employeeId.localeCompare(b.employeeId));
  return { ok: true, roster: { ...roster, agents }, agent: updated };
}

/** Removes an agent, or one of their keys when `fingerprint` is given. */
export function removeAgent(roster: Roster, employeeId: string, fingerprint?: string): RosterChange {
  const agent = roster.agents.find((a) => a.employeeId === employeeId);
  if (!agent) return { ok: false, message: `no agent ${employeeId} on the roster` };
  if (fingerprint === undefined) return { ok: true, roster: { ...roster, agents: roster.agents.filter((a) => a !== agent) }, agent };
  if (!agent.keys.some((k) => k.fingerprint === fingerprint)) return { ok: false, message: `${employeeId} has no key ${fingerprint}` };
  const updated = { ...agent, keys: agent.keys.filter((k) => k.fingerprint !== fingerprint) };
  return { ok: true, roster: { ...roster, agents: roster.agents.map((a) => (a === agent ? updated : a)) }, agent: updated };
}
