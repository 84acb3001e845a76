import { describe, expect, it } from 'vitest';
import { runCli } from './run-cli.js';

describe('take without a terminal', () => {
  it('fails with a clear message and exit code noTerminal (5), not 0', () => {
    const result = runCli(['take', 'tests/fixtures/banks/ui-tour.yaml']);
    expect(result.status).toBe(5);
    expect(result.stderr).toContain('take needs an interactive terminal');
    expect(result.stderr).toContain('hint:');
    expect(result.stdout).toBe('');
  });
});
