import { generateKeyPairSync } from 'node:crypto';
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'vitest';
import { runCli } from './run-cli.js';

/** Two fixed questions, passed with 1 Enter 1 Enter y (tests/fixtures/banks/host-two.yaml). */
export const HOST_BANK = 'tests/fixtures/banks/host-two.yaml';

/** An OpenSSH ed25519 public key line, made with node:crypto (the wire format of RFC 8709: string type, string key). */
export function sshPublicKey(comment: string): string {
  const { publicKey } = generateKeyPairSync('ed25519');
  const raw = Buffer.from(publicKey.export({ format: 'jwk' }).x as string, 'base64url');
  const field = (b: Buffer) => {
    const length = Buffer.alloc(4);
    length.writeUInt32BE(b.length);
    return Buffer.concat([length, b]);
  };
  const blob = Buffer.concat([field(Buffer.from('ssh-ed25519')), field(raw)]);
  return `ssh-ed25519 ${blob.toString('base64')} ${comment}`;
}

export interface TestHost {
  dir: string;
  /** The sshd_config block `host init` printed. */
  sshdConfig: string;
  did: string;
  /** Registers an agent with a public key file (made when not given). */
  addAgent(employeeId: string, name: string, pubFile?: string): void;
  /** Assigns the host's copy of the test bank with `frontline assign` on the host's data dir and key. */
  assign(employeeId: string, extra?: string[]): string;
  /** A trust file naming the host key, for `verify`. */
  trustFile(): string;
}

/** `host init` in root/host, with the test bank copied into its banks/ folder. */
export function makeHost(root: string): TestHost {
  const dir = join(root, 'host');
  const init = runCli(['host', 'init', dir, '--org', 'Acme Support', '--json']);
  expect(init.status, init.stderr).toBe(0);
  const { sshdConfig, did } = JSON.parse(init.stdout) as { sshdConfig: string; did: string };
  copyFileSync(HOST_BANK, join(dir, 'banks', 'host-two.yaml'));
  mkdirSync(join(dir, 'assignments'), { recursive: true });
  let assigned = 0;
  return {
    dir,
    sshdConfig,
    did,
    addAgent(employeeId, name, pubFile) {
      const file = pubFile ?? join(root, `${employeeId}.pub`);
      if (!pubFile) writeFileSync(file, `${sshPublicKey(employeeId)}\n`);
      const add = runCli(['--data-dir', dir, 'host', 'agent', 'add', '--employee', employeeId, '--name', name, '--key', file]);
      expect(add.status, add.stderr).toBe(0);
    },
    assign(employeeId, extra = []) {
      assigned += 1;
      const out = join(dir, 'assignments', `${employeeId}-${assigned}.json`);
      const made = runCli(['--data-dir', dir, 'assign', join(dir, 'banks', 'host-two.yaml'), '--key', join(dir, 'keys', 'issuer-key.pem'), '--employee', employeeId, '--out', out, ...extra]);
      expect(made.status, made.stderr).toBe(0);
      return out;
    },
    trustFile() {
      const file = join(root, 'trust.json');
      const id = (JSON.parse(readFileSync(join(dir, 'keys', 'issuer.json'), 'utf8')) as { id: string }).id;
      writeFileSync(file, JSON.stringify({ issuers: [{ id }] }));
      return file;
    },
  };
}
