import { realpathSync } from 'node:fs';
import { userInfo } from 'node:os';
import { hostAssign } from '../../app/host/assign-host.js';
import { loadBankOrThrow } from '../../app/load-bank.js';
import { parseTarget } from '../../core/host/assign-targets.js';
import { formatRemaining } from '../../core/host/host-status.js';
import { addAgent, listAgents, removeAgentFromHost } from '../../app/host/agents.js';
import { extendAttempt } from '../../app/host/extend.js';
import { hostStatus } from '../../app/host/host-status.js';
import { initHost } from '../../app/host/init-host.js';
import { agentCertificates, agentHistory, sessionAgent } from '../../app/host/session-verbs.js';
import { sanitizeLine, sanitizeText } from '../../core/text/sanitize.js';
import { wrapWords } from '../../core/text/wrap.js';
import { resolveDataDir } from '../../store/data-dir.js';
import { UserError } from '../../errors/user-error.js';
import { ExitCode, type ExitCodeValue } from '../../errors/exit-codes.js';
import type { Run } from '../lazy-action.js';
import { printJson, writeOut } from '../output.js';
import { parseAttempts, parseDate } from './assign.js';
import { parseExtraTime } from './take-options.js';


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

export const runAssign: Run<
  [string],
  { to: string[]; extraTime?: string; attempts?: string; reason?: string; opens?: string; closes?: string; skipExisting?: boolean; json?: boolean }
> = async ([bankPath], options, globals) => {
  const hostDir = resolveDataDir(globals);
  const extraTime = parseExtraTime(options.extraTime);
  const attempts = options.attempts === undefined ? undefined : parseAttempts('--attempts', options.attempts);
  const opens = options.opens === undefined ? undefined : parseDate('--opens', options.opens);
  const closes = options.closes === undefined ? undefined : parseDate('--closes', options.closes);
  const made = await hostAssign({
    hostDir,
    bank: await loadBankOrThrow(bankPath),
    to: options.to.map(parseTarget),
    extraTime,
    ...(attempts !== undefined ? { attempts } : {}),
    ...(options.reason ? { reason: options.reason } : {}),
    ...(opens ? { opens } : {}),
    ...(closes ? { closes } : {}),
    ...(options.skipExisting ? { skipExisting: true } : {}),
  });
  if (options.json) {
    printJson({
      bankFile: made.bankFile,
      assigned: made.assigned.map(({ assignment: a, file }) => ({
        id: a.id,
        employeeId: a.candidate.employeeId,
        bank: a.bank,
        attempt: a.attempt.number,
        of: a.attempt.of ?? null,
        extraTime: a.accommodations.extraTime,
        opens: a.window.opens,
        closes: a.window.closes,
        file,
      })),
      skipped: made.skipped,
    });
    return ExitCode.ok;
  }
  const lines = made.assigned.map(({ assignment: a }) =>
    `Assigned ${a.bank.id} to ${a.candidate.employeeId} (${a.candidate.name ?? ''}), attempt ${a.attempt.number}${a.attempt.of ? ` of ${a.attempt.of}` : ''}, until ${a.window.closes}`,
  );
  for (const s of made.skipped) lines.push(`Skipped ${s.employeeId}: already has ${s.assignment} (closes ${s.closes})`);
  if (made.assigned.length === 0) lines.push('No one was assigned.');
  lines.push(`Bank registered as ${made.bankFile}`);
  writeOut(`${lines.map((l) => sanitizeText(l)).join('\n')}\n`);
  return ExitCode.ok;
};

/** A table cell: one safe line, cut to `width` with an ellipsis, padded. */
function cell(text: string, width: number): string {
  const chars = [...sanitizeLine(text)];
  return (chars.length > width ? `${chars.slice(0, width - 1).join('')}…` : chars.join('')).padEnd(width);
}

const clock = (ms: number): string => new Date(ms).toTimeString().slice(0, 5);

