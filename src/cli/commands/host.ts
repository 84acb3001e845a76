import type { Command } from 'commander';
import { lazyAction, type LoadRun } from '../lazy-action.js';
import { repeatable } from './repeatable.js';

/** `load` gives the implementation module, loaded only when a host subcommand runs. */
export function registerHost(program: Command, load: LoadRun<typeof import('../run/host.js')>, loadScreens: LoadRun<typeof import('../run/host-session.js')>): void {
  const host = program
    .command('host')
    .description('run an exam host: agents take tests over SSH on a machine that keeps the key (docs/hosting.md)')
    .addHelpText('after', '\nThe host folder is the data dir: pass it with --data-dir or FRONTLINE_HOME.\n\nExamples:\n  frontline host init /srv/frontline --org "Acme Support" \\\n      --url https://support.example.com\n  frontline --data-dir /srv/frontline host agent add --employee E123 \\\n      --name "Dana Li" --key dana.pub\n  frontline --data-dir /srv/frontline host agent list\n  frontline --data-dir /srv/frontline host assign banks/chat.yaml \\\n      --to group:team-a\n  frontline --data-dir /srv/frontline host status\n  frontline --data-dir /srv/frontline host issue\n');
  host
    .command('init')
    .description("create a host folder (banks, keys 0700, roster, authorized_keys, data) and print the sshd_config lines")
    .argument('<dir>', 'the host folder, e.g. /srv/frontline')
    .requiredOption('--org <name>', 'organisation the host signs certificates for')
    .option('--url <url>', "the organisation's web site, shown in certificates")
    .option('--status-url <url>', 'where the revocation list will be published')
    .option('--user <account>', 'the Unix account agents log in as', 'exam')
    .option('--json', 'print as JSON')
    .action(lazyAction(async () => ({ run: (await load()).runInit })));
  const agent = host.command('agent').description('the roster: who may connect, with which SSH key');
  agent
    .command('add')
    .description('register an agent\'s SSH public key (bound to their employee id)')
    .requiredOption('--employee <id>', 'employee id (letters, digits, . _ -)')
    .requiredOption('--name <name>', "the agent's name, as certificates show it")
    .requiredOption('--key <file>', 'their OpenSSH public key (.pub)')
    .option('--group <name>', 'a group to assign tests to, e.g. team-a')
    .option('--json', 'print as JSON')
    .action(lazyAction(async () => ({ run: (await load()).runAgentAdd })));
  agent
    .command('remove')
    .description('remove an agent, or one of their keys')
    .requiredOption('--employee <id>', 'employee id')
    .option('--fingerprint <SHA256:…>', 'remove only this key')
    .option('--json', 'print as JSON')
    .action(lazyAction(async () => ({ run: (await load()).runAgentRemove })));
  agent
    .command('list')
    .description('list the roster')
    .option('--json', 'print as JSON')
    .action(lazyAction(async () => ({ run: (await load()).runAgentList })));
  host
    .command('assign')
    .description("sign assignments with the host's key for agents on the roster, and register the bank")
    .argument('<bank>', 'question bank YAML file')
    .requiredOption('--to <who>', 'an employee id, or group:<name> for a whole group (repeatable)', repeatable)
    .option('--extra-time <multiplier>', 'accommodation: multiply every time limit (1 to 4)')
    .option('--attempts <n>', "attempts allowed in all (default: the bank's policy.attempts.max)")
    .option('--reason <text>', "why the accommodations (kept in the host's registry only)")
    .option('--opens <date>', 'window opens (ISO 8601; default now)')
    .option('--closes <date>', 'window closes (ISO 8601; default 7 days after it opens)')
    .option('--skip-existing', 'leave out agents who already have an open assignment for this bank (default: refuse, exit 27)')
    .option('--json', 'print as JSON')
    .action(lazyAction(async () => ({ run: (await load()).runAssign })));
  host
    .command('status')
    .description('who is taking what now, with the time left, and what finished today')
    .option('--json', 'print as JSON')
    .action(lazyAction(async () => ({ run: (await load()).runStatus })));
  host
    .command('extend')
    .description('give one running attempt more time: signed with the host key and logged')
    .option('--attempt <id>', 'the running attempt (see `host status`)')
    .option('--employee <id>', 'the agent, when they have one running attempt')
    .requiredOption('--minutes <n>', 'whole minutes to add (at most 60 in all per attempt)')
    .requiredOption('--reason <text>', 'why (kept in the log, e.g. "network outage 10:05")')
    .option('--by <name>', 'who grants it (default: the login name)')
    .option('--json', 'print as JSON')
    .action(lazyAction(async () => ({ run: (await load()).runExtend })));
  host
    .command('issue')
    .description("certify hosted attempts that ended awaiting marking, once trainers marked them (marks.jsonl in the host folder)")
    .option('--attempt <id>', 'only this attempt (also one whose failure was recorded, after its marks changed)')
    .option('--json', 'print as JSON')
    .action(lazyAction(async () => ({ run: (await load()).runIssue })));
  host
    .command('session')
    .description("what sshd runs for an agent's key (the forced command); not for people to run")
    .requiredOption('--employee <id>', 'the employee id the key is bound to')
    .option('--idle-minutes <n>', 'close the menu after this long without a key', '10')
    // With a verb (SSH_ORIGINAL_COMMAND) it answers in JSON; without one it draws the menu and the test (Ink).
    .action(lazyAction(async () => ((process.env['SSH_ORIGINAL_COMMAND'] ?? '').trim() === '' ? { run: (await loadScreens()).run } : { run: (await load()).runSession })));
}
