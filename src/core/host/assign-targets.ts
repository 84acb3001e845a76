import type { Roster, RosterAgent } from './roster.js';

/** Who a `--to` names: one employee id, or `group:<name>` for every agent in that group. */
export type AssignTarget = { kind: 'agent'; employeeId: string } | { kind: 'group'; group: string };

export type TargetsResolution = { ok: true; agents: RosterAgent[] } | { ok: false; message: string };

export function parseTarget(value: string): AssignTarget {
  return value.startsWith('group:') ? { kind: 'group', group: value.slice('group:'.length) } : { kind: 'agent', employeeId: value };
}

/**
 * The roster's agents the targets name, each once, in the order first named.
 * An id not on the roster or a group with no one in it refuses the whole
 * list: assigning to the others would hide a typo until the agent calls.
 */
export function resolveTargets(roster: Roster, targets: readonly AssignTarget[]): TargetsResolution {
  if (targets.length === 0) return { ok: false, message: 'no one to assign: give --to E123 or --to group:team-a' };
  const chosen: RosterAgent[] = [];
  const add = (agent: RosterAgent) => {
    if (!chosen.includes(agent)) chosen.push(agent);
  };
  for (const target of targets) {
    switch (target.kind) {
      case 'agent': {
        const agent = roster.agents.find((a) => a.employeeId === target.employeeId);
        if (!agent) return { ok: false, message: `--to ${target.employeeId}: no agent with that employee id on this host's roster` };
        add(agent);
        break;
      }
      case 'group': {
        if (target.group === '') return { ok: false, message: '--to group:: give the group\'s name, e.g. group:team-a' };
        const members = roster.agents.filter((a) => a.group === target.group);
        if (members.length === 0) return { ok: false, message: `--to group:${target.group}: no agent on this host's roster is in that group` };
        members.forEach(add);
        break;
      }
      default: {
        const unknown: never = target;
        throw new Error(`unknown target ${JSON.stringify(unknown)}`);
      }
    }
  }
  return { ok: true, agents: chosen };
}

export interface AssignmentFacts {
  assignments: ReadonlyArray<{ id: string; employeeId: string; bank: { id: string }; closes: string }>;
  /** Ids of assignments an attempt has used up: certified, or recorded as failed. */
  used: ReadonlySet<string>;
}

/**
 * An assignment the agent can still take at this bank: not closed by `now`
 * and not used up by a finished attempt. A second one would let them hold
 * two forms (and seeds) at once; the trainer decides with --skip-existing.
 */
export function openAssignmentFor(facts: AssignmentFacts, employeeId: string, bankId: string, now: number): { id: string; closes: string } | undefined {
  return facts.assignments.find((a) => a.employeeId === employeeId && a.bank.id === bankId && Date.parse(a.closes) > now && !facts.used.has(a.id));
}
