import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

// The launcher's code cache (bin/code-cache.js). It replaces how
// Node loads CommonJS files, so each case runs in a child process of its own.
const codeCache = join(import.meta.dirname, '..', '..', 'bin', 'code-cache.js');

let work: string;
let root: string;
let cache: string;

beforeEach(() => {
  work = mkdtempSync(join(tmpdir(), 'frontline-code-cache-test-'));
  root = join(work, 'dist');
  cache = join(work, 'cache');
  mkdirSync(root);
  writeFileSync(join(root, 'helper.cjs'), 'exports.twice = (n) => n * 2;\n');
  writeFileSync(join(root, 'main.cjs'), "const { twice } = require('./helper.cjs');\nconsole.log(JSON.stringify({ answer: twice(21), file: __filename, dir: __dirname, main: module.filename }));\n");
});

afterEach(() => rmSync(work, { recursive: true, force: true }));

function run(): { answer: number; file: string; dir: string; main: string } {
  const script = `require(${JSON.stringify(codeCache)}).cacheCompiledCode(${JSON.stringify(root)}, ${JSON.stringify(cache)}); require(${JSON.stringify(join(root, 'main.cjs'))});`;
  const result = spawnSync(process.execPath, ['-e', script], { encoding: 'utf8' });
  expect(result.stderr).toBe('');
  expect(result.status).toBe(0);
  return JSON.parse(result.stdout) as { answer: number; file: string; dir: string; main: string };
}

const entries = (): string[] => readdirSync(cache).sort();
const stamps = (): number[] => entries().map((name) => statSync(join(cache, name)).mtimeMs);

describe('code cache for the bundle', () => {
  it('runs the files as Node would and keeps one entry per file', () => {
    expect(run()).toEqual({ answer: 42, file: join(root, 'main.cjs'), dir: root, main: join(root, 'main.cjs') });
    expect(entries()).toHaveLength(2);
    expect(statSync(cache).mode & 0o777).toBe(0o700);
    for (const name of entries()) {
      expect(statSync(join(cache, name)).mode & 0o777).toBe(0o600);
      // Each entry names the file it was made from.
      expect(readFileSync(join(cache, name)).toString('latin1')).toContain(root);
    }
  });

  it('uses the entries on the next run instead of writing them again', () => {
    run();
    const before = stamps();
    expect(run().answer).toBe(42);
    expect(stamps()).toEqual(before);
  });

  it('ignores an entry made for other bytes of the file, and replaces it', () => {
    run();
    // Same length, other code: V8 alone would take the old cache for it.
    writeFileSync(join(root, 'helper.cjs'), 'exports.twice = (n) => n * 3;\n');
    utimesSync(join(root, 'helper.cjs'), new Date(), new Date(Date.now() + 5000));
    expect(run().answer).toBe(63);
    expect(entries()).toHaveLength(2);
    expect(run().answer).toBe(63);
  });

  it('survives an entry that is garbage', () => {
    run();
    for (const name of entries()) writeFileSync(join(cache, name), 'not a cache');
    expect(run().answer).toBe(42);
    expect(run().answer).toBe(42);
  });

  it('does not use a folder that others can write to', () => {
    mkdirSync(cache, { mode: 0o777 });
    chmodSync(cache, 0o777);
    expect(run().answer).toBe(42);
    expect(entries()).toEqual([]);
  });

  it('keeps the output and exit code when an entry cannot be written', () => {
    mkdirSync(cache, { mode: 0o700 });
    run();
    const [first] = entries();
    // An entry's name taken by a folder: it can be neither read nor replaced.
    rmSync(join(cache, first!));
    mkdirSync(join(cache, first!));
    utimesSync(join(root, 'helper.cjs'), new Date(), new Date(Date.now() + 5000));
    utimesSync(join(root, 'main.cjs'), new Date(), new Date(Date.now() + 5000));
    expect(run().answer).toBe(42);
    expect(readdirSync(cache).filter((name) => name.endsWith('.tmp'))).toEqual([]);
  });

  it('leaves files outside the bundle to Node', () => {
    writeFileSync(join(work, 'outside.cjs'), 'module.exports = 7;\n');
    writeFileSync(join(root, 'main.cjs'), `console.log(JSON.stringify({ answer: require(${JSON.stringify(join(work, 'outside.cjs'))}) * 6, file: __filename, dir: __dirname, main: module.filename }));\n`);
    expect(run().answer).toBe(42);
    expect(entries()).toHaveLength(1);
  });
});
