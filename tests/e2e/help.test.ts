import { describe, expect, it } from 'vitest';
import manifest from '../../src/cli/commands/manifest.json' with { type: 'json' };
import { runCli } from './run-cli.js';

/** Every command the CLI registers, so a new one cannot ship without examples. */
const COMMANDS = manifest.commands.map((c) => c.name);

// Commander wraps to the terminal's width, 80 when there is none: as a script or a pipe sees it.
describe('--help (issue 18 #21)', () => {
  it.each(COMMANDS)('%s --help has an example, and every line fits 80 columns', (command) => {
    const r = runCli([command, '--help']);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^Examples?:$/m);
    for (const line of r.stdout.split('\n')) expect(line.length, line).toBeLessThanOrEqual(80);
  });

  // The trainer's commands on an exam host are subcommands; each has its own examples.
  it.each(['assign', 'status', 'extend', 'issue'])('host %s --help has an example, and every line fits 80 columns', (sub) => {
    const r = runCli(['host', sub, '--help']);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^Examples?:$/m);
    expect(r.stdout).toContain(`frontline --data-dir /srv/frontline host ${sub}`);
    for (const line of r.stdout.split('\n')) expect(line.length, line).toBeLessThanOrEqual(80);
  });

  it.each(['init', 'agent', 'agent add', 'agent remove', 'agent list', 'session'])('host %s --help fits 80 columns', (sub) => {
    const r = runCli(['host', ...sub.split(' '), '--help']);
    expect(r.status).toBe(0);
    for (const line of r.stdout.split('\n')) expect(line.length, line).toBeLessThanOrEqual(80);
  });

  it('verify --help lists the exit codes scripts rely on', () => {
    const { stdout } = runCli(['verify', '--help']);
    for (const code of ['10 bad-signature', '11 untrusted-issuer', '12 expired', '13 revoked', '14 not-yet-valid', '15 malformed', '16 status-unknown', '17 status-conflict', '18 delivery-refused', '19 key-compromised', '4 unreadable']) {
      expect(stdout).toContain(code);
    }
  });

  it.each([
    // --bank is optional: a sealed attempt finds the sealed copy its issuer kept.
    ['issue', ['--key <file>']],
    ['seal', ['--key <file>', '-o, --out <file>']],
    ['revoke', ['--reason <text>', '--key <file>']],
    ['import', ['-o, --out <file>']],
  ])('%s --help marks its required options', (command, flags) => {
    const { stdout } = runCli([command, '--help']);
    for (const flag of flags) expect(stdout).toMatch(new RegExp(`${flag.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\s+\\(required\\)`));
  });
});
