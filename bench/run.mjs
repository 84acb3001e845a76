// Runs every bench/*.mjs (but this runner and the helpers the benches import) in turn,
// then prints each headline figure beside its goal and its limit. Benchmarks print
// ratios against a baseline measured in the same run, because the machines here are noisy.
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadLine } from './lib.mjs';

const dir = fileURLToPath(new URL('.', import.meta.url));
// host.mjs holds 50 sessions open (about 4 GB, 90 s on 2 CPUs): its own script, `npm run bench:host`.
// verify-phases.mjs reads the certificates `KEEP=1 node bench/verify.mjs` leaves: run it after that.
const NOT_BENCHES = new Set(['run.mjs', 'lib.mjs', 'generate-bank.mjs', 'yaml-floor.mjs', 'host.mjs', 'openssl-speed.mjs', 'verify-phases.mjs']);
const only = process.argv.slice(2);
const benches = readdirSync(dir)
  .filter((f) => f.endsWith('.mjs') && !NOT_BENCHES.has(f))
  .filter((f) => only.length === 0 || only.some((o) => f.includes(o)))
  .sort();

const scratch = mkdtempSync(join(tmpdir(), 'frontline-bench-figures-'));
const figuresFile = join(scratch, 'figures.jsonl');
let failed = 0;
try {
  for (const file of benches) {
    process.stdout.write(`\n== ${file}\n`);
    const { status } = spawnSync(process.execPath, [`${dir}${file}`], { stdio: 'inherit', env: { ...process.env, FRONTLINE_BENCH_FIGURES: figuresFile } });
    if (status !== 0) failed += 1;
  }
  printFigures(figuresFile);
} finally {
  rmSync(scratch, { recursive: true, force: true });
}
process.exitCode = failed === 0 ? 0 : 1;

function printFigures(file) {
  let lines;
  try {
    lines = readFileSync(file, 'utf8').split('\n').filter(Boolean);
  } catch {
    return;
  }
  process.stdout.write(`\n== figures: now, goal, limit (${loadLine()} at the end)\n`);
  for (const line of lines) {
    const { name, now, goal, met, limit } = JSON.parse(line);
    process.stdout.write(`${name}\n  now    ${now}\n  goal   ${goal}${met === undefined ? '' : met ? ': met' : ': NOT met'}\n  limit  ${limit}\n`);
  }
}
