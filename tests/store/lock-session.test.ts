import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ExitCode } from '../../src/errors/exit-codes.js';
import { acquireLock, lockHolderAlive } from '../../src/store/lock.js';

const dir = mkdtempSync(join(tmpdir(), 'frontline-lock-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('acquireLock and lockHolderAlive (a take session)', () => {
  it('refuses a second holder at once with the message given, exit locked', async () => {
    const path = join(dir, 'a.jsonl');
    const release = await acquireLock(path, { waitMs: 0, recordOwner: true });
    try {
      await expect(acquireLock(path, { waitMs: 0, busy: 'attempt a is open in another frontline session' })).rejects.toMatchObject({
        exitCode: ExitCode.locked,
        message: 'attempt a is open in another frontline session',
      });
      expect(await lockHolderAlive(path)).toBe(true);
    } finally {
      await release();
    }
  });

  it.each([
    ['a process on this machine that has exited', () => ({ host: hostname(), pid: spawnSync(process.execPath, ['-e', '0']).pid }), false],
    ['this process', () => ({ host: hostname(), pid: process.pid }), true],
    ['a process on another machine', () => ({ host: `not-${hostname()}`, pid: 1 }), true],
  ])('calls the holder alive or not: %s', async (_, owner, alive) => {
    const path = join(dir, `${String(alive)}-${Math.random()}.jsonl`);
    writeFileSync(`${path}.lock-owner`, JSON.stringify(owner()));
    expect(await lockHolderAlive(path)).toBe(alive);
  });

  it('calls a holder alive when it wrote no owner (it cannot tell)', async () => {
    expect(await lockHolderAlive(join(dir, 'nobody.jsonl'))).toBe(true);
  });
});
