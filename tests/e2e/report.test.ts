import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ExitCode } from '../../src/errors/exit-codes.js';
import { fixtureBank, simulate } from '../fixtures/attempts.js';
import { runCli } from './run-cli.js';

const fixture = fixtureBank();
const difficulty = [-2.5, -1, 0, 0.5, 1, 1.5, 2.5, 0];
let dir: string;

/** RFC 4180: CRLF records, fields quoted when they hold a comma, quote or line break, quotes doubled. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let i = 0;
  while (i < text.length) {
    const ch = text[i]!;
    if (ch === '"' && field === '') {
      i += 1;
      while (i < text.length) {
        if (text[i] === '"' && text[i + 1] === '"') {
          field += '"';
          i += 2;
        } else if (text[i] === '"') {
          i += 1;
          break;
        } else {
          field += text[i];
          i += 1;
        }
      }
    } else if (ch === ',') {
      row.push(field);
      field = '';
      i += 1;
    } else if (ch === '\r' && text[i + 1] === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i += 2;
    } else {
      if (ch === '"' || ch === '\n' || ch === '\r') throw new Error(`bare ${JSON.stringify(ch)} at ${i}`);
      field += ch;
      i += 1;
    }
  }
  if (field !== '' || row.length) throw new Error('last record not terminated by CRLF');
  return rows;
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'frontline-report-e2e-'));
  const main = join(dir, 'attempts');
  const before = join(dir, 'before');
  const after = join(dir, 'after');
  for (const d of [main, before, after]) mkdirSync(d);
  const teams = ['north', 'south', 'west'];
  const records = simulate(fixture, { n: 120, seed: 7, difficulty, tags: (i) => ({ team: teams[i % 3]!, note: 'has, a "comma"' }) });
  for (const r of records) writeFileSync(join(main, `${r.id}.json`), `${JSON.stringify(r, null, 2)}\n`);
  // Bad records: truncated, wrong format marker, a duplicate, another bank version.
  writeFileSync(join(main, 'truncated.json'), JSON.stringify(records[0]).slice(0, 300));
  writeFileSync(join(main, 'other-format.json'), JSON.stringify({ ...records[1], format: 'frontline.attempt/9' }));
  writeFileSync(join(main, 'zz-copy.json'), JSON.stringify(records[2]));
  const other = fixtureBank({ version: '2.0.0' });
  const [foreign] = simulate(other, { n: 1, seed: 3, idPrefix: 'foreign' });
  writeFileSync(join(main, 'foreign.json'), JSON.stringify(foreign));
  // A JSONL file counts too, one record a line.
  const extra = simulate(fixture, { n: 5, seed: 9, difficulty, idPrefix: 'jsonl', employees: ['J1', 'J2', 'J3', 'J4', 'J5'] });
  writeFileSync(join(main, 'more.jsonl'), `${extra.map((r) => JSON.stringify(r)).join('\n')}\n`);

  const employees = Array.from({ length: 40 }, (_, i) => `P${i}`);
  for (const r of simulate(fixture, { n: 40, seed: 11, difficulty, shift: -0.8, idPrefix: 'pre', employees, startedAt: '2026-10-01T09:00:00.000Z' })) {
    writeFileSync(join(before, `${r.id}.json`), JSON.stringify(r));
  }
  for (const r of simulate(fixture, { n: 40, seed: 12, difficulty, shift: 0.6, idPrefix: 'post', employees, startedAt: '2026-11-01T09:00:00.000Z' })) {
    writeFileSync(join(after, `${r.id}.json`), JSON.stringify(r));
  }
  writeFileSync(join(dir, 'bank.json'), JSON.stringify(fixture.bank, null, 2));
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

const cells = (line: string): number => [...line].length;

describe('frontline report (built binary)', () => {
  it('prints a text report that fits 80 columns and names every skipped record', () => {
    const result = runCli(['report', join(dir, 'attempts'), '--by', 'team']);
    expect(result.stderr).toBe('');
    expect(result.status).toBe(ExitCode.ok);
    const lines = result.stdout.split('\n');
    expect(lines.filter((l) => cells(l) > 80)).toEqual([]);
    expect(result.stdout).toContain('125 attempts by 125 agents');
    for (const block of ['TEST', 'GROUPS', 'COMPETENCIES', 'WEAKEST COMPETENCIES', 'ITEMS', 'SUGGESTIONS', 'SKIPPED']) {
      expect(lines.some((l) => l.startsWith(block))).toBe(true);
    }
    // Long messages wrap onto indented lines; read them unwrapped.
    const flat = result.stdout.replace(/\n {4,}/g, ' ');
    expect(flat).toMatch(/truncated\.json: truncated JSON/);
    expect(flat).toMatch(/other-format\.json: not a frontline\.attempt\/1 record \(its format is "frontline\.attempt\/9"\)/);
    expect(flat).toMatch(/zz-copy\.json: duplicate of attempt sim-3/);
    expect(flat).toMatch(/foreign\.json: taken on fixture-bank 2\.0\.0/);
    expect(result.stdout).not.toContain('\u001B');
  });

  it('--json is one JSON document with the statistics and the skipped records', () => {
    const result = runCli(['report', join(dir, 'attempts'), '--json']);
    expect(result.status).toBe(ExitCode.ok);
    const report = JSON.parse(result.stdout) as { test: { n: number; alpha: number }; items: Array<{ id: string; facility: number }>; skipped: Array<{ reason: string }> };
    expect(report.test.n).toBe(125);
    expect(report.test.alpha).toBeGreaterThan(0);
    expect(report.items).toHaveLength(8);
    expect(report.skipped.map((s) => s.reason).sort()).toEqual(['duplicate', 'invalid', 'invalid', 'other-bank']);
    expect(result.stderr).toContain('skipped 4 bad record(s)');
  });

  it('--csv is RFC 4180: CRLF, five fields a record, quoted fields round-trip', () => {
    const result = runCli(['report', join(dir, 'attempts'), '--csv', '--by', 'team']);
    expect(result.status).toBe(ExitCode.ok);
    const rows = parseCsv(result.stdout);
    expect(rows[0]).toEqual(['section', 'subject', 'group', 'statistic', 'value']);
    expect(rows.every((r) => r.length === 5)).toBe(true);
    expect(rows.find((r) => r[0] === 'test' && r[3] === 'n')?.[4]).toBe('125');
    expect(rows.some((r) => r[0] === 'competency' && r[2] === 'north')).toBe(true);
    // Messages with commas and quotes survive quoting.
    expect(rows.some((r) => r[0] === 'skipped' && r[4]!.includes(','))).toBe(true);
  });

  it('--compare pairs agents by employee id and reports the change with a CI and d_z', () => {
    const result = runCli(['report', '--compare', join(dir, 'before'), join(dir, 'after'), '--json']);
    expect(result.status).toBe(ExitCode.ok);
    const report = JSON.parse(result.stdout) as { prePost: { overall: { n: number; meanDifference: number; ci: [number, number]; dz: number }; competencies: unknown[]; agents: unknown[] } };
    const { overall } = report.prePost;
    expect(overall.n).toBe(40);
    expect(overall.meanDifference).toBeGreaterThan(0);
    expect(overall.ci[0]).toBeLessThan(overall.meanDifference);
    expect(overall.ci[1]).toBeGreaterThan(overall.meanDifference);
    expect(report.prePost.competencies).toHaveLength(2);
    expect(report.prePost.agents).toHaveLength(40);

    const text = runCli(['report', '--compare', join(dir, 'before'), join(dir, 'after')]);
    expect(text.status).toBe(ExitCode.ok);
    expect(text.stdout).toContain('PRE/POST');
    expect(text.stdout.split('\n').filter((l) => cells(l) > 80)).toEqual([]);
  });

  it('with --bank uses its option texts and skips records from other versions', () => {
    const result = runCli(['report', join(dir, 'attempts'), '--bank', join(dir, 'bank.json'), '--json']);
    expect(result.stderr).toContain('skipped 4');
    expect(result.status).toBe(ExitCode.ok);
    const report = JSON.parse(result.stdout) as { items: Array<{ options: Array<{ text?: string }> }> };
    expect(report.items[0]!.options[0]!.text).toMatch(/^Option /);
  });

  it.each([
    [['report'], ExitCode.usage, 'name attempt records'],
    [['report', 'no-such-dir'], ExitCode.io, 'no-such-dir: no such file or directory'],
    [['report', 'README.md', '--json', '--csv'], ExitCode.usage, 'one of --json and --csv'],
  ])('%j exits %d without a stack', (args, status, message) => {
    const result = runCli(args);
    expect(result.status).toBe(status);
    expect(result.stderr).toContain(message);
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });

  it('reading threads give the same report, skipped records and exit status as reading on the main thread', () => {
    const run = (threads: string, args: string[]) => runCli(['report', join(dir, 'attempts'), ...args], { env: { FRONTLINE_REPORT_THREADS: threads } });
    for (const args of [['--json', '--by', 'team'], []]) {
      const here = run('0', args);
      expect(here.status).toBe(ExitCode.ok);
      for (const threads of ['1', '3']) {
        const threaded = run(threads, args);
        expect({ ...threaded, threads }).toEqual({ ...here, threads });
      }
    }
  });

  it('FRONTLINE_REPORT_THREADS must be a whole number from 0 to 64', () => {
    const result = runCli(['report', join(dir, 'attempts')], { env: { FRONTLINE_REPORT_THREADS: 'many' } });
    expect(result.status).toBe(ExitCode.usage);
    expect(result.stderr).toContain('FRONTLINE_REPORT_THREADS');
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });

  it('one attempt on a bank without floors: counts in the singular, a dash for what one attempt cannot tell, no "floor 0"', () => {
    const noFloors = fixtureBank({
      id: 'no-floors',
      competencies: [
        { id: 'empathy', title: 'Empathy' },
        { id: 'policy', title: 'Refund policy' },
      ],
    });
    const single = join(dir, 'single');
    mkdirSync(single, { recursive: true });
    const [record] = simulate(noFloors, { n: 1, seed: 5, difficulty, idPrefix: 'single' });
    writeFileSync(join(single, 'one.json'), JSON.stringify(record));
    const result = runCli(['report', single]);
    expect(result.status).toBe(ExitCode.ok);
    expect(result.stdout).toContain('1 attempt by 1 agent (first attempt each)');
    expect(result.stdout).toContain('1 record read, 0 skipped');
    expect(result.stdout).toMatch(/error ratio – {3}SEM/);
    expect(result.stdout).not.toMatch(/floor 0|–%/);
    // Without floors nobody falls short: WEAKEST says why it lists nothing (issue 18.11).
    expect(result.stdout).toContain('  none: the bank sets no competency floor');
    // "below" is a dash, not 0%: nobody can be under a floor of 0.
    expect(result.stdout.split('\n').find((l) => l.trimStart().startsWith('Refund policy '))).toMatch(/–$/);
    const compared = runCli(['report', '--compare', single, single]);
    expect(compared.status).toBe(ExitCode.ok);
    expect(compared.stdout).toContain('before: 1 attempt on no-floors 1.0.0');
    expect(compared.stdout).toContain('1 agent paired by employee id');
    expect(compared.stdout.replace(/\s+/g, ' ')).toContain(`note: test, competency and item figures describe the after set of --compare (${single})`);
  });

  it('--by a tag no attempt has is an error naming the tags there are, not one "(none)" group', () => {
    const result = runCli(['report', join(dir, 'attempts'), '--by', 'site']);
    expect(result.status).toBe(ExitCode.usage);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain('report: --by site: no attempt has a "site" tag');
    expect(result.stderr).toContain('tags in these attempts: note, team');
  });

  it('--json figures carry at most 4 decimals', () => {
    const result = runCli(['report', join(dir, 'attempts'), '--json']);
    expect(result.status).toBe(ExitCode.ok);
    expect(result.stdout.match(/\d\.\d{5,}/g)).toBeNull();
    const report = JSON.parse(result.stdout);
    expect(report.test.alpha).toBe(Math.round(report.test.alpha * 1e4) / 1e4);
  });

  it('exits invalidInput when no record is usable', () => {
    const empty = join(dir, 'only-bad');
    mkdirSync(empty, { recursive: true });
    writeFileSync(join(empty, 'bad.json'), '{"format":');
    const result = runCli(['report', empty]);
    expect(result.status).toBe(ExitCode.invalidInput);
    expect(result.stderr).toContain(`${join(empty, 'bad.json')}: truncated JSON (`);
  });
});
