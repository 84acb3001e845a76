import { chmod, mkdir, stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import { checkCommandWord, renderAuthorizedKeys } from '../../core/host/authorized-keys.js';
import { emptyRoster } from '../../core/host/roster.js';
import { sshdConfigBlock } from '../../core/host/sshd-config.js';
import { dataPaths } from '../../store/data-dir.js';
import { hostPaths, writeHostJson, writeHostText, type HostFile } from '../../store/host-files.js';
import { generateKey, keyFiles } from '../../store/keys.js';
import { ioError, UserError } from '../../errors/user-error.js';
import { ExitCode } from '../../errors/exit-codes.js';

export interface InitHostRequest {
  dir: string;
  /** The account agents log in as. @default exam */
  user?: string;
  org: string;
  url?: string;
  statusUrl?: string;
  /** The Node binary and frontline launcher the forced command runs. */
  node: string;
  frontline: string;
  now?: Date;
}

export interface InitHost {
  dir: string;
  host: HostFile;
  did: string;
  /** The lines to paste into /etc/ssh/sshd_config. */
  sshdConfig: string;
}

/**
 * Creates an exam host's folder: the data dir (attempts, journals,
 * certificates, status list, outbox), banks/, keys/ (0700, with a new signing
 * key), an empty roster and managed authorized_keys, and host.json recording
 * the forced command's binaries. Refuses a folder that already holds a host.
 */
export async function initHost(request: InitHostRequest): Promise<InitHost> {
  const dir = resolve(request.dir);
  const user = request.user ?? 'exam';
  if (!/^[a-z_][a-z0-9_-]{0,31}$/.test(user)) throw new UserError(`--user ${JSON.stringify(user)}: not a Unix account name`, { exitCode: ExitCode.usage });
  for (const word of [dir, request.node, request.frontline]) {
    const problem = checkCommandWord(word);
    if (problem) throw new UserError(problem, { exitCode: ExitCode.usage, hint: 'choose a host folder whose path has no spaces or quotes' });
  }
  const paths = hostPaths(dir);
  if (await exists(paths.host)) {
    throw new UserError(`${paths.host}: this folder is already an exam host`, { exitCode: ExitCode.exists, hint: 'use another folder, or manage this one with `frontline host agent`' });
  }
  try {
    // Attempts, the registry's accommodation reasons and the journals are the
    // host's alone: other local accounts may not even look in (sshd reads
    // authorized_keys as the owning account, so 0750 serves it).
    await mkdir(dir, { recursive: true, mode: 0o750 });
    await chmod(dir, 0o750);
    for (const sub of [paths.banks, ...Object.values(dataPaths).map((name) => resolve(dir, name))]) await mkdir(sub, { recursive: true, mode: 0o755 });
    await mkdir(paths.keys, { recursive: true, mode: 0o700 });
    await chmod(paths.keys, 0o700);
  } catch (error) {
    throw ioError(dir, error, 'create');
  }
  const key = await generateKey(paths.keys, { org: request.org, ...(request.url ? { url: request.url } : {}), ...(request.statusUrl ? { statusListUrl: request.statusUrl } : {}) });
  const host: HostFile = { format: 'frontline.host/1', user, node: request.node, frontline: request.frontline, createdAt: (request.now ?? new Date()).toISOString() };
  await writeHostJson(paths.roster, emptyRoster());
  await writeHostText(paths.authorizedKeys, renderAuthorizedKeys(emptyRoster(), { node: host.node, frontline: host.frontline, hostDir: dir }));
  // host.json last: a folder without it is not (yet) a host, so an interrupted init can be run again.
  await writeHostJson(paths.host, host);
  return { dir, host, did: key.did, sshdConfig: sshdConfigBlock(user, paths.authorizedKeys) };
}

export const signingKeyOf = (dir: string): string => resolve(hostPaths(dir).keys, keyFiles.privatePem);

async function exists(path: string): Promise<boolean> {
  return stat(path).then(
    () => true,
    () => false,
  );
}
