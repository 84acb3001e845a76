// `frontline verify`: one certificate cold against `node -e 0` (target: within
// 2x), a batch of 5,000 in one process (goal: >= 10,000 certificates/s wall on
// 2 CPUs), beside its limit, OpenSSL's own Ed25519 verify rate per core
// (`openssl speed`), and the same signatures checked by an `openssl pkeyutl
// -verify` loop (one process per signature: it checks that OpenSSL verifies
// exactly the bytes frontline hashes).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createPublicKey } from 'node:crypto';
import * as esbuild from 'esbuild';
import { bin, cleanEnv, compareStartup, loadLine, median, recordFigure, root } from './lib.mjs';
import { opensslEd25519Speed } from './openssl-speed.mjs';

// FRONTLINE_BENCH_CERTIFICATES=50000 for the larger batch, where startup weighs less.
const BATCH = Number(process.env.FRONTLINE_BENCH_CERTIFICATES ?? 5_000);
const GOAL_PER_SECOND = 10_000;
const OPENSSL_SAMPLE = Math.min(200, BATCH);
const dir = join(root, '.bench-tmp', `verify-${process.pid}`);
mkdirSync(dir, { recursive: true });
try {
  const helpers = await bundleHelpers();
  const issuer = helpers.makeIssuer('Bench Org');
  const template = helpers.issueTestCertificate(issuer);
  const certs = join(dir, 'certs');
  mkdirSync(certs);
  const signed = [];
  for (let i = 0; i < BATCH; i += 1) {
    // Each certificate distinct (own id and status index), signed by our signer.
    const { proof: _p, ...body } = template;
    const doc = { ...body, id: `urn:uuid:00000000-0000-4000-8000-${String(i).padStart(12, '0')}`, credentialStatus: helpers.statusEntry(issuer.listUrl, i) };
    const cert = helpers.signDocument(doc, issuer.privateKey, { verificationMethod: helpers.verificationMethodOf(issuer.did), created: body.validFrom });
    signed.push(cert);
    writeFileSync(join(certs, `${String(i).padStart(5, '0')}.json`), JSON.stringify(cert, null, 2));
  }
  const statusDir = join(dir, 'status');
  mkdirSync(statusDir);
  writeFileSync(join(statusDir, 'list.json'), JSON.stringify(helpers.signedStatusList(issuer)));
  const trust = join(dir, 'trust.json');
  writeFileSync(trust, JSON.stringify({ issuers: [{ id: issuer.did, name: 'Bench Org' }] }));
  const verifyArgs = (paths) => [bin, 'verify', ...paths, '--trust', trust, '--status', statusDir, '--at', '2026-12-01T00:00:00Z'];

  const one = compareStartup('frontline verify one.json', verifyArgs([join(certs, '00000.json')]));
  console.log(`target: verify one file within 2x of node -e 0 -> ${one.ratio <= 2 ? 'met' : 'NOT met'} (${one.ratio.toFixed(2)}x)`);
  // The figure above reuses the compile cache the first run after a build made; this is that first run.
  compareStartup('  the same, no compile cache', verifyArgs([join(certs, '00000.json')]), { env: { NODE_DISABLE_COMPILE_CACHE: '1' } });

  const runs = [];
  for (let i = 0; i < 3; i += 1) runs.push(timed(verifyArgs([certs])));
  const ms = median(runs.map((r) => r.ms));
  const cpuMs = median(runs.map((r) => r.cpuMs ?? NaN));
  const perSecond = BATCH / (ms / 1000);
  console.log(`frontline verify ${BATCH} files       ${ms.toFixed(0)} ms wall (median of 3, one process, startup included) = ${perSecond.toFixed(0)} certificates/s`);
  console.log(`                                   runs: ${runs.map((r) => `${r.ms.toFixed(0)} ms`).join(', ')}`);
  // On a shared machine wall time depends on the neighbours; CPU time much less so.
  const cpuPerCertificate = (cpuMs * 1000) / BATCH;
  if (!Number.isNaN(cpuMs)) console.log(`                                   ${cpuMs.toFixed(0)} ms CPU (user+sys, all threads, startup included) = ${cpuPerCertificate.toFixed(0)} µs per certificate`);
  const marginal = (BATCH - 1) / ((ms - one.subjectMs) / 1000);
  console.log(`                                   without startup (batch minus one-file run): ${marginal.toFixed(0)} certificates/s`);
  const met = perSecond >= GOAL_PER_SECOND;
  console.log(`goal: >= ${GOAL_PER_SECOND.toLocaleString('en-US')} certificates/s wall on ${availableParallelism()} CPUs -> ${met ? 'met' : 'NOT met'}`);

  // The limit: OpenSSL's Ed25519 verify on its own, timed in CPU time by `openssl speed`.
  const speed = opensslEd25519Speed(2);
  let limit;
  if (speed.ok) {
    const cores = availableParallelism();
    limit = `${fmt(speed.verifyPerSecond)} verifies/s per core, ${(1e6 / speed.verifyPerSecond).toFixed(0)} µs each (openssl speed ed25519, ${speed.version.split(' ').slice(0, 2).join(' ')}): ${fmt(speed.verifyPerSecond * cores)}/s on ${cores} CPUs`;
    console.log(`limit: ${limit}`);
    if (!Number.isNaN(cpuMs)) console.log(`       frontline's CPU per certificate is ${(cpuPerCertificate * speed.verifyPerSecond / 1e6).toFixed(1)}x the signature check alone`);
  } else {
    limit = `not measured: ${speed.why}`;
    console.log(`openssl speed skipped: ${speed.why}`);
  }
  recordFigure({
    name: `verify of ${fmt(BATCH)} certificates, one process`,
    now: `${fmt(perSecond)}/s wall (median of 3); ${Number.isNaN(cpuMs) ? '?' : cpuPerCertificate.toFixed(0)} µs CPU per certificate`,
    goal: `>= ${fmt(GOAL_PER_SECOND)}/s wall on 2 CPUs`,
    met,
    limit,
  });

  const openssl = opensslLoop(helpers, issuer, signed.slice(0, OPENSSL_SAMPLE));
  if (openssl) {
    const sslPerSecond = OPENSSL_SAMPLE / (openssl / 1000);
    console.log(`openssl pkeyutl -verify loop        ${OPENSSL_SAMPLE} signatures in ${openssl.toFixed(0)} ms = ${sslPerSecond.toFixed(0)} signatures/s (one process each)`);
    console.log(`ratio frontline batch / openssl loop: ${(perSecond / sslPerSecond).toFixed(1)}x`);
  }
  console.log(`${loadLine()} during the run`);
} finally {
  if (!process.env.KEEP) rmSync(dir, { recursive: true, force: true });
}

