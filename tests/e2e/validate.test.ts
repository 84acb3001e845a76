import { mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ExitCode } from '../../src/errors/exit-codes.js';
import { repoRoot, runCli } from './run-cli.js';

const badDir = 'tests/fixtures/bad-banks';
const expected = JSON.parse(readFileSync(`${repoRoot}${badDir}/expected.json`, 'utf8')) as Record<
  string,
  { line: number; col: number; code: string; message: string }
>;
const shipped = readdirSync(`${repoRoot}question-banks`).filter((f) => f.endsWith('.yaml')).map((f) => `question-banks/${f}`);
const STACK = /\n\s+at /;

interface JsonReport {
  files: Array<{
    file: string;
    ok: boolean;
    hash: string | null;
    items: number | null;
    errors: Array<{ file: string; line: number; col: number; severity: string; code: string; message: string }>;
    warnings: unknown[];
  }>;
}

describe('frontline validate (built binary)', () => {
  it('accepts every shipped bank: exit 0, one summary with the hash per file', () => {
    const result = runCli(['validate', ...shipped]);
    expect(result.stderr).toBe('');
    expect(result.status).toBe(ExitCode.ok);
    for (const file of shipped) {
      expect(result.stdout).toMatch(new RegExp(`^${file}: ok, \\d+ items \\(.*\\), \\d+ warnings?, hash sha256:[0-9a-f]{64}$`, 'm'));
    }
  });

  it('--paths lists every scenario path with its points per competency', () => {
    const result = runCli(['validate', '--paths', 'tests/fixtures/cue-banks/cues.yaml']);
    expect(result.status).toBe(ExitCode.ok);
    expect(result.stdout).toContain('sc1 (ownership): 2 paths; best ownership 2\n  s1a: ownership 2/2\n  s1b: ownership 2/2\n');
    const long = runCli(['validate', '--paths', 'question-banks/cs-fundamentals.yaml']).stdout.split('\n');
    expect(long.filter((line) => line.startsWith('  s1')).length).toBeGreaterThan(20);
    for (const line of long.filter((l) => !l.startsWith('question-banks/'))) expect(line.length).toBeLessThanOrEqual(80);
    const json = JSON.parse(runCli(['validate', '--json', '--paths', 'tests/fixtures/cue-banks/cues.yaml']).stdout) as { files: Array<{ paths: unknown }> };
    expect(json.files[0]!.paths).toEqual([
      { item: 'sc1', competency: 'ownership', maxima: { ownership: 2 }, truncated: false, paths: [
        { path: 's1a', points: { ownership: 2 }, redFlag: false },
        { path: 's1b', points: { ownership: 2 }, redFlag: false },
      ] },
    ]);
  });

  it('--forms prints the spread over seeded forms; a bad --form-count is a usage error', () => {
    const result = runCli(['validate', '--forms', '--form-count', '200', 'question-banks/complaint-handling.yaml']);
    expect(result.status).toBe(ExitCode.ok);
    expect(result.stdout).toMatch(/^forms: 200 seeded; expected minutes \(limit 60\):\n {2}min \d+\.\d, median \d+\.\d, p95 \d+\.\d, max \d+\.\d; \d+\.\d% of forms over the limit$/m);
    for (const line of result.stdout.split('\n').filter((l) => !l.startsWith('question-banks/'))) expect(line.length).toBeLessThanOrEqual(80);
    expect(result.stdout).toMatch(/^ {2}policy: 5-\d items \(mean \d\.\d\); one item up to \d+% of it$/m);
    const bad = runCli(['validate', '--forms', '--form-count', 'lots', 'question-banks/starter.yaml']);
    expect(bad.status).toBe(ExitCode.usage);
    expect(bad.stderr).toContain('--form-count: expected a whole number of forms from 1 to 1000000, got "lots"');
    expect(bad.stderr).not.toMatch(STACK);
  });

  it('refuses every malformed fixture with its file:line:col, in pure JSON, without a stack', () => {
    const files = Object.keys(expected).map((name) => `${badDir}/${name}`);
    const result = runCli(['validate', '--json', ...files]);
    expect(result.status).toBe(ExitCode.invalidInput);
    expect(result.stderr).toBe('');
    const report = JSON.parse(result.stdout) as JsonReport;
    expect(report.files.map((f) => f.file)).toEqual(files);
    for (const entry of report.files) {
      const want = expected[entry.file.slice(badDir.length + 1)]!;
      expect(entry).toMatchObject({ ok: false, hash: null });
      expect({ file: entry.file, first: entry.errors[0] }).toMatchObject({
        file: entry.file,
        first: { line: want.line, col: want.col, code: want.code, severity: 'error' },
      });
      expect(entry.errors[0]!.message).toContain(want.message);
    }
  });

  it.each(['answer-not-option.yaml', 'alias-bomb.yaml', 'utf16-bom.yaml', 'empty.yaml', 'scenario-loop.yaml', 'duplicate-key.yaml', 'nul-byte.yaml', 'unknown-item-type.yaml'])(
    'prints %s as file:line:col: error: message [code] and exits 3',
    (name) => {
      const want = expected[name]!;
      const result = runCli(['validate', `${badDir}/${name}`]);
      expect(result.status).toBe(ExitCode.invalidInput);
      expect(result.stderr).not.toMatch(STACK);
      const [first] = result.stdout.split('\n');
      expect(first).toBe(`${badDir}/${name}:${want.line}:${want.col}: error: ${want.message} [${want.code}]`);
      expect(result.stdout).toMatch(new RegExp(`^${badDir}/${name}: invalid, \\d+ errors?, \\d+ warnings?$`, 'm'));
    },
  );

  it('exits 4 when a file cannot be read, even alongside an invalid one', () => {
    const result = runCli(['validate', 'no/such/bank.yaml', `${badDir}/empty.yaml`]);
    expect(result.status).toBe(ExitCode.io);
    expect(result.stdout).toContain('no/such/bank.yaml: error: cannot read: no such file or directory [io]');
    expect(result.stderr).not.toMatch(STACK);
  });

  it('refuses a file over the size limit', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'frontline-validate-'));
    const file = join(dir, 'huge.yaml');
    await writeFile(file, `# ${'x'.repeat(11 * 1024 * 1024)}\n`);
    const result = runCli(['validate', file]);
    expect(result.status).toBe(ExitCode.invalidInput);
    expect(result.stdout).toContain(`${file}: error: the file is larger than 10 MB`);
  });

  it('reports a valid bank in JSON with its hash, item count and warnings', () => {
    const result = runCli(['validate', '--json', 'tests/fixtures/banks/small.yaml']);
    expect(result.status).toBe(ExitCode.ok);
    const report = JSON.parse(result.stdout) as JsonReport;
    expect(report.files).toEqual([
      expect.objectContaining({ file: 'tests/fixtures/banks/small.yaml', ok: true, items: 6, errors: [], warnings: [] }),
    ]);
    expect(report.files[0]!.hash).toMatch(/^sha256:[0-9a-f]{64}$/);
  });

  it('exits 0 for warnings alone', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'frontline-validate-'));
    const file = join(dir, 'warn.yaml');
    const text = await readFile(`${repoRoot}tests/fixtures/banks/small.yaml`, 'utf8');
    await writeFile(file, text.replace('    explanation: Never promise what you cannot confirm.\n', ''));
    const result = runCli(['validate', file]);
    expect(result.status).toBe(ExitCode.ok);
    expect(result.stdout).toContain(`${file}:43:9: warning: item "q3": no explanation`);
    expect(result.stdout).toContain('[missing-explanation]');
  });
});

