import { describe, expect, it } from 'vitest';
import { runCli } from './run-cli.js';

const COMMANDS = ['take', 'history', 'init', 'validate', 'preview', 'report', 'import', 'keys', 'issue', 'trust', 'verify', 'revoke', 'export', 'sync', 'config'];

// Commander wraps to the terminal's width, 80 when there is none: as a script or a pipe sees it.
describe('--help (issue 18 #21)', () => {
  it.each(COMMANDS)('%s --help has an example, and every line fits 80 columns', (command) => {
    const r = runCli([command, '--help']);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^Examples?:$/m);
    for (const line of r.stdout.split('\n')) expect(line.length, line).toBeLessThanOrEqual(80);
  });

  it('verify --help lists the exit codes scripts rely on', () => {
    const { stdout } = runCli(['verify', '--help']);
    for (const code of ['10 bad-signature', '11 untrusted-issuer', '12 expired', '13 revoked', '14 not-yet-valid', '15 malformed', '16 status-unknown', '4 unreadable']) {
      expect(stdout).toContain(code);
    }
  });

  it.each([
    ['issue', ['--bank <file>', '--key <file>']],
    ['revoke', ['--reason <text>', '--key <file>']],
    ['import', ['-o, --out <file>']],
  ])('%s --help marks its required options', (command, flags) => {
    const { stdout } = runCli([command, '--help']);
    for (const flag of flags) expect(stdout).toMatch(new RegExp(`${flag.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\s+\\(required\\)`));
  });
});