/** Our own signer and fixtures (TypeScript), bundled for this script. */
async function bundleHelpers() {
  const entry = join(dir, 'helpers-entry.ts');
  writeFileSync(
    entry,
    [
      `export { makeIssuer, issueTestCertificate } from '${root}tests/core/credential/certificate-fixture.ts';`,
      `export { signDocument, hashData } from '${root}src/core/credential/eddsa-jcs-2022.ts';`,
      `export { verificationMethodOf } from '${root}src/core/credential/ed25519.ts';`,
      `export { statusEntry } from '${root}src/core/credential/build-certificate.ts';`,
      `import { buildStatusListCredential, emptyStatusList } from '${root}src/core/credential/status-list.ts';`,
      `import { signDocument as sign } from '${root}src/core/credential/eddsa-jcs-2022.ts';`,
      `import { verificationMethodOf as vm } from '${root}src/core/credential/ed25519.ts';`,
      'export const signedStatusList = (issuer) => sign(buildStatusListCredential({ id: issuer.listUrl, issuer: { id: issuer.did }, validFrom: "2026-01-01T00:00:00Z", list: emptyStatusList() }), issuer.privateKey, { verificationMethod: vm(issuer.did), created: "2026-01-01T00:00:00Z" });',
    ].join('\n'),
  );
  const outfile = join(dir, 'helpers.mjs');
  await esbuild.build({ entryPoints: [entry], outfile, bundle: true, format: 'esm', platform: 'node', target: 'node20', logLevel: 'error',
    // The fixtures find the shipped banks relative to their own file.
    define: { 'import.meta.url': JSON.stringify(pathToFileURL(`${root}tests/core/credential/certificate-fixture.ts`).href) },
    banner: { js: "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);" } });
  return import(outfile);
}

/** Wall time, and CPU time when GNU time is installed. */
function timed(args) {
  const useTime = existsSync('/usr/bin/time');
  const start = process.hrtime.bigint();
  const result = useTime
    ? spawnSync('/usr/bin/time', ['-f', 'cpu %U %S', process.execPath, ...args], { env: cleanEnv(), cwd: root, stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8' })
    : spawnSync(process.execPath, args, { env: cleanEnv(), cwd: root, stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8' });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  if (result.status !== 0) throw new Error(`frontline verify exited ${result.status}: ${result.stderr}`);
  const cpu = /cpu ([\d.]+) ([\d.]+)/.exec(result.stderr);
  return { ms, cpuMs: cpu ? (Number(cpu[1]) + Number(cpu[2])) * 1000 : undefined };
}

/** The same Ed25519 checks (over the same 64-byte hash data) with one `openssl pkeyutl -verify` per signature. */
function opensslLoop(helpers, issuer, certificates) {
  const probe = spawnSync('openssl', ['version'], { encoding: 'utf8' });
  if (probe.status !== 0) {
    console.log('openssl not found: skipping the openssl comparison');
    return undefined;
  }
  const ssl = join(dir, 'openssl');
  mkdirSync(ssl);
  const pub = join(ssl, 'pub.pem');
  writeFileSync(pub, createPublicKey(issuer.privateKey).export({ format: 'pem', type: 'spki' }));
  const files = certificates.map((cert, i) => {
    const { proof, ...doc } = cert;
    // Certificates carry their proof as an array of one (OB 3.0's schema requires it).
    const { proofValue, ...config } = Array.isArray(proof) ? proof[0] : proof;
    const data = join(ssl, `${i}.bin`);
    const sig = join(ssl, `${i}.sig`);
    writeFileSync(data, helpers.hashData(doc, config));
    writeFileSync(sig, decodeSignature(proofValue));
    return { data, sig };
  });
  const start = process.hrtime.bigint();
  for (const { data, sig } of files) {
    const r = spawnSync('openssl', ['pkeyutl', '-verify', '-pubin', '-inkey', pub, '-rawin', '-in', data, '-sigfile', sig], { encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`openssl could not verify ${data}: ${r.stdout}${r.stderr}`);
  }
  return Number(process.hrtime.bigint() - start) / 1e6;
}

function decodeSignature(proofValue) {
  const alphabet = '123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz';
  let n = 0n;
  for (const c of proofValue.slice(1)) n = n * 58n + BigInt(alphabet.indexOf(c));
  const hex = n.toString(16).padStart(128, '0');
  return Buffer.from(hex, 'hex');
}

function fmt(n) {
  return Math.round(n).toLocaleString('en-US');
}
