import type { Command } from 'commander';
import { lazyAction, type LoadRun } from '../lazy-action.js';

/** `load` gives the implementation module, loaded only when a host subcommand runs. */
export function registerHost(program: Command, load: LoadRun<typeof import('../run/host.js')>): void {
  const host = program
    .command('host')
    .description('run an exam host: agents take tests over SSH on a machine that keeps the key (docs/hosting.md)')
    .addHelpText('after', '\nThe host folder is the data dir: pass it with --data-dir or FRONTLINE_HOME.\n\nExamples:\n  frontline host init /srv/frontline --org "Acme Support" \\\n      --url https://support.example.com\n  frontline --data-dir /srv/frontline host agent add --employee E123 \\\n      --name "Dana Li" --key dana.pub\n  frontline --data-dir /srv/frontline host agent list\n');
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
    .command('session')
    .description("what sshd runs for an agent's key (the forced command); not for people to run")
    .requiredOption('--employee <id>', 'the employee id the key is bound to')
    .action(lazyAction(async () => ({ run: (await load()).runSession })));
}
