// Shared helpers for benchmarks: run a command many times with a clean
// environment and compare medians within one run.
import { spawnSync } from 'node:child_process';
import { appendFileSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = fileURLToPath(new URL('..', import.meta.url));
export const bin = `${root}bin/frontline.js`;

/** NODE_EXTRA_CA_CERTS adds ~40 ms to every Node start here; drop it on both sides of a ratio. */
export function cleanEnv(extra = {}) {
  const env = { ...process.env, ...extra };
  delete env.NODE_EXTRA_CA_CERTS;
  delete env.CI;
  return env;
}

export function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** Wall-clock ms of one run of `node args`. */
export function timeNode(args, options = {}) {
  const start = process.hrtime.bigint();
  const result = spawnSync(process.execPath, args, { env: cleanEnv(options.env), cwd: options.cwd ?? root, stdio: 'ignore' });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  if (options.expectStatus !== undefined && result.status !== options.expectStatus) {
    throw new Error(`node ${args.join(' ')} exited ${result.status}, expected ${options.expectStatus}`);
  }
  return ms;
}

/**
 * Interleaves baseline and subject runs so drift on a noisy machine hits both
 * sides alike; returns both medians and their ratio.
 */
export function compareStartup(label, args, { runs = 21, expectStatus = 0, env, cwd } = {}) {
  const base = [];
  const subject = [];
  timeNode(['-e', '0']);
  timeNode(args, { env, cwd });
  for (let i = 0; i < runs; i += 1) {
    base.push(timeNode(['-e', '0']));
    subject.push(timeNode(args, { env, cwd, expectStatus }));
  }
  const b = median(base);
  const s = median(subject);
  const ratio = s / b;
  console.log(`${label.padEnd(34)} ${s.toFixed(1).padStart(7)} ms  node -e 0 ${b.toFixed(1).padStart(6)} ms  ratio ${ratio.toFixed(2)}x`);
  return { label, subjectMs: s, baselineMs: b, ratio };
}

/** A module of src/ (TypeScript), compiled as the build compiles it: for a bench that must do exactly what frontline does. */
export async function importSource(relativePath) {
  const { build } = await import('esbuild');
  // CommonJS packages in the bundle (yaml) call require(): give the module one, resolving from the repository.
  const banner = `import { createRequire } from 'node:module'; const require = createRequire(${JSON.stringify(join(root, 'package.json'))});`;
  const out = await build({ entryPoints: [join(root, relativePath)], bundle: true, format: 'esm', platform: 'node', target: 'node20', write: false, logLevel: 'error', banner: { js: banner } });
  return import(`data:text/javascript;base64,${Buffer.from(out.outputFiles[0].text).toString('base64')}`);
}

/**
 * Hands one headline figure to `bench/run.mjs`, which prints them all at the
 * end, each beside its goal and its limit (what no change to frontline can
 * beat). Strings, as they are to be printed. A bench run on its own prints
 * its figures as it goes and records nothing.
 */
export function recordFigure({ name, now, goal, met, limit }) {
  const file = process.env.FRONTLINE_BENCH_FIGURES;
  if (file) appendFileSync(file, `${JSON.stringify({ name, now, goal, met, limit })}\n`);
}

/** The load average now, as the benches print it beside their figures. */
export function loadLine() {
  return `load average ${loadavg().map((l) => l.toFixed(2)).join(' ')} on ${availableParallelism()} CPUs`;
}
