import { realpathSync } from 'node:fs';
import { addAgent, listAgents, removeAgentFromHost } from '../../app/host/agents.js';
import { initHost } from '../../app/host/init-host.js';
import { agentCertificates, agentHistory } from '../../app/host/session-verbs.js';
import { checkEmployeeId } from '../../core/host/roster.js';
import { sanitizeText } from '../../core/text/sanitize.js';
import { resolveDataDir } from '../../store/data-dir.js';
import { readHostFile, readRoster } from '../../store/host-files.js';
import { UserError } from '../../errors/user-error.js';
import { ExitCode } from '../../errors/exit-codes.js';
import type { Run } from '../lazy-action.js';
import { printJson, writeOut } from '../output.js';


export const runInit: Run<[string], { org: string; url?: string; statusUrl?: string; user: string; json?: boolean }> = async ([dir], options) => {
  const made = await initHost({
    dir,
    user: options.user,
    org: options.org,
    ...(options.url ? { url: options.url } : {}),
    ...(options.statusUrl ? { statusUrl: options.statusUrl } : {}),
    node: process.execPath,
    frontline: realpathSync(process.argv[1] ?? ''),
  });
  if (options.json) {
    printJson({ dir: made.dir, user: made.host.user, did: made.did, sshdConfig: made.sshdConfig });
    return ExitCode.ok;
  }
  writeOut(
    sanitizeText(
      [
        `Exam host created in ${made.dir} (signing key ${made.did}).`,
        `1. Add these lines to /etc/ssh/sshd_config, then \`systemctl reload ssh\`:`,
        '',
        made.sshdConfig,
        `2. Make ${made.dir} belong to the ${made.host.user} account: chown -R ${made.host.user}: ${made.dir}`,
        `3. Register agents: frontline --data-dir ${made.dir} host agent add --employee E123 --name "Dana Li" --key dana.pub`,
        `4. Give HR the trust entry: frontline trust add ${made.dir}/keys/issuer.json`,
        '',
      ].join('\n'),
    ),
  );
  return ExitCode.ok;
};

export const runAgentAdd: Run<[], { employee: string; name: string; key: string; group?: string; json?: boolean }> = async (_, options, globals) => {
  const hostDir = resolveDataDir(globals);
  const changed = await addAgent(hostDir, { employeeId: options.employee, name: options.name, ...(options.group ? { group: options.group } : {}) }, options.key);
  const key = changed.agent.keys[changed.agent.keys.length - 1];
  if (options.json) {
    printJson({ employeeId: changed.agent.employeeId, name: changed.agent.name, group: changed.agent.group ?? null, fingerprint: key?.fingerprint, authorizedKeys: changed.authorizedKeys });
    return ExitCode.ok;
  }
  writeOut(sanitizeText(`Registered ${key?.fingerprint} for ${changed.agent.employeeId} (${changed.agent.name}); ${changed.authorizedKeys} updated.\n`));
  return ExitCode.ok;
};

export const runAgentRemove: Run<[], { employee: string; fingerprint?: string; json?: boolean }> = async (_, options, globals) => {
  const hostDir = resolveDataDir(globals);
  const changed = await removeAgentFromHost(hostDir, options.employee, options.fingerprint);
  if (options.json) {
    printJson({ employeeId: changed.agent.employeeId, removed: options.fingerprint ?? 'agent', authorizedKeys: changed.authorizedKeys });
    return ExitCode.ok;
  }
  writeOut(sanitizeText(`Removed ${options.fingerprint ? `key ${options.fingerprint} of ` : ''}${changed.agent.employeeId}; ${changed.authorizedKeys} updated.\n`));
  return ExitCode.ok;
};

export const runAgentList: Run<[], { json?: boolean }> = async (_, options, globals) => {
  const agents = await listAgents(resolveDataDir(globals));
  if (options.json) {
    printJson({ agents });
    return ExitCode.ok;
  }
  if (agents.length === 0) {
    writeOut('No agents registered yet: frontline host agent add --employee E123 --name "Dana Li" --key dana.pub\n');
    return ExitCode.ok;
  }
  const lines = agents.map((a) => `${a.employeeId.padEnd(12)} ${a.name.slice(0, 28).padEnd(28)} ${(a.group ?? '-').padEnd(12)} ${a.keys.length} key${a.keys.length === 1 ? '' : 's'}`);
  writeOut(sanitizeText(`${'EMPLOYEE'.padEnd(12)} ${'NAME'.padEnd(28)} ${'GROUP'.padEnd(12)} KEYS\n${lines.join('\n')}\n`));
  return ExitCode.ok;
};

/** The commands an agent may send over SSH (`ssh exam@host certificates`). */
const VERBS = ['certificates', 'history'] as const;

/**
 * The forced command. sshd puts what the client asked to run in
 * SSH_ORIGINAL_COMMAND; only a few read-only verbs are honoured, and nothing
 * the client sends reaches a shell.
 */
export const runSession: Run<[], { employee: string }> = async (_, options, globals) => {
  const hostDir = resolveDataDir(globals);
  await readHostFile(hostDir);
  const idProblem = checkEmployeeId(options.employee);
  if (idProblem) throw new UserError(idProblem, { exitCode: ExitCode.usage });
  const agent = (await readRoster(hostDir)).agents.find((a) => a.employeeId === options.employee);
  if (!agent) throw new UserError(`${options.employee} is not on this host's roster`, { exitCode: ExitCode.notAllowed, hint: 'ask your trainer to register your key' });
  const asked = (process.env['SSH_ORIGINAL_COMMAND'] ?? '').trim();
  switch (asked) {
    case 'certificates':
      printJson(await agentCertificates(hostDir, agent.employeeId));
      return ExitCode.ok;
    case 'history':
      printJson(await agentHistory(hostDir, agent.employeeId));
      return ExitCode.ok;
    case '':
      throw new UserError('taking tests over SSH is not available on this host yet; it answers `certificates` and `history`', {
        exitCode: ExitCode.usage,
        hint: 'e.g. ssh exam@host certificates > mine.json',
      });
    default:
      throw new UserError(`this exam host does not run ${JSON.stringify(asked.slice(0, 60))}: it takes only ${VERBS.join(' and ')}`, { exitCode: ExitCode.usage });
  }
};
