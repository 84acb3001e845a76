// `frontline report` over 100,000 generated attempts on a 60-item bank
// (target: under 10 s and 500 MB peak RSS), once as 100,000 files in a
// directory the way `take` writes them, once as one JSONL file. Each attempt
// has its own order of items and options, as the banks we ship shuffle both.
// Responses follow a two-parameter logistic IRT model, so the statistics are
// meaningful: a few items are planted to be too easy, too hard, mis-keyed
// (negative discrimination) or to have a dead distractor.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { closeSync, createWriteStream, existsSync, mkdirSync, mkdtempSync, openSync, readdirSync, readSync, rmSync, statSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { bin, cleanEnv, importSource, median, root } from './lib.mjs';

const ATTEMPTS = Number(process.env.FRONTLINE_BENCH_ATTEMPTS ?? 100_000);
// Each run over 100,000 records takes tens of seconds here; raise for a median.
const RUNS = Number(process.env.FRONTLINE_BENCH_RUNS ?? 1);
const ITEMS = 60;
const COMPETENCIES = ['greeting', 'empathy', 'diagnosis', 'policy', 'de-escalation', 'closing'];

function random(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const next = random(42);
const normal = () => Math.sqrt(-2 * Math.log(1 - next())) * Math.cos(2 * Math.PI * next());

const items = Array.from({ length: ITEMS }, (_, i) => {
  const type = i % 10 === 9 ? 'true-false' : i % 10 === 8 ? 'multiple' : 'single';
  const options = type === 'true-false' ? ['true', 'false'] : ['a', 'b', 'c', 'd'];
  let a = 0.6 + next() * 1.6;
  let b = normal();
  if (i === 3) b = -3.5; // too easy
  if (i === 17) b = 2.8; // too hard
  if (i === 29) a = -0.8; // mis-keyed: strong agents "miss" it
  return { id: `q${String(i + 1).padStart(2, '0')}`, competency: COMPETENCIES[i % COMPETENCIES.length], type, options, a, b };
});
const bank = { id: 'bench-bank', version: '1.0.0', title: 'Benchmark bank (60 items)' };
const hash = `sha256:${createHash('sha256').update(JSON.stringify(items)).digest('hex')}`;
const teams = ['north', 'south', 'east', 'west'];

/** Fisher-Yates with the bench's seeded generator. */
function shuffled(list) {
  const out = [...list];
  for (let i = out.length - 1; i > 0; i -= 1) {
    const j = Math.floor(next() * (i + 1));
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

function record(r) {
  const ability = normal();
  const start = Date.UTC(2026, 10, 1) + r * 60_000;
  const earned = Object.fromEntries(COMPETENCIES.map((c) => [c, 0]));
  const count = Object.fromEntries(COMPETENCIES.map((c) => [c, 0]));
  const answers = [];
  const results = [];
  // As the banks we ship are set (shuffle: items and options): each attempt has its own order of both.
  const order = shuffled(items);
  for (const item of order) {
    const right = next() < 1 / (1 + Math.exp(-item.a * (ability - item.b)));
    // Item 12's option d is a dead distractor: wrong answers avoid it.
    const wrongChoices = item.id === 'q12' ? ['b', 'c'] : item.options.slice(1);
    const wrong = wrongChoices[Math.floor(next() * wrongChoices.length)];
    let response;
    let score = right ? 1 : 0;
    if (item.type === 'true-false') response = { type: 'true-false', value: right };
    else if (item.type === 'multiple') {
      // Partial credit: one key and one wrong pick earn 1/2 − 1/2 = 0; one key alone earns 1/2.
      const half = !right && next() < 0.5;
      response = { type: 'multiple', choices: right ? ['a', 'b'] : half ? ['a'] : ['a', wrong === 'b' ? 'c' : wrong] };
      score = right ? 1 : half ? 0.5 : 0;
    } else response = { type: 'single', choice: right ? 'a' : wrong };
    earned[item.competency] += score;
    count[item.competency] += 1;
    answers.push({ itemId: item.id, response, answeredAt: new Date(start + 60_000).toISOString(), timeSpentMs: Math.round(8_000 + next() * 40_000), flagged: false });
    results.push({ itemId: item.id, competency: item.competency, score, earned: { [item.competency]: score }, available: { [item.competency]: 1 }, correct: score === 1, answered: true, redFlags: [] });
  }
  const competencies = COMPETENCIES.map((c) => {
    const percent = Math.round((1000 * earned[c]) / count[c]) / 10;
    return { id: c, title: c[0].toUpperCase() + c.slice(1), percent, floor: 50, weight: 1, met: percent >= 50, earned: earned[c], available: count[c], items: count[c] };
  });
  const percent = Math.round((10 * competencies.reduce((s, c) => s + c.percent, 0)) / competencies.length) / 10;
  const passed = percent >= 70 && competencies.every((c) => c.met);
  return {
    format: 'frontline.attempt/1',
    id: `bench-${r}`,
    candidate: { name: `Agent ${r}`, employeeId: `E${r}` },
    tags: { team: teams[r % teams.length], site: r % 3 ? 'leeds' : 'lisbon' },
    bank: { ...bank, hash },
    seed: `seed-${r}`,
    extraTime: 1,
    form: order.map((item) => (item.type === 'true-false' ? { itemId: item.id } : { itemId: item.id, optionOrder: shuffled(item.options) })),
    startedAt: new Date(start).toISOString(),
    deadline: new Date(start + 45 * 60_000).toISOString(),
    endedAt: new Date(start + 30 * 60_000).toISOString(),
    ended: 'submitted',
    answers,
    result: {
      percent,
      passMark: 70,
      passed,
      failReasons: passed ? [] : [{ kind: 'below-pass-mark', percent, passMark: 70 }],
      competencies,
      items: results,
      gaps: competencies.filter((c) => !c.met).map((c) => ({ competency: c.id, title: c.title, percent: c.percent, floor: 50, modules: [{ id: `${c.id}-101`, title: `${c.title} essentials` }] })),
    },
  };
}

/** Peak RSS and wall time of one run: GNU time when installed, else Node's resourceUsage at exit. */
function measure(args) {
  const useTime = existsSync('/usr/bin/time');
  const reportRss = "process.on('exit',()=>process.stderr.write('maxRSS '+process.resourceUsage().maxRSS+'\\n'))";
  const command = useTime ? '/usr/bin/time' : process.execPath;
  const argv = useTime ? ['-v', process.execPath, bin, ...args] : [`--import=data:text/javascript,${encodeURIComponent(reportRss)}`, bin, ...args];
  const start = process.hrtime.bigint();
  const result = spawnSync(command, argv, { env: cleanEnv({ NO_COLOR: '1' }), cwd: root, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  if (result.status !== 0) throw new Error(`frontline ${args.join(' ')} exited ${result.status}: ${result.stderr.slice(-2000)}`);
  const match = useTime ? /Maximum resident set size \(kbytes\): (\d+)/.exec(result.stderr) : /maxRSS (\d+)/.exec(result.stderr);
  if (!match) throw new Error(`no peak RSS in output: ${result.stderr.slice(-500)}`);
  return { ms, rssMb: Number(match[1]) / 1024, stdout: result.stdout };
}

/** Reads a file, or every file in a folder, so that the timed run finds them in the page cache. */
function warm(path) {
  if (statSync(path).isDirectory()) {
    for (const name of readdirSync(path)) warm(join(path, name));
    return;
  }
  // In pieces: the JSONL file is larger than a Buffer may be.
  const fd = openSync(path, 'r');
  try {
    while (readSync(fd, scratch, 0, scratch.length, null) > 0);
  } finally {
    closeSync(fd);
  }
}
const scratch = Buffer.allocUnsafe(16 * 1024 * 1024);

// FRONTLINE_BENCH_DATA=dir keeps the generated attempts there and reuses them on the next run (for profiling).
const keep = process.env.FRONTLINE_BENCH_DATA;
const dir = keep ?? mkdtempSync(join(tmpdir(), 'frontline-report-bench-'));
const files = join(dir, 'attempts');
const jsonl = join(dir, 'attempts.jsonl');
// Named for the layout too, so kept data written the way `take` used to write attempts is made again.
const done = join(dir, `generated-${ATTEMPTS}-entry-per-line-shuffled`);
const { stringifyEntryPerLine } = await importSource('src/core/entry-per-line-json.ts');

async function generate() {
  rmSync(files, { recursive: true, force: true });
  mkdirSync(files, { recursive: true });
  const lines = createWriteStream(jsonl);
  const t0 = Date.now();
  let bytes = 0;
  for (let r = 0; r < ATTEMPTS; r += 1000) {
    const batch = [];
    for (let i = r; i < Math.min(ATTEMPTS, r + 1000); i += 1) {
      const rec = record(i);
      // Files as `take` writes them (src/store/attempts.ts); JSONL one compact record a line.
      const text = `${stringifyEntryPerLine(rec)}\n`;
      bytes += text.length;
      batch.push(writeFile(join(files, `${rec.id}.json`), text));
      if (!lines.write(`${JSON.stringify(rec)}\n`)) await new Promise((resolve) => lines.once('drain', resolve));
    }
    await Promise.all(batch);
  }
  await new Promise((resolve) => lines.end(resolve));
  console.log(`generated ${ATTEMPTS.toLocaleString('en-US')} attempts on a ${ITEMS}-item bank: ${(bytes / 1024 / 1024).toFixed(0)} MB of files in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  await writeFile(done, '');
}

try {
  if (keep && existsSync(done)) console.log(`reusing ${ATTEMPTS.toLocaleString('en-US')} attempts in ${dir}`);
  else await generate();

  const cases = [
    ['directory of files', ['report', files]],
    ['one JSONL file', ['report', jsonl]],
    ['directory, --by team --json', ['report', files, '--by', 'team', '--json']],
  ];
  let met = true;
  for (const [label, args] of cases) {
    // Timed from the page cache, as a report after the records were written or read before: from a cold cache the disk
    // sets the pace (this VM: 13-14 s for the folder, README "Performance"), and whatever ran before decides what is cached.
    warm(args[1]);
    const runs = Array.from({ length: RUNS }, () => measure(args));
    const ms = median(runs.map((r) => r.ms));
    const rss = Math.max(...runs.map((r) => r.rssMb));
    const ok = ms < 10_000 && rss < 500;
    met &&= ok;
    console.log(`report, ${label.padEnd(30)} ${(ms / 1000).toFixed(2)} s wall (median of ${RUNS}), peak RSS ${rss.toFixed(0)} MB -> ${ok ? 'met' : 'NOT met'}`);
  }
  console.log(`load average: ${loadavg().map((l) => l.toFixed(2)).join(' ')} on ${availableParallelism()} CPUs`);
  console.log(`target: under 10 s and 500 MB for 100,000 attempts -> ${met ? 'met' : 'NOT met'}`);
} finally {
  if (!keep) rmSync(dir, { recursive: true, force: true });
}
