import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ExitCode } from '../../src/errors/exit-codes.js';
import { decodeStatusList, getStatusBit } from '../../src/core/credential/status-list.js';
import { statusListPath } from '../../src/store/status-list.js';
import type { IssuedEntry } from '../../src/store/certificates.js';
import { makeAttempt } from '../core/credential/attempt-fixture.js';
import { loadShippedBank } from '../core/credential/certificate-fixture.js';
import { repoRoot, runCli } from './run-cli.js';
import { startCli } from './spawn-cli.js';

const bankFile = `${repoRoot}question-banks/starter.yaml`;
const home = mkdtempSync(join(tmpdir(), 'frontline-faults-'));
const keyFile = join(home, 'keys', 'issuer-key.pem');
const { bank, hash } = loadShippedBank();
let statusUrl = '';

afterAll(() => rmSync(home, { recursive: true, force: true }));

beforeAll(() => {
  const generated = runCli(['keys', 'generate', '--org', 'Acme Support', '--out', join(home, 'keys'), '--json']);
  expect(generated.status, generated.stderr).toBe(0);
  statusUrl = (JSON.parse(readFileSync(join(home, 'keys', 'issuer.json'), 'utf8')) as { statusListUrl: string }).statusListUrl;
});

export function attemptFile(dir: string, id: string): string {
  mkdirSync(dir, { recursive: true });
  const path = join(dir, `${id}.json`);
  writeFileSync(path, JSON.stringify(makeAttempt(bank, hash, { id })));
  return path;
}

/** One key per data dir: a key's registry and status list live in one data dir only. */
const keys = new Map<string, string>();
function keyFor(dataDir: string): string {
  let key = keys.get(dataDir);
  if (!key) {
    const dir = `${dataDir}-keys`;
    const r = runCli(['keys', 'generate', '--org', 'Acme Support', '--out', dir]);
    expect(r.status, r.stderr).toBe(0);
    key = join(dir, 'issuer-key.pem');
    keys.set(dataDir, key);
  }
  return key;
}

const registryOf = (dataDir: string): IssuedEntry[] => {
  const path = join(dataDir, 'certificate-registry.json');
  return existsSync(path) ? (JSON.parse(readFileSync(path, 'utf8')) as { entries: IssuedEntry[] }).entries : [];
};

const revokedBits = (dataDir: string): number[] => {
  const list = JSON.parse(readFileSync(statusListPath(dataDir, statusUrl), 'utf8')) as { credentialSubject: { encodedList: string } };
  const bits = decodeStatusList(list.credentialSubject.encodedList)!;
  const set: number[] = [];
  for (let i = 0; i < bits.length * 8; i++) if (getStatusBit(bits, i)) set.push(i);
  return set;
};

/** Certificate ids of the JSON files in a folder (dot-files are temp files of a write in progress). */
const certificatesIn = (dir: string): string[] =>
  existsSync(dir)
    ? readdirSync(dir)
        .filter((n) => n.endsWith('.json') && !n.startsWith('.'))
        .map((n) => (JSON.parse(readFileSync(join(dir, n), 'utf8')) as { id: string }).id)
    : [];

describe('concurrent issue and revoke (built binary, 10 processes at once)', () => {
  const dataDir = join(home, 'concurrent');
  const ids: string[] = [];

  it('10 concurrent issue runs give 10 certificates, 10 registry entries, 10 distinct indexes', async () => {
    const attempts = Array.from({ length: 10 }, (_, i) => attemptFile(join(home, 'attempts'), `c-${i}`));
    const runs = await Promise.all(attempts.map((a) => startCli(['--data-dir', dataDir, 'issue', a, '--bank', bankFile, '--key', keyFile, '--json']).done));
    for (const r of runs) expect(r.status, r.stderr).toBe(0);
    ids.push(...runs.map((r) => (JSON.parse(r.stdout) as { id: string }).id));
    const registry = registryOf(dataDir);
    expect(registry.map((e) => e.id).sort()).toEqual([...ids].sort());
    expect(new Set(registry.map((e) => e.statusListIndex)).size).toBe(10);
    expect(new Set(registry.map((e) => e.attempt)).size).toBe(10);
    expect(certificatesIn(join(dataDir, 'certificates')).sort()).toEqual([...ids].sort());
    expect(registry.every((e) => e.pending === undefined)).toBe(true);
  });

  it('10 concurrent revoke runs: every one is in the registry and in the status list', async () => {
    expect(ids).toHaveLength(10);
    const runs = await Promise.all(ids.map((id) => startCli(['--data-dir', dataDir, 'revoke', id, '--reason', 'left', '--key', keyFile]).done));
    for (const r of runs) expect(r.status, r.stderr).toBe(0);
    const registry = registryOf(dataDir);
    expect(registry.filter((e) => e.revoked).length).toBe(10);
    expect(revokedBits(dataDir)).toEqual(registry.map((e) => e.statusListIndex).sort((a, b) => a - b));
  });
});

