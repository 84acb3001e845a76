import type { Roster } from './roster.js';

/** Characters a path may hold to appear unquoted in a forced command (no shell or sshd quoting needed). */
const PLAIN_WORD = /^[A-Za-z0-9_@%+=:,./-]+$/;

export function checkCommandWord(word: string): string | undefined {
  return PLAIN_WORD.test(word) ? undefined : `${JSON.stringify(word)}: a path in the forced command may hold only letters, digits and _@%+=:,./-`;
}

export interface SessionCommand {
  /** The Node binary, absolute. */
  node: string;
  /** frontline's launcher (bin/frontline.js), absolute. */
  frontline: string;
  /** The host folder (the data dir), absolute. */
  hostDir: string;
}

/** The command sshd runs for an agent's key, whatever the client asked for (that arrives in SSH_ORIGINAL_COMMAND). */
export function sessionCommand(command: SessionCommand, employeeId: string): string {
  return `${command.node} ${command.frontline} --data-dir ${command.hostDir} host session --employee ${employeeId}`;
}

/**
 * The managed authorized_keys file: one line per registered key, each
 * `restrict` (no forwarding of any kind, no X11, no agent, no user rc) with a
 * pty allowed back, and bound by a forced command to its agent's employee id:
 * the pattern git hosting servers use. sshd reads the file as it is; it is
 * rewritten whole from the roster on every change.
 */
export function renderAuthorizedKeys(roster: Roster, command: SessionCommand): string {
  const lines = ['# Managed by `frontline host agent`: changes made by hand are overwritten.'];
  for (const agent of roster.agents) {
    for (const key of agent.keys) {
      lines.push(`restrict,pty,command="${sessionCommand(command, agent.employeeId)}" ${key.key} frontline:${agent.employeeId}`);
    }
  }
  return `${lines.join('\n')}\n`;
}