export const runStatus: Run<[], { json?: boolean }> = async (_, options, globals) => {
  const status = await hostStatus(resolveDataDir(globals));
  if (options.json) {
    printJson({
      at: new Date(status.now).toISOString(),
      running: status.running.map((r) => ({ ...r, startedAt: new Date(r.startedAt).toISOString(), deadline: new Date(r.deadline).toISOString(), answered: r.answered ?? null })),
      finishedToday: status.finishedToday,
      problems: status.problems,
    });
    return ExitCode.ok;
  }
  const lines: string[] = [];
  if (status.running.length === 0) lines.push(`No one is taking a test now (${clock(status.now)}).`);
  else {
    lines.push(`Taking a test now: ${status.running.length} (at ${clock(status.now)})`);
    lines.push(`${cell('EMPLOYEE', 10)} ${cell('NAME', 16)} ${cell('BANK', 16)} START END   EXT ${cell('LEFT', 8)} DONE`);
    for (const r of status.running) {
      const left = r.remainingMs < 0 ? 'overdue' : formatRemaining(r.remainingMs);
      const ext = r.extensionMinutes > 0 ? `+${r.extensionMinutes}` : '';
      lines.push(`${cell(r.employeeId, 10)} ${cell(r.name, 16)} ${cell(r.bank.id, 16)} ${clock(r.startedAt)} ${clock(r.deadline)} ${cell(ext, 3)} ${cell(left, 8)} ${r.answered ?? '?'}/${r.total}`);
    }
  }
  const done = status.finishedToday;
  lines.push(`Finished today: ${done.total} (${done.passed} passed${done.awaitingMarking > 0 ? `, ${done.awaitingMarking} awaiting marking` : ''})`);
  for (const b of done.byBank) {
    const waiting = b.awaitingMarking > 0 ? ` ${String(b.awaitingMarking).padStart(4)} awaiting` : '';
    lines.push(`  ${cell(b.bank, 32)} ${String(b.total).padStart(5)} finished ${String(b.passed).padStart(5)} passed${waiting}`);
  }
  for (const p of status.problems.slice(0, 5)) lines.push(`warning: ${cell(p, 71).trimEnd()}`);
  if (status.problems.length > 5) lines.push(`warning: … and ${status.problems.length - 5} more (see --json)`);
  writeOut(`${lines.join('\n')}\n`);
  return ExitCode.ok;
};

export const runExtend: Run<[], { attempt?: string; employee?: string; minutes: string; reason: string; by?: string; json?: boolean }> = async (_, options, globals) => {
  if (!/^\d{1,4}$/.test(options.minutes)) throw new UserError(`--minutes: expected a whole number of minutes, found "${sanitizeLine(options.minutes.slice(0, 40))}"`, { exitCode: ExitCode.usage });
  const granted = await extendAttempt({
    hostDir: resolveDataDir(globals),
    ...(options.attempt !== undefined ? { attemptId: options.attempt } : {}),
    ...(options.employee !== undefined ? { employeeId: options.employee } : {}),
    minutes: Number(options.minutes),
    reason: options.reason,
    by: options.by ?? userInfo().username,
  });
  if (options.json) {
    printJson({ extension: granted.extension, totalMinutes: granted.totalMinutes, deadline: new Date(granted.deadline).toISOString() });
    return ExitCode.ok;
  }
  const h = granted.header;
  writeOut(
    sanitizeText(
      `Gave ${h.candidate.employeeId} (${h.candidate.name}) ${granted.extension.minutes} more minutes on ${h.bank.id}: deadline now ${clock(granted.deadline)}, ${granted.totalMinutes} extra in all.\nSigned and logged as ${granted.extension.id}.\n`,
    ),
  );
  return ExitCode.ok;
};

/**
 * `host issue`: exit 0 when every attempt looked at was issued, waits for
 * marks, or did not pass; otherwise the first refusal's code. With --attempt,
 * that attempt's own: 40 still waiting, 1 not passed, 8 issued before.
 */