describe('issue --out onto an existing file', () => {
  const dataDir = join(home, 'exists');

  it('refuses (exit exists), leaves the file, records and signs nothing; --force replaces it', () => {
    const target = join(home, 'precious.pem');
    writeFileSync(target, 'PRIVATE KEY\n');
    const attempt = attemptFile(join(home, 'attempts'), 'a-exists');
    const refused = runCli(['--data-dir', dataDir, 'issue', attempt, '--bank', bankFile, '--key', keyFor(dataDir), '--out', target]);
    expect(refused.status, refused.stderr).toBe(ExitCode.exists);
    expect(refused.stderr).toContain(`${target}: already exists; not overwritten`);
    expect(refused.stderr).toContain('--force');
    expect(readFileSync(target, 'utf8')).toBe('PRIVATE KEY\n');
    expect(registryOf(dataDir)).toEqual([]);
    expect(certificatesIn(join(dataDir, 'certificates'))).toEqual([]);

    const forced = runCli(['--data-dir', dataDir, 'issue', attempt, '--bank', bankFile, '--key', keyFor(dataDir), '--out', target, '--force', '--json']);
    expect(forced.status, forced.stderr).toBe(0);
    expect((JSON.parse(readFileSync(target, 'utf8')) as { id: string }).id).toBe((JSON.parse(forced.stdout) as { id: string }).id);
  });
});

/** A tmpfs of `size` mounted at a new folder (root only); undefined where that is not possible. */
function smallDisk(size: string): { dir: string; unmount: () => void } | undefined {
  if (process.platform !== 'linux' || process.getuid?.() !== 0) return undefined;
  const dir = mkdtempSync(join(tmpdir(), 'frontline-full-'));
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${size}`, 'tmpfs', dir], { stdio: 'ignore' });
  } catch {
    rmSync(dir, { recursive: true, force: true });
    return undefined;
  }
  return {
    dir,
    unmount: () => {
      execFileSync('umount', [dir], { stdio: 'ignore' });
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Fills a folder's file system to the last byte. */
function fill(dir: string): void {
  const block = Buffer.alloc(4096, 120);
  for (let i = 0; ; i++) {
    try {
      writeFileSync(join(dir, `filler-${i}`), block);
    } catch {
      break;
    }
  }
  for (let i = 0; ; i++) {
    try {
      writeFileSync(join(dir, `small-${i}`), 'x');
    } catch {
      return;
    }
  }
}

const disk = smallDisk('64k');
afterAll(() => disk?.unmount());

describe.skipIf(!disk)('issue on a full disk (a 64 KiB tmpfs, filled)', () => {
  it('--out on a full disk: exit io, no data-dir copy without an entry; a retry signs one certificate', () => {
    const dataDir = join(home, 'full-out');
    const outDir = join(disk!.dir, 'out');
    mkdirSync(outDir);
    fill(disk!.dir);
    const attempt = attemptFile(join(home, 'attempts'), 'a-full-out');
    const failed = runCli(['--data-dir', dataDir, 'issue', attempt, '--bank', bankFile, '--key', keyFor(dataDir), '--out', join(outDir, 'cert.json')]);
    expect(failed.status, failed.stderr).toBe(ExitCode.io);
    expect(failed.stderr).toContain(`${join(outDir, 'cert.json')}: cannot write: no space left on device`);
    expect(failed.stderr).not.toMatch(/\n\s+at /);
    expect(certificatesIn(join(dataDir, 'certificates'))).toEqual([]);
    expect(registryOf(dataDir)).toEqual([]);

    const retry = runCli(['--data-dir', dataDir, 'issue', attempt, '--bank', bankFile, '--key', keyFor(dataDir), '--out', join(home, 'full-out-cert.json'), '--json']);
    expect(retry.status, retry.stderr).toBe(0);
    const { id } = JSON.parse(retry.stdout) as { id: string };
    expect(certificatesIn(join(dataDir, 'certificates'))).toEqual([id]);
    expect(registryOf(dataDir).map((e) => e.id)).toEqual([id]);
  });

  it('a data dir on a full disk: exit io with the path, and nothing signed is left unrecorded', () => {
    for (const name of readdirSync(disk!.dir)) rmSync(join(disk!.dir, name), { recursive: true, force: true });
    const dataDir = join(disk!.dir, 'data');
    // The first certificate fits; then the disk is filled.
    const first = runCli(['--data-dir', dataDir, 'issue', attemptFile(join(home, 'attempts'), 'a-full-1'), '--bank', bankFile, '--key', keyFor(dataDir)]);
    expect(first.status, first.stderr).toBe(0);
    fill(disk!.dir);
    const second = runCli(['--data-dir', dataDir, 'issue', attemptFile(join(home, 'attempts'), 'a-full-2'), '--bank', bankFile, '--key', keyFor(dataDir)]);
    expect(second.status, second.stderr).toBe(ExitCode.io);
    expect(second.stderr).toMatch(/: cannot write: no space left on device/);
    expect(second.stderr).not.toMatch(/\n\s+at /);
    const registry = registryOf(dataDir);
    expect(certificatesIn(join(dataDir, 'certificates')).sort()).toEqual(registry.filter((e) => !e.pending).map((e) => e.id).sort());
    expect(registry.filter((e) => e.attempt === 'a-full-2' && !e.pending)).toEqual([]);
  });
});
