// Where `validate` of the generated 10,000-item bank spends its time, stage by
// stage, in CPU time (less disturbed by neighbours than the wall clock): the
// decode, yaml's parse (per item, with positions), the schema, the semantic
// checks, the lints, the hash, and the position mapping (placing each finding
// on its line). Same code as the build (bundled from src/ by esbuild); each
// stage timed in one process, the median of 3 passes.
import { performance } from 'node:perf_hooks';
import { generateBank } from './generate-bank.mjs';
import { importSource, loadLine, median } from './lib.mjs';

const ITEMS = 10_000;
const m = await importSource('bench/validate-stages-entry.ts');
const bytes = Buffer.from(generateBank(ITEMS), 'utf8');
const file = 'big.yaml';

const cpu = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};
const passes = [];
for (let pass = 0; pass < 3; pass += 1) {
  const t = {};
  const stage = (name, work) => {
    const start = cpu();
    const out = work();
    t[name] = (t[name] ?? 0) + cpu() - start;
    return out;
  };
  const text = stage('decode', () => m.decodeBankBytes(bytes, file).text);
  const yaml = stage('yaml parse', () => m.parseYaml(text, file));
  if (!yaml.ok) throw new Error('the generated bank does not parse');
  const locate = (path, target) => stage('position mapping', () => yaml.locate(path, target));
  const schema = stage('schema', () => m.checkSchema(yaml.data, file, locate));
  const semantic = stage('semantic checks', () => m.checkSemantics(yaml.data, file, locate));
  if (schema.length + semantic.length > 0) throw new Error('the generated bank is not valid');
  // The lints place their own findings: the mapping's share is taken out of theirs.
  const before = t['position mapping'] ?? 0;
  stage('lint', () => m.lintBank(yaml.data, file, locate));
  t.lint -= (t['position mapping'] ?? 0) - before;
  stage('hash', () => m.bankHash(yaml.data));
  passes.push(t);
}
const wallStart = performance.now();
const whole = m.parseBank(bytes.toString('utf8'), file);
const wall = performance.now() - wallStart;
console.log(`validate of ${ITEMS.toLocaleString('en-US')} items (${(bytes.length / 1024 / 1024).toFixed(1)} MB), CPU ms per stage (median of 3):`);
for (const name of Object.keys(passes[0])) console.log(`  ${name.padEnd(18)} ${median(passes.map((p) => p[name])).toFixed(0).padStart(6)} ms`);
console.log(`  parseBank whole: ${wall.toFixed(0)} ms wall in a warm process (${whole.ok ? `${whole.warnings.length} warnings` : 'not valid'})`);
console.log(`${loadLine()}; peak RSS of this process ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB`);
