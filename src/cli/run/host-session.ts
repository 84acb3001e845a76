import { hostname } from 'node:os';
import { agentMenu, type MenuEntry } from '../../app/host/agent-menu.js';
import { extensionFor } from '../../app/host/extend.js';
import { issueHosted } from '../../app/host/issue-hosted.js';
import { sessionAgent } from '../../app/host/session-verbs.js';
import { queueXapiStatements } from '../../app/take/after-attempt.js';
import { openTakeSession, type TakeSession } from '../../app/take/take-session.js';
import { utcMinute, type Unfinished } from '../../app/take/unfinished.js';
import { supersedeOldSession } from '../../app/host/supersede.js';
import { assemble } from '../../core/attempt/assemble.js';
import { sanitizeText } from '../../core/text/sanitize.js';
import type { ConfigStore } from '../../store/config.js';
import { resolveDataDir } from '../../store/data-dir.js';
import type { HostMenuItem } from '../../ui/host/host-menu.js';
import type { TakeOutcome } from '../../ui/take/take-app.js';
import { UserError } from '../../errors/user-error.js';
import { ExitCode, type ExitCodeValue } from '../../errors/exit-codes.js';
import type { Run } from '../lazy-action.js';
import { writeErr, writeOut, writeThroughStreams } from '../output.js';
import { attemptVerdict } from './attempt-verdict.js';
import { formatClock } from '../../ui/widgets/countdown.js';

/** Longest idle time at the menu one may set: a day. */
const MAX_IDLE_MINUTES = 24 * 60;

/**
 * The forced command without a verb: the agent's menu of assignments on this
 * host, then the chosen test as `take` runs it, with the seed, clock, journal,
 * attempt count and signing key all on the host. A dropped connection (SIGHUP)
 * closes the attempt's journal and lock, so connecting again resumes it.
 */
export const run: Run<[], { employee: string; idleMinutes?: string }> = async (_, options, globals) => {
  const hostDir = resolveDataDir(globals);
  const { host, agent } = await sessionAgent(hostDir, options.employee);
  const idleMs = parseIdleMinutes(options.idleMinutes) * 60_000;
  if (process.stdin.isTTY !== true || process.stdout.isTTY !== true) {
    throw new UserError('the exam host needs a terminal to run a test', {
      exitCode: ExitCode.noTerminal,
      hint: `connect with \`ssh -t ${host.user}@<host>\`, or ask for \`certificates\` or \`history\``,
    });
  }
  writeThroughStreams();
  // Ink draws nothing live when CI is set; sshd gave this session a terminal.
  delete process.env['CI'];
  delete process.env['CONTINUOUS_INTEGRATION'];

  // Set once the test is chosen; the hangup handler closes it.
  const active: { session?: TakeSession } = {};
  // A dropped connection: the terminal is gone, so nothing more is drawn; the attempt is closed (not ended) for resuming.
  let hungUp = false;
  const ignoreGoneTerminal = (error: NodeJS.ErrnoException) => {
    if (!hungUp && error.code !== 'EIO' && error.code !== 'EPIPE') throw error;
  };
  process.stdout.on('error', ignoreGoneTerminal);
  process.stderr.on('error', ignoreGoneTerminal);
  const onHangup = () => {
    if (hungUp) return;
    hungUp = true;
    const closed = active.session ? active.session.close() : Promise.resolve(false);
    void closed.then(
      () => process.exit(ExitCode.hangup),
      () => process.exit(ExitCode.hangup),
    );
  };
  process.on('SIGHUP', onHangup);
  process.on('SIGTERM', onHangup);

  const menu = await agentMenu(hostDir, agent.employeeId, new Date());
  if (menu.entries.length === 0) {
    writeOut(sanitizeText(`No tests are assigned to ${agent.name} (${agent.employeeId}) on this host now. Ask your trainer.\n`));
    return ExitCode.ok;
  }
  const screens = await import('../../ui/render-take.js');
  const { renderHostMenu } = await import('../../ui/render-host-menu.js');
  const chosen = await renderHostMenu({ who: `${agent.name} (${agent.employeeId})`, items: menu.entries.map((entry) => menuItem(entry, Date.now())), idleMs });
  if (hungUp) return ExitCode.hangup;
  switch (chosen.kind) {
    case 'idle':
      writeOut(`Closed after ${formatMinutes(idleMs)} without a key. Connect again to go on.\n`);
      return ExitCode.idle;
    case 'quit':
      writeOut('Goodbye.\n');
      return ExitCode.ok;
    case 'chosen':
      break;
  }
  const takeable = menu.takeable.get(chosen.id);
  if (!takeable) throw new Error(`the menu offered ${chosen.id}, which cannot be taken`);
  const { loaded, assignment, unfinished } = takeable;
  const connectAgain = `ssh ${host.user}@${hostname()}`;
  let config: ConfigStore | undefined;
  const openConfig = async () => (config ??= (await import('../../store/config.js')).openConfig(globals));
  const form = assemble(loaded.bank, assignment.seed);
  const candidate = { name: assignment.candidate.name ?? agent.name, employeeId: agent.employeeId };
  const session = openTakeSession({
    dataDir: hostDir,
    loaded,
    seed: assignment.seed,
    form,
    extraTime: assignment.accommodations.extraTime,
    assignment,
    delivery: 'hosted',
    employeeId: agent.employeeId,
    openConfig,
    resumeCommandFor: () => connectAgain,
    afterSaved: [queueXapiStatements, issueHosted(hostDir, connectAgain)],
    note: (line) => writeErr(`frontline: ${line}\n`),
    extensions: (attemptId) => extensionFor(hostDir, attemptId),
  });
  active.session = session;
  const outcome = await screens.renderTake(
    {
      bank: loaded.bank,
      itemCount: form.length,
      extraTime: assignment.accommodations.extraTime,
      defaults: candidate,
      fixedCandidate: true,
      driver: unfinished ? await resumeTakingOver(session, unfinished, agent.employeeId) : undefined,
      begin: session.begin,
      resume: session.resumeOffered,
      // The agent sees that it is saved, not where: the host's files are not theirs to browse.
      finish: async (driver) => ({ ...(await session.finish(driver)), savedTo: 'on the exam host' }),
      resumeCommand: session.resumeCommand,
    },
    { signal: session.signal },
  );
  if (hungUp) return ExitCode.hangup;
  return report(outcome, session, connectAgain);
};

