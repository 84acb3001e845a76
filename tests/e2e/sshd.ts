import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { createServer, connect } from 'node:net';
import { userInfo } from 'node:os';
import { join } from 'node:path';

export const SSHD = '/usr/sbin/sshd';

/**
 * Why the exam host's SSH tests cannot run here, or undefined when they can.
 * In CI they must run (.ci/run installs openssh-server), so there a missing
 * sshd is a failure, not a skip.
 */
export function sshdMissing(): string | undefined {
  if (existsSync(SSHD) && existsSync('/usr/bin/ssh') && existsSync('/usr/bin/ssh-keygen')) return undefined;
  const why = 'OpenSSH is not installed: `apt-get install openssh-server openssh-client` (as .ci/run does) runs these tests';
  if (process.env['CI']) throw new Error(why);
  return why;
}

export interface TestSshd {
  port: number;
  user: string;
  /** ssh arguments for a client with this identity file: port, no host key prompts, no agent, no config. */
  sshArgs(identity: string): string[];
  stop(): Promise<void>;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

async function waitForPort(port: number, child: ChildProcess, log: () => string): Promise<void> {
  for (let tries = 0; tries < 200; tries++) {
    if (child.exitCode !== null) throw new Error(`sshd exited with ${child.exitCode}: ${log()}`);
    const open = await new Promise<boolean>((resolve) => {
      const socket = connect(port, '127.0.0.1', () => {
        socket.destroy();
        resolve(true);
      });
      socket.on('error', () => resolve(false));
    });
    if (open) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`sshd did not listen on ${port}: ${log()}`);
}

/**
 * A real OpenSSH server on 127.0.0.1 with its own host key and config, taking
 * keys only from the exam host's managed authorized_keys, with the sshd_config
 * block `host init` prints. StrictModes is off because the test's folders are
 * under /tmp, which is world-writable; docs/hosting.md keeps it on.
 */
export async function startSshd(dir: string, authorizedKeysFile: string, matchBlock: string): Promise<TestSshd> {
  mkdirSync(dir, { recursive: true });
  mkdirSync('/run/sshd', { recursive: true, mode: 0o755 });
  const hostKey = join(dir, 'ssh_host_ed25519_key');
  if (!existsSync(hostKey)) spawnSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-f', hostKey], { stdio: 'ignore' });
  const port = await freePort();
  const user = userInfo().username;
  const config = join(dir, 'sshd_config');
  writeFileSync(
    config,
    [
      `Port ${port}`,
      'ListenAddress 127.0.0.1',
      `HostKey ${hostKey}`,
      `PidFile ${join(dir, 'sshd.pid')}`,
      'UsePAM no',
      'StrictModes no',
      'PermitRootLogin prohibit-password',
      `AllowUsers ${user}`,
      'AuthorizedKeysFile none',
      'LogLevel VERBOSE',
      // host init's block, for this test's user.
      matchBlock.replace(/^Match User \S+/m, `Match User ${user}`).replace(/^(\s+AuthorizedKeysFile) .*/m, `$1 ${authorizedKeysFile}`),
    ].join('\n'),
  );
  const check = spawnSync(SSHD, ['-t', '-f', config], { encoding: 'utf8' });
  if (check.status !== 0) throw new Error(`sshd -t refused the config: ${check.stderr}`);
  let log = '';
  const child = spawn(SSHD, ['-D', '-e', '-f', config], { stdio: ['ignore', 'ignore', 'pipe'] });
  child.stderr?.on('data', (chunk: Buffer) => {
    log += chunk.toString();
  });
  await waitForPort(port, child, () => log);
  return {
    port,
    user,
    sshArgs: (identity) => [
      '-p', String(port),
      '-i', identity,
      '-F', '/dev/null',
      '-o', 'IdentitiesOnly=yes',
      '-o', 'IdentityAgent=none',
      '-o', 'BatchMode=yes',
      '-o', 'StrictHostKeyChecking=no',
      '-o', 'UserKnownHostsFile=/dev/null',
      '-o', 'LogLevel=ERROR',
      `${user}@127.0.0.1`,
    ],
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}
