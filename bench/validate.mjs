// `frontline validate` startup against `node -e 0` (target: within 2x), and
// validating a generated 10,000-item bank (target: under 3 s and 400 MB peak RSS).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { bin, cleanEnv, compareStartup, median, root } from './lib.mjs';
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
  for (let i = 0; i < 3; i += 1) runs.push(measure(['validate', big]));
  const ms = median(runs.map((r) => r.ms));
  const cpu = median(runs.map((r) => r.cpuMs ?? NaN));
  const rssMb = Math.max(...runs.map((r) => r.rssKb)) / 1024;
  console.log(`frontline validate big.yaml        ${ms.toFixed(0)} ms wall (median of ${runs.length}), ${Number.isNaN(cpu) ? '?' : cpu.toFixed(0)} ms CPU, peak RSS ${rssMb.toFixed(0)} MB (${runs[0].how})`);
  // Wall time on a shared machine depends on what else runs: say how busy it was.
  console.log(`load average during the run: ${loadavg().map((l) => l.toFixed(2)).join(' ')} on ${availableParallelism()} CPUs`);
  console.log(`target: under 3 s and 400 MB -> ${ms < 3000 && rssMb < 400 ? 'met' : 'NOT met'}`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}

function run(args) {
  const result = spawnSync(process.execPath, [bin, ...args], { env: cleanEnv(), cwd: root, encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`frontline ${args.join(' ')} exited ${result.status}: ${result.stderr}${result.stdout.slice(0, 2000)}`);
  return result;
}

/** Wall time and peak RSS of one `frontline` run: GNU time when installed, else Node's own resourceUsage at exit. */
function measure(args) {
  const useTime = existsSync('/usr/bin/time');
  const reportRss = "process.on('exit',()=>process.stderr.write('maxRSS '+process.resourceUsage().maxRSS+'\\n'))";
  const command = useTime ? '/usr/bin/time' : process.execPath;
  const argv = useTime
    ? ['-v', process.execPath, bin, ...args]
    : [`--import=data:text/javascript,${encodeURIComponent(reportRss)}`, bin, ...args];
  const start = process.hrtime.bigint();
  const result = spawnSync(command, argv, { env: cleanEnv({ NO_COLOR: '1' }), cwd: root, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  if (result.status !== 0) throw new Error(`frontline ${args.join(' ')} exited ${result.status}: ${result.stdout.slice(0, 2000)}${result.stderr.slice(-2000)}`);
  const match = useTime ? /Maximum resident set size \(kbytes\): (\d+)/.exec(result.stderr) : /maxRSS (\d+)/.exec(result.stderr);
  if (!match) throw new Error(`no peak RSS in output: ${result.stderr.slice(-500)}`);
  const user = /User time \(seconds\): ([\d.]+)/.exec(result.stderr);
  const system = /System time \(seconds\): ([\d.]+)/.exec(result.stderr);
  const cpuMs = user && system ? (Number(user[1]) + Number(system[1])) * 1000 : undefined;
  return { ms, cpuMs, rssKb: Number(match[1]), how: useTime ? '/usr/bin/time -v' : 'process.resourceUsage' };
}
