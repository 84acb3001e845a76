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

describe('a lock taken over while held', () => {
  it('stops the holder with a one-line locked error, not a raw proper-lockfile error', async () => {
    const path = join(dir, 'stalled.jsonl');
    const vitestHandlers = process.listeners('uncaughtException');
    process.removeAllListeners('uncaughtException');
    try {
      const thrown = new Promise<unknown>((resolve) => process.once('uncaughtException', resolve));
      const release = await acquireLock(path, { what: 'the registry' });
      // What a takeover looks like to the holder: the lock's mtime is no longer the one it set.
      const old = new Date(Date.now() - 60_000);
      const { utimes } = await import('node:fs/promises');
      await utimes(`${path}.lock`, old, old);
      expect(await thrown).toMatchObject({ exitCode: ExitCode.locked, message: expect.stringMatching(/^the registry: this process stalled .* took the lock over/) as unknown });
      await release();
    } finally {
      for (const handler of vitestHandlers) process.on('uncaughtException', handler);
    }
  }, 15_000);
});