/** Resumes the attempt, first telling this agent's old session (a connection not yet seen to drop) to let go of it. */
async function resumeTakingOver(session: TakeSession, unfinished: Unfinished, employeeId: string) {
  if (await supersedeOldSession(unfinished.path, employeeId)) writeErr('frontline: your earlier connection was still open; it is closed now\n');
  return session.resume(unfinished);
}

function parseIdleMinutes(value: string | undefined): number {
  if (value === undefined) return 10;
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0 || n > MAX_IDLE_MINUTES) {
    throw new UserError(`--idle-minutes: expected minutes from more than 0 to ${MAX_IDLE_MINUTES}, got ${JSON.stringify(value)}`, { exitCode: ExitCode.usage });
  }
  return n;
}

const formatMinutes = (ms: number): string => (ms >= 60_000 ? `${Math.round(ms / 60_000)} min` : `${Math.round(ms / 1000)} s`);

/** An assignment as a menu row: its window, which attempt, and what waits. */
export function menuItem(entry: MenuEntry, now: number): HostMenuItem {
  const attempt = entry.attempt.of === undefined ? `attempt ${entry.attempt.number}` : `attempt ${entry.attempt.number} of ${entry.attempt.of}`;
  const open = `open until ${utcMinute(Date.parse(entry.closes))}; ${attempt}`;
  const title = `${entry.title} (version ${entry.bankVersion})`;
  switch (entry.state.kind) {
    case 'ready':
      return { id: entry.assignmentId, title, detail: open, action: 'start' };
    case 'resume': {
      const left = entry.state.deadline - now;
      return { id: entry.assignmentId, title, detail: left > 0 ? `unfinished: ${formatClock(left)} left; ${attempt}` : `unfinished: its time is up, resume to submit it`, action: 'resume' };
    }
    case 'not-yet':
      return { id: entry.assignmentId, title, detail: `opens ${utcMinute(Date.parse(entry.state.opens))}; ${attempt}`, action: undefined };
    case 'cooldown':
      return { id: entry.assignmentId, title, detail: `a wait after a failed attempt, until ${utcMinute(Date.parse(entry.state.until))}`, action: undefined };
    case 'unavailable':
      return { id: entry.assignmentId, title, detail: `cannot start: ${entry.state.why}`, action: undefined };
  }
}

async function report(outcome: TakeOutcome, session: TakeSession, connectAgain: string): Promise<ExitCodeValue> {
  switch (outcome.kind) {
    case 'finished': {
      const { result, record } = outcome.finished;
      // The host holds the key and scores every attempt it runs.
      if (result === undefined) throw new Error(`hosted attempt ${record.id} has no result`);
      const verdict = attemptVerdict(result, record);
      writeOut(`${[...verdict.lines, `Attempt ${record.id} saved on the exam host.`, ...outcome.finished.notes.map(sanitizeText)].join('\n')}\n`);
      return verdict.exitCode;
    }
    case 'quit':
      if (await session.close()) writeOut(`Your answers are saved. Connect again (${connectAgain}) to continue;\nthe deadline stays the original one.\n`);
      return ExitCode.interrupted;
    case 'failed':
      throw outcome.error;
  }
}
