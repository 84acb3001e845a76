import { constants } from 'node:fs';
import { access, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import { dirname } from 'node:path';
import { ioError, UserError } from '../errors/user-error.js';
import { ExitCode } from '../errors/exit-codes.js';

export interface LockOptions {
  /** How long to wait for another process to let go before giving up. @default 30_000 */
  waitMs?: number;
  /** What the lock protects, for the message when it cannot be had. @default the path */
  what?: string;
  /** The whole message when the lock cannot be had. @default "<what>: another frontline process has held it for over <wait> s" */
  busy?: string;
  /**
   * Keep going when the lock was taken over because this process stalled past
   * the stale time (a laptop asleep during a test), instead of stopping.
   * @default false
   */
  survivesStall?: boolean;
  /** Write `<path>.lock-owner` (host and pid) while held, for `lockHolderAlive`. @default false */
  recordOwner?: boolean;
}

/**
 * Runs `work` while holding an exclusive lock on `path`, across processes: the
 * read-modify-write of shared state (the certificate registry, a status list,
 * the outbox) happens under it. proper-lockfile takes the lock with mkdir
 * (atomic on every local and network file system), refreshes it while held,
 * and takes over a lock whose holder died (stale after 10 s without refresh),
 * so a kill -9 never leaves a data dir locked for good.
 *
 * The lock is `<path>.lock`, a directory beside the file; the file itself need
 * not exist.
 */
export async function withLock<T>(path: string, work: () => Promise<T>, options: LockOptions = {}): Promise<T> {
  const release = await acquireLock(path, options);
  try {
    return await work();
  } finally {
    await release();
  }
}

/**
 * Takes the lock `withLock` takes, for work that does not fit one call (a
 * `take` session holds its attempt's journal from start to save). Returns the
 * release; a process that exits releases it too (proper-lockfile removes its
 * locks on exit), and one killed leaves it stale after 10 s.
 */
export async function acquireLock(path: string, options: LockOptions = {}): Promise<() => Promise<void>> {
  // A CommonJS module: its exports are the default export when the ES module bundle (take) imports it.
  const { lock } = (await import('proper-lockfile')).default;
  // A read-only or unwritable folder fails here at once; proper-lockfile would retry it for `waitMs`.
  await mkdir(dirname(path), { recursive: true })
    .then(() => access(dirname(path), constants.W_OK))
    .catch((error: unknown) => {
      throw ioError(dirname(path), error, 'write to');
    });
  const waitMs = options.waitMs ?? 30_000;
  try {
    const release = await lock(path, {
      realpath: false,
      stale: 10_000,
      update: 2_000,
      retries: waitMs <= 0 ? 0 : { retries: Math.max(1, Math.ceil(waitMs / 100)), factor: 1, minTimeout: 50, maxTimeout: 100, randomize: true },
      onCompromised: (error) => {
        if (options.survivesStall) return;
        // The lock was taken over (this process stalled for longer than `stale`):
        // stop rather than write over whatever the other holder wrote. This runs
        // in proper-lockfile's timer, so the CLI's uncaught-error handler reports it.
        throw new UserError(`${options.what ?? path}: this process stalled for over 10 s and another frontline process took the lock over; stopped before writing over its work`, {
          exitCode: ExitCode.locked,
          hint: 'run the command again',
          cause: error,
        });
      },
    });
    // Who holds it, so a waiting process can tell a live holder from a killed one. Beside
    // the lock, not in it: proper-lockfile removes its lock with rmdir, which needs it empty.
    if (!options.recordOwner) return () => release().catch(() => undefined);
    const owner = ownerPath(path);
    await writeFile(owner, JSON.stringify({ host: hostname(), pid: process.pid })).catch(() => undefined);
    return async () => {
      await rm(owner, { force: true }).catch(() => undefined);
      await release().catch(() => undefined);
    };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ELOCKED') {
      throw new UserError(options.busy ?? `${options.what ?? path}: another frontline process has held it for over ${Math.round(waitMs / 1000)} s`, {
        exitCode: ExitCode.locked,
        hint: 'wait for it to finish, then run this again',
        cause: error,
      });
    }
    // A read-only or full data dir: the lock (a directory) cannot be made.
    if ((error as NodeJS.ErrnoException).code) throw ioError(`${path}.lock`, error, 'create');
    throw error;
  }
}

/**
 * Whether the process holding the lock on `path` may still be running: false
 * only when it ran on this machine and is gone (killed, crashed), so its lock
 * will go stale; true when alive, elsewhere, or unknown.
 */
export async function lockHolderAlive(path: string): Promise<boolean> {
  let owner: { host?: unknown; pid?: unknown };
  try {
    owner = JSON.parse(await readFile(ownerPath(path), 'utf8')) as typeof owner;
  } catch {
    return true;
  }
  if (owner.host !== hostname() || typeof owner.pid !== 'number') return true;
  try {
    process.kill(owner.pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code !== 'ESRCH';
  }
}

/** Who holds the lock on `path`, as `recordOwner` wrote it, or undefined when nobody recorded one. */
export async function lockOwner(path: string): Promise<{ host: string; pid: number } | undefined> {
  try {
    const owner = JSON.parse(await readFile(ownerPath(path), 'utf8')) as { host?: unknown; pid?: unknown };
    return typeof owner.host === 'string' && typeof owner.pid === 'number' ? { host: owner.host, pid: owner.pid } : undefined;
  } catch {
    return undefined;
  }
}

const ownerPath = (path: string): string => `${path}.lock-owner`;
