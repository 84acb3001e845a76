import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeStatusList, getStatusBit } from '../../src/core/credential/status-list.js';
import type { IssuedEntry } from '../../src/store/certificates.js';
import { statusListPath } from '../../src/store/status-list.js';
import { makeAttempt } from '../core/credential/attempt-fixture.js';
import { loadShippedBank } from '../core/credential/certificate-fixture.js';
import { repoRoot, runCli } from './run-cli.js';
import { runAndKill, startCli } from './spawn-cli.js';

/**
 * kill -9 at random moments of `issue` and `revoke` (50 runs each): no
 * certificate on disk is ever missing from the registry, nothing reported
 * done is lost, and the next run settles what a killed one left pending.
 */
const RUNS = 50;
const bankFile = `${repoRoot}question-banks/starter.yaml`;
const home = mkdtempSync(join(tmpdir(), 'frontline-crash-'));
const dataDir = join(home, 'data');
const outDir = join(home, 'out');
const keyFile = join(home, 'keys', 'issuer-key.pem');
const { bank, hash } = loadShippedBank();
let statusUrl = '';
// A seeded generator, so a failure names the delays that caused it.
const seed = Date.now() % 100_000;
let state = seed;
const random = () => ((state = (state * 48271) % 2147483647) / 2147483647);

afterAll(() => rmSync(home, { recursive: true, force: true }));

beforeAll(() => {
  const generated = runCli(['keys', 'generate', '--org', 'Acme Support', '--out', join(home, 'keys')]);
  expect(generated.status, generated.stderr).toBe(0);
  statusUrl = (JSON.parse(readFileSync(join(home, 'keys', 'issuer.json'), 'utf8')) as { statusListUrl: string }).statusListUrl;
  mkdirSync(outDir);
});

function attemptFile(id: string): string {
  const path = join(home, `${id}.json`);
  writeFileSync(path, JSON.stringify(makeAttempt(bank, hash, { id })));
  return path;
}

const registry = (): IssuedEntry[] => {
  const path = join(dataDir, 'certificate-registry.json');
  return existsSync(path) ? (JSON.parse(readFileSync(path, 'utf8')) as { entries: IssuedEntry[] }).entries : [];
};

const certificatesIn = (dir: string): string[] =>
  existsSync(dir)
    ? readdirSync(dir)
        .filter((n) => n.endsWith('.json') && !n.startsWith('.'))
        .map((n) => (JSON.parse(readFileSync(join(dir, n), 'utf8')) as { id: string }).id)
    : [];

const revokedBits = (): Set<number> => {
  const path = statusListPath(dataDir, statusUrl);
  if (!existsSync(path)) return new Set();
  const list = JSON.parse(readFileSync(path, 'utf8')) as { credentialSubject: { encodedList: string } };
  const bits = decodeStatusList(list.credentialSubject.encodedList)!;
  const set = new Set<number>();
  for (let i = 0; i < bits.length * 8; i++) if (getStatusBit(bits, i)) set.add(i);
  return set;
};

/** Every certificate on disk (data dir and --out) has an entry, pending or done; every done entry has its copy. */
function expectNoOrphan(context: string): void {
  const entries = registry();
  const known = new Set(entries.map((e) => e.id));
  for (const id of [...certificatesIn(join(dataDir, 'certificates')), ...certificatesIn(outDir)]) {
    expect(known.has(id), `${context}: certificate ${id} on disk is not in the registry`).toBe(true);
  }
  const kept = new Set(certificatesIn(join(dataDir, 'certificates')));
  for (const e of entries.filter((x) => !x.pending)) expect(kept.has(e.id), `${context}: ${e.id} recorded without its copy`).toBe(true);
  expect(new Set(entries.map((e) => e.statusListIndex)).size, `${context}: an index used twice`).toBe(entries.length);
}

/** How long one run takes here, so kills land anywhere in it. */
async function duration(args: string[]): Promise<number> {
  const started = Date.now();
  const r = await startCli(args).done;
  expect(r.status, r.stderr).toBe(0);
  return Date.now() - started;
}

