import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { addAgent, readPublicKey } from '../../../src/app/host/agents.js';
import { initHost } from '../../../src/app/host/init-host.js';

const dir = mkdtempSync(join(tmpdir(), 'frontline-agents-'));

function sshKey(name: string, type = 'ed25519', bits?: number): string {
  const path = join(dir, name);
  execFileSync('ssh-keygen', ['-q', '-t', type, ...(bits ? ['-b', String(bits)] : []), '-N', '', '-C', name, '-f', path]);
  return path;
}

// ssh-keygen makes the keys; outside CI a machine without OpenSSH's client skips these (CI installs it).
const noKeygen = spawnSync('ssh-keygen', ['-?']).error !== undefined && !process.env['CI'];

describe.skipIf(noKeygen)('reading an agent\'s public key', () => {
  it('gives the fingerprint ssh-keygen -l prints', async () => {
    const key = sshKey('a');
    const expected = execFileSync('ssh-keygen', ['-l', '-E', 'sha256', '-f', `${key}.pub`], { encoding: 'utf8' }).split(' ')[1];
    expect((await readPublicKey(`${key}.pub`)).fingerprint).toBe(expected);
  });

  it('refuses a private key, saying what to give instead', async () => {
    await expect(readPublicKey(sshKey('b'))).rejects.toThrow(/this is a private key; give the agent's public key/);
  });

  it('refuses a weak RSA key', async () => {
    await expect(readPublicKey(`${sshKey('c', 'rsa', 1024)}.pub`)).rejects.toThrow(/RSA key of 1024 bits is too weak/);
  });

  it.each([
    ['garbage', 'hello world\n', /not an OpenSSH public key/],
    ['two keys', `${readFileSync(`${sshKey('d')}.pub`, 'utf8')}${readFileSync(`${sshKey('e')}.pub`, 'utf8')}`, /expected one OpenSSH public key line, found 2/],
    ['a corrupted blob', 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIPgL== x\n', /not a valid ssh-ed25519 key/],
    ['a type that does not match its blob', `ssh-rsa ${readFileSync(`${sshKey('f')}.pub`, 'utf8').split(' ')[1]}\n`, /not a valid ssh-rsa key/],
  ])('refuses %s', async (_, text, message) => {
    const path = join(dir, `bad-${Math.random()}.pub`);
    writeFileSync(path, text);
    await expect(readPublicKey(path)).rejects.toThrow(message);
  });

  it('leaves the roster and authorized_keys untouched when a key is refused', async () => {
    const host = join(dir, 'host');
    await initHost({ dir: host, org: 'Acme', node: '/usr/bin/node', frontline: '/opt/frontline/bin/frontline.js' });
    await addAgent(host, { employeeId: 'E1', name: 'Dana' }, `${sshKey('g')}.pub`);
    const before = [readFileSync(join(host, 'roster.json'), 'utf8'), readFileSync(join(host, 'authorized_keys'), 'utf8')];
    await expect(addAgent(host, { employeeId: 'E1;id', name: 'Dana' }, `${sshKey('h')}.pub`)).rejects.toThrow(/employee id/);
    await expect(addAgent(host, { employeeId: 'E2', name: 'Sam' }, `${join(dir, 'g')}.pub`)).rejects.toThrow(/already registered for E1/);
    expect([readFileSync(join(host, 'roster.json'), 'utf8'), readFileSync(join(host, 'authorized_keys'), 'utf8')]).toEqual(before);
  });
});

describe('the host folder', () => {
  it('is closed to other local accounts (attempts, accommodation reasons), and its keys to all but the owner', async () => {
    const host = join(mkdtempSync(join(tmpdir(), 'frontline-host-mode-')), 'host');
    await initHost({ dir: host, org: 'Acme', node: '/usr/bin/node', frontline: '/opt/frontline/bin/frontline.js' });
    expect(statSync(host).mode & 0o777).toBe(0o750);
    expect(statSync(join(host, 'keys')).mode & 0o777).toBe(0o700);
  });
});
