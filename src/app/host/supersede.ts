import { readFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import { lockOwner } from '../../store/lock.js';

/** How long the old session has to close its attempt once told to. */
const LET_GO_MS = 10_000;

/**
 * An agent who reconnects while their old session still holds the attempt
 * (sshd notices a dropped network only after its ClientAlive probes) takes it
 * over: the old session, a `host session` of the same employee id on this
 * machine, is sent SIGHUP, as sshd would send it, and closes the attempt's
 * journal and lock. Any other holder is left alone (the lock then refuses).
 * @returns whether an old session was told to let go and did.
 */
export async function supersedeOldSession(journalPath: string, employeeId: string): Promise<boolean> {
  const owner = await lockOwner(journalPath);
  if (!owner || owner.host !== hostname() || owner.pid === process.pid) return false;
  // Only a session of this agent: its command line names `host session --employee <id>` (Linux's /proc).
  const words = (await readFile(`/proc/${owner.pid}/cmdline`, 'utf8').catch(() => '')).split('\0');
  const at = words.indexOf('--employee');
  if (!words.includes('session') || at < 0 || words[at + 1] !== employeeId) return false;
  try {
    process.kill(owner.pid, 'SIGHUP');
  } catch {
    return false;
  }
  for (let waited = 0; waited < LET_GO_MS; waited += 100) {
    if (!alive(owner.pid)) return true;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return false;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code !== 'ESRCH';
  }
}