describe(`kill -9 at random moments (${RUNS} runs each, seed ${seed})`, () => {
  it('issue: no orphan certificate after any kill; the next run settles every pending entry', async () => {
    const full = await duration(['--data-dir', dataDir, 'issue', attemptFile('warm-up'), '--bank', bankFile, '--key', keyFile, '--out', `${outDir}/`]);
    const reported: string[] = [];
    for (let run = 0; run < RUNS; run++) {
      const delay = Math.round(full * (0.3 + random() * 0.9));
      const context = `issue run ${run}, killed after ${delay} ms (seed ${seed})`;
      const r = await runAndKill(['--data-dir', dataDir, 'issue', attemptFile(`k-${run}`), '--bank', bankFile, '--key', keyFile, '--out', `${outDir}/`, '--json'], delay);
      if (r.status === 0) reported.push((JSON.parse(r.stdout) as { id: string }).id);
      else expect(r.signal, `${context}: ${r.stderr}`).toBe('SIGKILL');
      expectNoOrphan(context);
    }
    // Any issue or revoke settles what the killed runs left.
    const settle = runCli(['--data-dir', dataDir, 'issue', attemptFile('settle'), '--bank', bankFile, '--key', keyFile]);
    expect(settle.status, settle.stderr).toBe(0);
    expectNoOrphan('after settling');
    const entries = registry();
    expect(entries.filter((e) => e.pending)).toEqual([]);
    for (const id of reported) expect(entries.some((e) => e.id === id), `reported ${id} lost`).toBe(true);
    // A killed attempt either has its certificate or can be issued now, never twice.
    const perAttempt = new Map<string, number>();
    for (const e of entries) perAttempt.set(e.attempt, (perAttempt.get(e.attempt) ?? 0) + 1);
    expect([...perAttempt.values()].every((n) => n === 1)).toBe(true);
  }, 600_000);

  it('revoke: a reported revocation is in the registry and the list; the registry never claims a bit the list lacks', async () => {
    // Enough certificates to revoke a different one each run.
    const missing = RUNS - registry().length;
    for (let batch = 0; batch < missing; batch += 10) {
      const runs = await Promise.all(
        Array.from({ length: Math.min(10, missing - batch) }, (_, i) =>
          startCli(['--data-dir', dataDir, 'issue', attemptFile(`r-${batch + i}`), '--bank', bankFile, '--key', keyFile]).done,
        ),
      );
      for (const r of runs) expect(r.status, r.stderr).toBe(0);
    }
    const targets = registry().slice(0, RUNS);
    const full = await duration(['--data-dir', dataDir, 'revoke', targets[0]!.id, '--reason', 'warm-up', '--key', keyFile]);
    const reported: IssuedEntry[] = [targets[0]!];
    const killed: IssuedEntry[] = [];
    for (let run = 1; run < targets.length; run++) {
      const target = targets[run]!;
      const delay = Math.round(full * (0.3 + random() * 0.9));
      const context = `revoke run ${run}, killed after ${delay} ms (seed ${seed})`;
      const r = await runAndKill(['--data-dir', dataDir, 'revoke', target.id, '--reason', 'left', '--key', keyFile], delay);
      if (r.status === 0) reported.push(target);
      else {
        expect(r.signal, `${context}: ${r.stderr}`).toBe('SIGKILL');
        killed.push(target);
      }
      const bits = revokedBits();
      const entries = registry();
      for (const e of entries.filter((x) => x.revoked)) expect(bits.has(e.statusListIndex), `${context}: ${e.id} revoked in the registry only`).toBe(true);
      for (const t of reported) expect(entries.find((e) => e.id === t.id)?.revoked, `${context}: reported revocation of ${t.id} lost`).toBeDefined();
      for (const t of reported) expect(bits.has(t.statusListIndex), `${context}: ${t.id} not in the list`).toBe(true);
    }
    // Running revoke again for the killed ones completes them; registry and list then agree exactly.
    for (const t of killed) {
      const again = runCli(['--data-dir', dataDir, 'revoke', t.id, '--reason', 'left', '--key', keyFile]);
      expect(again.status, again.stderr).toBe(0);
    }
    const revoked = registry().filter((e) => e.revoked).map((e) => e.statusListIndex).sort((a, b) => a - b);
    expect(revoked).toHaveLength(targets.length);
    expect([...revokedBits()].sort((a, b) => a - b)).toEqual(revoked);
  }, 600_000);
});