export const runIssue: Run<[], { attempt?: string; json?: boolean }> = async (_, options, globals) => {
  const { issueMarked } = await import('../../app/host/issue-marked.js');
  const done = await issueMarked({ hostDir: resolveDataDir(globals), ...(options.attempt !== undefined ? { attemptId: options.attempt } : {}) });
  const code = issueExitCode(done.outcomes, options.attempt !== undefined);
  if (options.json) {
    printJson({ outcomes: done.outcomes, problems: done.problems });
    return code;
  }
  const lines: string[] = [];
  // Ids and messages are long: each outcome is a heading, then its details indented and wrapped to 80 columns.
  const detail = (text: string) => wrapWords(sanitizeLine(text), 76).map((l) => `  ${l}`);
  let earlier = 0;
  let failedEarlier = 0;
  for (const o of done.outcomes) {
    const who = `${o.attempt} (${o.employeeId}, ${o.bank})`;
    switch (o.kind) {
      case 'issued':
        lines.push(`Issued ${who}: ${o.score}%`, ...detail(o.certificate), ...detail(`written to ${o.file}`));
        break;
      case 'waiting':
        lines.push(`Waiting ${who}:`, ...o.waiting.flatMap(detail));
        break;
      case 'not-passed':
        lines.push(`Not passed ${who}:`, ...detail(`recorded against its assignment. ${o.message}`));
        break;
      case 'refused':
        lines.push(`Refused ${who} (exit ${o.exitCode}):`, ...detail(o.message));
        break;
      case 'already-issued':
        if (options.attempt !== undefined) lines.push(`Already issued ${who}:`, ...detail(o.certificate));
        earlier += 1;
        break;
      case 'not-passed-earlier':
        failedEarlier += 1;
        break;
      default:
        throw new Error(`unexpected outcome ${String((o as { kind: unknown }).kind)}`);
    }
  }
  if (options.attempt === undefined) {
    if (lines.length === 0) lines.push('Nothing on this host waits to be issued after marking.');
    if (earlier + failedEarlier > 0) lines.push(`Settled before: ${earlier} issued, ${failedEarlier} not passed (see one again: --attempt <id>).`);
  }
  for (const p of done.problems.slice(0, 5)) lines.push(...wrapWords(sanitizeLine(`warning: ${p}`), 80));
  if (done.problems.length > 5) lines.push(`warning: … and ${done.problems.length - 5} more (see --json)`);
  writeOut(`${lines.map((l) => sanitizeLine(l)).join('\n')}\n`);
  return code;
};

function issueExitCode(outcomes: ReadonlyArray<{ kind: string; exitCode?: ExitCodeValue }>, one: boolean): ExitCodeValue {
  const refused = outcomes.find((o) => o.kind === 'refused');
  if (refused?.exitCode !== undefined) return refused.exitCode;
  if (!one) return ExitCode.ok;
  switch (outcomes[0]?.kind) {
    case 'waiting':
      return ExitCode.awaitingMarking;
    case 'not-passed':
      return ExitCode.failed;
    case 'already-issued':
      return ExitCode.alreadyIssued;
    default:
      return ExitCode.ok;
  }
}

/** The commands an agent may send over SSH (`ssh exam@host certificates`). */
const VERBS = ['certificates', 'history'] as const;

/**
 * The forced command. sshd puts what the client asked to run in
 * SSH_ORIGINAL_COMMAND; only a few read-only verbs are honoured, and nothing
 * the client sends reaches a shell.
 */
export const runSession: Run<[], { employee: string }> = async (_, options, globals) => {
  const hostDir = resolveDataDir(globals);
  const { agent } = await sessionAgent(hostDir, options.employee);
  const asked = (process.env['SSH_ORIGINAL_COMMAND'] ?? '').trim();
  switch (asked) {
    case 'certificates':
      printJson(await agentCertificates(hostDir, agent.employeeId));
      return ExitCode.ok;
    case 'history':
      printJson(await agentHistory(hostDir, agent.employeeId));
      return ExitCode.ok;
    case '':
      // Without a verb the session is the menu and the test, drawn by the host-session screens (src/cli/commands/host.ts).
      throw new Error('host session without a verb runs the screens, not this module');
    default:
      throw new UserError(`this exam host does not run ${JSON.stringify(asked.slice(0, 60))}: it takes only ${VERBS.join(' and ')}`, { exitCode: ExitCode.usage });
  }
};
