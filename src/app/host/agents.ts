import { readFile } from 'node:fs/promises';
import { renderAuthorizedKeys } from '../../core/host/authorized-keys.js';
import { addAgentKey, removeAgent, type Roster, type RosterAgent } from '../../core/host/roster.js';
import { hostPaths, readHostFile, readRoster, writeHostJson, writeHostText } from '../../store/host-files.js';
import { withLock } from '../../store/lock.js';
import { ioError, UserError } from '../../errors/user-error.js';
import { ExitCode } from '../../errors/exit-codes.js';

/** SSH public key types an agent may register (DSA is gone from OpenSSH). */
const KEY_TYPES = new Set(['ed25519', 'ecdsa', 'rsa']);
const MIN_RSA_BITS = 2048;

export interface PublicKey {
  key: string;
  fingerprint: string;
}

/**
 * Reads one OpenSSH public key (a .pub file: `type base64 [comment]`) and
 * checks it as sshd would: a known type, a blob whose inner type matches, RSA
 * of at least 2048 bits. sshpk does the parsing (Joyent's, the usual SSH key
 * library for Node); it loads only here.
 */
export async function readPublicKey(path: string): Promise<PublicKey> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw ioError(path, error);
  }
  if (text.includes('PRIVATE KEY')) {
    throw new UserError(`${path}: this is a private key; give the agent's public key (the .pub file beside it)`, {
      hint: 'a private key must never leave the agent\'s machine',
    });
  }
  const lines = text.split(/\r?\n/).map((l) => l.trim()).filter((l) => l && !l.startsWith('#'));
  if (lines.length !== 1) throw new UserError(`${path}: expected one OpenSSH public key line, found ${lines.length}`);
  const line = lines[0] as string;
  const words = line.split(/\s+/);
  if (!/^(ssh-|ecdsa-|sk-)/.test(words[0] ?? '')) {
    throw new UserError(`${path}:1: not an OpenSSH public key (it should start with ssh-ed25519, ecdsa-sha2-… or ssh-rsa)`, {
      hint: 'give the .pub file ssh-keygen wrote, not the private key or an authorized_keys line with options',
    });
  }
  const sshpk = (await import('sshpk')).default;
  let parsed: import('sshpk').Key;
  try {
    parsed = sshpk.parseKey(`${words[0]} ${words[1] ?? ''}`, 'ssh');
  } catch (error) {
    throw new UserError(`${path}:1: not a valid ${words[0]} key (${(error as Error).message})`);
  }
  const type = String(parsed.type);
  if (!KEY_TYPES.has(type)) throw new UserError(`${path}:1: ${words[0]} keys are not accepted; use ssh-ed25519`);
  if (type === 'rsa' && parsed.size < MIN_RSA_BITS) throw new UserError(`${path}:1: an RSA key of ${parsed.size} bits is too weak; use ssh-ed25519 or RSA of ${MIN_RSA_BITS}+ bits`);
  return { key: `${words[0]} ${words[1]}`, fingerprint: parsed.fingerprint('sha256').toString() };
}

export interface AgentChange {
  agent: RosterAgent;
  roster: Roster;
  authorizedKeys: string;
}

/** Roster and authorized_keys change together, under the host's lock, or not at all. */
async function changeRoster(hostDir: string, change: (roster: Roster) => { ok: true; roster: Roster; agent: RosterAgent } | { ok: false; message: string }, exitCode: number): Promise<AgentChange> {
  const host = await readHostFile(hostDir);
  const paths = hostPaths(hostDir);
  return withLock(paths.roster, async () => {
    const result = change(await readRoster(hostDir));
    if (!result.ok) throw new UserError(result.message, { exitCode: exitCode as never });
    const text = renderAuthorizedKeys(result.roster, { node: host.node, frontline: host.frontline, hostDir });
    // authorized_keys first: a crash between the two leaves the old roster, which the next change rewrites it from.
    await writeHostText(paths.authorizedKeys, text);
    await writeHostJson(paths.roster, result.roster);
    return { agent: result.agent, roster: result.roster, authorizedKeys: paths.authorizedKeys };
  }, { what: `the roster in ${hostDir}` });
}

export async function addAgent(hostDir: string, agent: { employeeId: string; name: string; group?: string }, keyPath: string, now = new Date()): Promise<AgentChange> {
  const key = await readPublicKey(keyPath);
  return changeRoster(hostDir, (roster) => addAgentKey(roster, agent, key, now.toISOString()), ExitCode.invalidInput);
}

export async function removeAgentFromHost(hostDir: string, employeeId: string, fingerprint?: string): Promise<AgentChange> {
  return changeRoster(hostDir, (roster) => removeAgent(roster, employeeId, fingerprint), ExitCode.notFound);
}

export async function listAgents(hostDir: string): Promise<RosterAgent[]> {
  await readHostFile(hostDir);
  return (await readRoster(hostDir)).agents;
}
