// `frontline validate` startup against `node -e 0` (target: within 2x), and
// validating a generated 10,000-item bank (goal: at most 3 s in every one of 3
// runs, under 400 MB peak RSS), beside its limit: yaml's parseDocument of the
// same bank item by item, as frontline reads a large bank, in a program of its
// own that does nothing else.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bin, cleanEnv, compareStartup, loadLine, median, recordFigure, root } from './lib.mjs';
import { generateBank } from './generate-bank.mjs';
import { buildYamlFloor } from './yaml-floor.mjs';

const MINIMAL_BANK = `id: minimal
version: 1.0.0
title: Minimal bank
competencies:
  - id: listening
    title: Listening
policy:
  timeLimitMinutes: 5
  passMark: 50
items:
  - id: q1
    type: true-false
    competency: listening
    stem: Repeating the customer's words back shows you listened.
    answer: true
    explanation: Reflecting back confirms what you heard and shows you paid attention.
`;

const dir = mkdtempSync(join(tmpdir(), 'frontline-bench-'));
try {
  const small = join(dir, 'small.yaml');
  run(['init', small]);
  const startup = [
    compareStartup('frontline --version', [bin, '--version']),
    compareStartup('frontline validate small.yaml', [bin, 'validate', small]),
  ];
  const worst = Math.max(...startup.map((r) => r.ratio));
  console.log(`target: validate within 2x of node -e 0 -> ${worst <= 2 ? 'met' : 'NOT met'} (worst ${worst.toFixed(2)}x)`);
  // The figures above reuse the compile cache the first run after a build made; this is that first run.
  compareStartup('  the same, no compile cache', [bin, 'validate', small], { env: { NODE_DISABLE_COMPILE_CACHE: '1' } });
  // The part of that no change to frontline can remove: yaml's parse of the same file, on its own.
  const floor = buildYamlFloor(dir);
  const parseOnly = compareStartup('  yaml parse alone, same bank', [...floor, small]);
  const own = startup[1].subjectMs - parseOnly.subjectMs;
  console.log(`  frontline's own share of validate: ${own.toFixed(1)} ms; the parse alone is ${parseOnly.ratio.toFixed(2)}x node -e 0`);
  // The least a bank can hold (one competency, one item, no comments): startup with almost nothing to parse.
  const minimal = join(dir, 'minimal.yaml');
  writeFileSync(minimal, MINIMAL_BANK);
  compareStartup('  validate minimal.yaml (1 item)', [bin, 'validate', minimal]);

  const big = join(dir, 'big.yaml');
  writeFileSync(big, generateBank(10_000));
  console.log(`generated 10,000-item bank: ${(statSync(big).size / 1024 / 1024).toFixed(1)} MB`);
  const runs = [];
  for (let i = 0; i < 3; i += 1) runs.push(measure([bin, 'validate', big]));
  const ms = median(runs.map((r) => r.ms));
  const slowest = Math.max(...runs.map((r) => r.ms));
  const cpu = median(runs.map((r) => r.cpuMs ?? NaN));
  const rssMb = Math.max(...runs.map((r) => r.rssKb)) / 1024;
  console.log(`frontline validate big.yaml        ${ms.toFixed(0)} ms wall (median of ${runs.length}; runs ${runs.map((r) => r.ms.toFixed(0)).join(', ')}), ${Number.isNaN(cpu) ? '?' : cpu.toFixed(0)} ms CPU, peak RSS ${rssMb.toFixed(0)} MB (${runs[0].how})`);
  // The limit: the parse the bank format prescribes (parseDocument with positions), item by item, and nothing else.
  const floorRuns = [];
  for (let i = 0; i < 3; i += 1) floorRuns.push(measure([writeItemFloor(dir), big]));
  const floorMs = median(floorRuns.map((r) => r.ms));
  const floorCpu = median(floorRuns.map((r) => r.cpuMs ?? NaN));
  const floorRss = Math.max(...floorRuns.map((r) => r.rssKb)) / 1024;
  console.log(`  yaml parse alone, item by item   ${floorMs.toFixed(0)} ms wall (median of 3), ${Number.isNaN(floorCpu) ? '?' : floorCpu.toFixed(0)} ms CPU, peak RSS ${floorRss.toFixed(0)} MB`);
  // Wall time on a shared machine depends on what else runs: say how busy it was.
  console.log(`${loadLine()} during the run`);
  const met = slowest <= 3000 && rssMb < 400;
  console.log(`goal: at most 3 s in each of 3 runs and under 400 MB -> ${met ? 'met' : 'NOT met'} (slowest ${slowest.toFixed(0)} ms)`);
  recordFigure({
    name: 'validate of the generated 10,000-item bank (6.5 MB)',
    now: `${(ms / 1000).toFixed(2)} s wall (median; slowest of 3 ${(slowest / 1000).toFixed(2)} s), ${(cpu / 1000).toFixed(2)} s CPU, ${rssMb.toFixed(0)} MB`,
    goal: '<= 3 s in every one of 3 runs at load ~1, < 400 MB',
    met,
    limit: `yaml parseDocument item by item alone: ${(floorMs / 1000).toFixed(2)} s wall, ${(floorCpu / 1000).toFixed(2)} s CPU, ${floorRss.toFixed(0)} MB`,
  });
} finally {
  rmSync(dir, { recursive: true, force: true });
}

