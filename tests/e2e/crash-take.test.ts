import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readJournal } from '../../src/store/journal.js';

/**
 * kill -9 at random moments of a take session (50 runs, each resuming the same
 * journal): every answer the session showed is in the journal, in order, and
 * the journal always reads whole (a torn last line is cut on reopen, never glued).
 */
const RUNS = 50;
const home = mkdtempSync(join(tmpdir(), 'frontline-take-crash-'));
const writer = join(home, 'writer.mjs');
afterAll(() => rmSync(home, { recursive: true, force: true }));

beforeAll(async () => {
  await build({
    entryPoints: [fileURLToPath(new URL('./seams/journal-writer.ts', import.meta.url))],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    outfile: writer,
    logLevel: 'silent',
  });
});

/** Runs the writer until `delayMs` after it is ready, then kill -9; returns the answers it showed. */
function runAndKill(dataDir: string, seed: number, delayMs: number): Promise<{ shown: Array<[string, string]>; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [writer, dataDir, String(seed)], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      if (out.startsWith('ready\n') && !timer) timer = setTimeout(() => child.kill('SIGKILL'), delayMs);
    });
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    let timer: NodeJS.Timeout | undefined;
    child.once('error', reject);
    child.once('close', () => {
      clearTimeout(timer);
      // Only whole lines: the kill can cut the last one.
      const lines = out.split('\n').slice(0, -1);
      resolve({ shown: lines.filter((l) => l.startsWith('shown ')).map((l) => l.split(' ').slice(1, 3) as [string, string]), stderr });
    });
  });
}

describe(`take: kill -9 at random moments (${RUNS} runs on one attempt)`, () => {
  it('loses no shown answer, and the journal always reads whole', async () => {
    const dataDir = join(home, 'data');
    const seed = (Date.now() % 100_000) + 1;
    const shownAll: Array<[string, string]> = [];
    for (let run = 0; run < RUNS; run++) {
      const delay = 5 + ((seed * (run + 7)) % 300);
      const { shown, stderr } = await runAndKill(dataDir, seed + run, delay);
      expect(stderr, `run ${run} (seed ${seed}, delay ${delay} ms)`).toBe('');
      shownAll.push(...shown);
      const path = join(dataDir, 'journals', readdirSync(join(dataDir, 'journals')).find((n) => n.endsWith('.jsonl'))!);
      const read = await readJournal(path);
      if (!read.ok) throw new Error(`run ${run}: ${read.message}`);
      expect(read.skipped, `run ${run}`).toEqual([]);
      // Every shown answer, in the order shown, is among the journaled ones (which may hold one more, not yet shown).
      const journaled = read.events.flatMap((e) => (e.type === 'answer' && e.response.type === 'single' ? [`${e.itemId} ${e.response.choice}`] : []));
      let at = 0;
      for (const [item, choice] of shownAll) {
        const next = journaled.indexOf(`${item} ${choice}`, at);
        expect(next, `run ${run}: shown answer ${item}=${choice} is not in the journal (seed ${seed})`).toBeGreaterThanOrEqual(0);
        at = next + 1;
      }
    }
    expect(shownAll.length).toBeGreaterThan(RUNS);
  }, 600_000);
});