describe('frontline init (built binary)', () => {
  it('writes a starter bank that validates cleanly and points at the schema', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'frontline-init-'));
    const file = join(dir, 'starter.yaml');
    const made = runCli(['init', file]);
    expect(made.status).toBe(ExitCode.ok);
    const text = await readFile(file, 'utf8');
    const modeline = /^# yaml-language-server: \$schema=(.+)$/m.exec(text)?.[1];
    expect(modeline).toBeDefined();
    expect(JSON.parse(await readFile(join(dir, modeline!), 'utf8'))).toMatchObject({ $schema: 'http://json-schema.org/draft-07/schema#' });
    const checked = runCli(['validate', file]);
    expect(checked.status).toBe(ExitCode.ok);
    expect(checked.stdout).toMatch(/ok, 7 items \(1 single, 1 multiple, 1 true-false, 1 ordering, 1 rating, 1 scenario, 1 written\), 0 warnings/);
  });

  it('will not overwrite a file without --force', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'frontline-init-'));
    const file = join(dir, 'mine.yaml');
    await writeFile(file, 'my work\n');
    const refused = runCli(['init', file]);
    expect(refused.status).toBe(ExitCode.usage);
    expect(refused.stderr).toContain('already exists');
    expect(await readFile(file, 'utf8')).toBe('my work\n');
    expect(runCli(['init', '--force', file]).status).toBe(ExitCode.ok);
    expect(await readFile(file, 'utf8')).toContain('yaml-language-server');
    expect(await readdir(dir)).toEqual(['mine.yaml']);
  });
});
