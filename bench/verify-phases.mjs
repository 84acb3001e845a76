// Where `verify` spends its time per certificate, phase by phase, in CPU time
// (less disturbed by neighbours than the wall clock), in one warm thread, with
// the same code as the build (bundled from src/ by esbuild). Each phase's cost
// is the difference between two pipelines over every file, one stopping
// before the phase and one after it, so garbage collection is charged where
// its garbage is made. Over the certificates `KEEP=1 node bench/verify.mjs`
// leaves in .bench-tmp/verify-*/ (or the folder given):
//   node bench/verify-phases.mjs [.bench-tmp/verify-N]
import { readFileSync, readdirSync } from 'node:fs';
import { verify as edVerify } from 'node:crypto';
import { join } from 'node:path';
import { importSource, loadLine, median, root } from './lib.mjs';

const dir = process.argv[2] ?? join(root, '.bench-tmp', readdirSync(join(root, '.bench-tmp')).find((d) => d.startsWith('verify-')));
const m = await importSource('bench/verify-phases-entry.ts');
const files = await m.collectJsonFiles([join(dir, 'certs')]);
const trust = JSON.parse(readFileSync(join(dir, 'trust.json'), 'utf8'));
const list = m.readStatusListCredential(JSON.parse(readFileSync(join(dir, 'status', 'list.json'), 'utf8')));
if (!list.ok) throw new Error(list.message);
const verifier = m.createVerifier({ trust, statusLists: new Map([[list.list.url, list.list]]) });
const now = new Date('2026-12-01T00:00:00Z');
const format = { json: false, marks: { valid: 'VALID  ', invalid: 'INVALID' } };
const scratch = Buffer.allocUnsafe(m.MAX_CERTIFICATE_BYTES + 1);
const keys = new Map();
const keyFor = (method) => {
  let key = keys.get(method);
  if (!key) keys.set(method, (key = m.publicKeyFromRaw(m.parseDidKeyMethod(method).raw)));
  return key;
};

// Each pipeline reads, and goes one phase further than the one before it.
const read = (file) => m.readRegularFile(file, m.MAX_CERTIFICATE_BYTES, scratch).bytes;
// As verify calls them: the strict parse's census says whether canonicalize may skip its own walk.
const parts = (file) => {
  const parsed = m.parseStrictJson(read(file).toString('utf8'));
  const doc = parsed.value;
  const proof = m.readProof(doc).proof;
  const signature = m.decodeBase58btc(proof.proofValue.slice(1));
  const { proof: _p, ...unsecured } = doc;
  const { proofValue: _v, ...config } = proof;
  return { proof, signature, unsecured, config, known: parsed.canonicalOrder ? { inOrder: true } : undefined };
};
const pipelines = [
  ['read (open, fstat, read, close)', (file) => read(file)],
  ['utf8 decode', (file) => read(file).toString('utf8')],
  ['JSON.parse', (file) => JSON.parse(read(file).toString('utf8'))],
  ['strict checks (duplicate keys, depth)', (file) => m.parseStrictJson(read(file).toString('utf8'))],
  ['proof: read, base58 decode, copies', (file) => parts(file)],
  ['canonicalise config and document', (file) => {
    const p = parts(file);
    return [m.canonicalize(p.config, p.known), m.canonicalize(p.unsecured, p.known)];
  }],
  ['sha256 of both', (file) => {
    const p = parts(file);
    return m.hashData(p.unsecured, p.config, p.known);
  }],
  ['Ed25519 verify (node:crypto)', (file) => {
    const p = parts(file);
    if (!edVerify(null, m.hashData(p.unsecured, p.config, p.known), keyFor(p.proof.verificationMethod), p.signature)) throw new Error('bad signature');
  }],
  ['shape, summary, trust, status', (file) => verifier(read(file).toString('utf8'), now)],
  ['render the line', (file) => m.renderVerdict({ file, ...verifier(read(file).toString('utf8'), now) }, format)],
];

const cpu = () => {
  const u = process.cpuUsage();
  return u.user + u.system;
};
const PASSES = Number(process.env.PASSES ?? 5);
for (const [, run] of pipelines) for (const file of files.slice(0, 500)) run(file);
// Interleaved: every pipeline runs over each run of 100 files in turn (starting
// with a different one each time), so a neighbour's burst touches all alike.
const times = pipelines.map(() => []);
const CHUNK = 100;
for (let pass = 0; pass < PASSES; pass += 1) {
  const sums = pipelines.map(() => 0);
  for (let from = 0, turn = 0; from < files.length; from += CHUNK, turn += 1) {
    const chunk = files.slice(from, from + CHUNK);
    for (let k = 0; k < pipelines.length; k += 1) {
      const i = (k + turn) % pipelines.length;
      const run = pipelines[i][1];
      const start = cpu();
      for (const file of chunk) run(file);
      sums[i] += cpu() - start;
    }
  }
  sums.forEach((sum, i) => times[i].push(sum / files.length));
}
const cumulative = times.map((t) => median(t));
console.log(`verify, per certificate (${files.length} files, ${(readFileSync(files[0]).length / 1024).toFixed(1)} KB each), µs CPU, median of ${PASSES} passes in one warm thread:`);
pipelines.forEach(([name], i) => console.log(`  ${name.padEnd(40)} ${(cumulative[i] - (cumulative[i - 1] ?? 0)).toFixed(1).padStart(6)}`));
const total = cumulative[cumulative.length - 1];
const signature = cumulative[7] - cumulative[6];
console.log(`  ${'total'.padEnd(40)} ${total.toFixed(1).padStart(6)}, of which the signature ${((100 * signature) / total).toFixed(0)}%`);
console.log(loadLine());
