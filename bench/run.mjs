// Runs every bench/*.mjs (but this runner and the helpers the benches import) in turn. Benchmarks print ratios against a
// baseline measured in the same run, because the machines here are noisy.
import { readdirSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const dir = fileURLToPath(new URL('.', import.meta.url));
// host.mjs holds 50 sessions open (about 4 GB, 90 s on 2 CPUs): its own script, `npm run bench:host`.
const NOT_BENCHES = new Set(['run.mjs', 'lib.mjs', 'generate-bank.mjs', 'yaml-floor.mjs', 'host.mjs']);
const only = process.argv.slice(2);
const benches = readdirSync(dir)
  .filter((f) => f.endsWith('.mjs') && !NOT_BENCHES.has(f))
  .filter((f) => only.length === 0 || only.some((o) => f.includes(o)))
  .sort();

let failed = 0;
for (const file of benches) {
  process.stdout.write(`\n== ${file}\n`);
  const { status } = spawnSync(process.execPath, [`${dir}${file}`], { stdio: 'inherit' });
  if (status !== 0) failed += 1;
}
process.exitCode = failed === 0 ? 0 : 1;
