// The Ed25519 verify rate of this machine's OpenSSL (`openssl speed ed25519`),
// the library node:crypto calls: no verifier on this machine checks more
// signatures per CPU-second, so it is `verify`'s limit.
import { spawnSync } from 'node:child_process';

/**
 * Ed25519 signs and verifies per second from `openssl speed ed25519` output,
 * or undefined when the text has no Ed25519 row. OpenSSL times its loops in
 * user CPU time (unless `-elapsed`), so these are per core.
 */
export function parseOpensslSpeed(text) {
  // The summary row: " 253 bits EdDSA (Ed25519)   0.0000s   0.0001s  34200.0  11990.0"
  const row = /^\s*\d+ bits EdDSA \(Ed25519\)\s+([\d.]+)s\s+([\d.]+)s\s+([\d.]+)\s+([\d.]+)\s*$/m.exec(text);
  if (!row) return undefined;
  const signPerSecond = Number(row[3]);
  const verifyPerSecond = Number(row[4]);
  return Number.isFinite(verifyPerSecond) && verifyPerSecond > 0 ? { signPerSecond, verifyPerSecond } : undefined;
}

/** Runs `openssl speed -seconds <seconds> ed25519`; @returns the rates, or why there are none. */
export function opensslEd25519Speed(seconds = 2) {
  const result = spawnSync('openssl', ['speed', '-seconds', String(seconds), 'ed25519'], { encoding: 'utf8' });
  if (result.error) return { ok: false, why: `openssl is not on PATH (${result.error.code ?? result.error.message})` };
  const rates = parseOpensslSpeed(result.stdout);
  if (result.status !== 0 || !rates) return { ok: false, why: `openssl speed ed25519 gave no Ed25519 rates (exit ${result.status})` };
  const version = spawnSync('openssl', ['version'], { encoding: 'utf8' }).stdout.trim();
  return { ok: true, ...rates, version };
}