/**
 * A program that parses a generated bank as frontline's per-item path does
 * (each item a document of its own, positions kept, then toJS) and nothing
 * more: no schema, checks, lints or hash. The generated bank's items are the
 * lines from one `  - ` at column 2 to the next.
 */
function writeItemFloor(dir) {
  const file = join(dir, 'yaml-item-floor.cjs');
  writeFileSync(
    file,
    `const { readFileSync } = require('node:fs');
const { parseDocument } = require(${JSON.stringify(join(root, 'node_modules', 'yaml'))});
// As load-bank.ts does: yaml reads process.env once per token, and a plain copy answers faster.
process.env = { ...process.env };
const lines = readFileSync(process.argv[2], 'utf8').split('\\n');
const first = lines.indexOf('items:') + 1;
let items = 0;
for (let start = first; start < lines.length; ) {
  let end = start + 1;
  while (end < lines.length && !lines[end].startsWith('  - ')) end += 1;
  const doc = parseDocument(lines.slice(start, end).join('\\n') + '\\n', { uniqueKeys: true, prettyErrors: false, merge: true });
  if (doc.errors.length > 0) process.exit(3);
  doc.toJS();
  items += 1;
  start = end;
}
process.stdout.write(items + ' items\\n');
`,
  );
  return file;
}

function run(args) {
  const result = spawnSync(process.execPath, [bin, ...args], { env: cleanEnv(), cwd: root, encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`node ${args.join(' ')} exited ${result.status}: ${result.stderr}${result.stdout.slice(0, 2000)}`);
  return result;
}

/** Wall time and peak RSS of one `node args` run (frontline: args start with bin): GNU time when installed, else Node's own resourceUsage at exit. */
function measure(args) {
  const useTime = existsSync('/usr/bin/time');
  const reportRss = "process.on('exit',()=>process.stderr.write('maxRSS '+process.resourceUsage().maxRSS+'\\n'))";
  const command = useTime ? '/usr/bin/time' : process.execPath;
  const argv = useTime
    ? ['-v', process.execPath, ...args]
    : [`--import=data:text/javascript,${encodeURIComponent(reportRss)}`, ...args];
  const start = process.hrtime.bigint();
  const result = spawnSync(command, argv, { env: cleanEnv({ NO_COLOR: '1' }), cwd: root, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  if (result.status !== 0) throw new Error(`node ${args.join(' ')} exited ${result.status}: ${result.stdout.slice(0, 2000)}${result.stderr.slice(-2000)}`);
  const match = useTime ? /Maximum resident set size \(kbytes\): (\d+)/.exec(result.stderr) : /maxRSS (\d+)/.exec(result.stderr);
  if (!match) throw new Error(`no peak RSS in output: ${result.stderr.slice(-500)}`);
  const user = /User time \(seconds\): ([\d.]+)/.exec(result.stderr);
  const system = /System time \(seconds\): ([\d.]+)/.exec(result.stderr);
  const cpuMs = user && system ? (Number(user[1]) + Number(system[1])) * 1000 : undefined;
  return { ms, cpuMs, rssKb: Number(match[1]), how: useTime ? '/usr/bin/time -v' : 'process.resourceUsage' };
}
