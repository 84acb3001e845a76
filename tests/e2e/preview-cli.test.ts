import { describe, expect, it } from 'vitest';
import { runCli } from './run-cli.js';

const bank = 'tests/fixtures/banks/ui-tour.yaml';

describe('frontline preview', () => {
  it('lists an invalid bank\'s errors one a line, as validate does', () => {
    const file = 'tests/fixtures/invalid-banks/several-errors.yaml';
    const result = runCli(['preview', file]);
    expect(result.status).toBe(3);
    const lines = result.stderr.trimEnd().split('\n');
    expect(lines[0]).toBe(`frontline: ${file}: not a valid question bank (5 errors):`);
    const findings = lines.slice(1, -1);
    expect(findings).toHaveLength(5);
    for (const finding of findings) expect(finding).toMatch(new RegExp(`^${file}:\\d+:\\d+: error: .+ \\[[a-z-]+\\]$`));
    // The same findings, in the same words, as validate prints.
    const validate = runCli(['validate', file]);
    for (const finding of findings) expect(validate.stdout + validate.stderr).toContain(finding);
    expect(lines.at(-1)).toBe(`hint: run \`frontline validate ${file}\` to see every problem`);
  });

  it('prints every item as a candidate sees it, without answers, to a pipe', () => {
    const result = runCli(['preview', bank]);
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('Item 1 of 6: q-single');
    expect(result.stdout).toContain('1. ( ) Certainty about when the money will be back');
    expect(result.stdout).toContain('[s1, start] Customer: My parcel was due yesterday');
    expect(result.stdout).not.toContain('Answer:');
    expect(result.stdout).not.toContain('[listening +2]');
    // Escape sequences in the bank's text never reach the output.
    expect(result.stdout).not.toContain('\u001B');
    expect(result.stdout).not.toContain('\u0007');
    expect(result.stdout).not.toContain('pwned');
  });

  it('shows the key and explanations with --answers, for one item with --item', () => {
    const result = runCli(['preview', bank, '--item', 'q-single', '--answers']);
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('Answer: "Certainty about when the money will be back"');
    expect(result.stdout).toContain('Why: Sam needs the money for rent');
    expect(result.stdout).not.toContain('q-multiple');
  });

  it('wraps every line within 80 columns, long option feedback included, and cuts none', () => {
    const result = runCli(['preview', 'question-banks/starter.yaml', '--answers']);
    expect(result.status).toBe(0);
    const lines = result.stdout.split('\n');
    expect(Math.max(...lines.map((l) => [...l].length))).toBeLessThanOrEqual(80);
    expect(result.stdout).not.toContain('…');
    expect(lines.slice(0, 2).join(' ')).toMatch(/^Starter quiz .*: 8 of 8 items, with answers/);
  });

  it('names the bank and the missing id when --item matches nothing', () => {
    const result = runCli(['preview', bank, '--item', 'nope']);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('no item with id "nope"');
    expect(result.stderr).toContain('q-single');
  });

  it('keeps a bank error as the loader reports it', () => {
    const result = runCli(['preview', 'tests/fixtures/banks/does-not-exist.yaml']);
    expect(result.status).toBe(4);
  });
});
