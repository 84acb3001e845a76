import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { runAfterAttemptSaved, type SavedAttempt } from '../../../src/app/take/after-attempt.js';
import { createVerifier } from '../../../src/core/credential/verify-certificate.js';
import { writeAttemptRecord } from '../../../src/store/attempts.js';
import { openConfig, type FrontlineConfig } from '../../../src/store/config.js';
import { generateKey } from '../../../src/store/keys.js';
import { readOutbox } from '../../../src/store/outbox.js';
import { loadStatusLists } from '../../../src/store/status-list.js';
import { makeAttempt } from '../../core/credential/attempt-fixture.js';
import { loadShippedBank } from '../../core/credential/certificate-fixture.js';
import { writtenAttempt, writtenBank, writtenItem } from '../../fixtures/written-attempts.js';

const { bank, hash } = loadShippedBank();
const dirs: string[] = [];
const tempDir = async (prefix: string) => {
  const dir = await mkdtemp(join(tmpdir(), prefix));
  dirs.push(dir);
  return dir;
};

beforeEach(() => {
  // The machine running the tests may have an LRS of its own in the environment.
  vi.stubEnv('FRONTLINE_LRS_ENDPOINT', '');
  vi.stubEnv('FRONTLINE_LRS_AUTH', '');
});
afterEach(async () => {
  vi.unstubAllEnvs();
  await Promise.all(dirs.splice(0).map((d) => rm(d, { recursive: true, force: true })));
});

/** An attempt saved the way `take` saves it, with a real config file in the data dir. */
async function savedAttempt(settings: FrontlineConfig, pass = true): Promise<SavedAttempt> {
  const dataDir = await tempDir('frontline-finish-');
  const config = openConfig({ dataDir });
  config.set(settings);
  const record = makeAttempt(bank, hash, { pass });
  const savedTo = await writeAttemptRecord(dataDir, record);
  return { record, savedTo, bank, dataDir, config };
}

describe('the end of take', () => {
  it('on a proctored machine, says an attempt awaiting marking gets its certificate once marked, and signs nothing', async () => {
    const dataDir = await tempDir('frontline-finish-');
    const config = openConfig({ dataDir });
    config.set({ signing: { keyFile: join(dataDir, 'never-read.pem') } });
    const loaded = writtenBank([writtenItem('w1', { ack: [0, 1, 2] })]);
    const record = writtenAttempt(loaded, { id: 'waits' });
    expect(record.result?.status).toBe('awaiting-marking');
    const savedTo = await writeAttemptRecord(dataDir, record);
    const lines = await runAfterAttemptSaved({ record, savedTo, bank: loaded.bank, dataDir, config });
    expect(lines).toEqual([expect.stringMatching(/^No certificate yet: the written replies await marking; `frontline issue` signs it/)]);
    expect((await readdir(dataDir)).sort()).toEqual(['attempts', 'config.json']);
  });

  it('does nothing more on a machine with no key and no LRS', async () => {
    const saved = await savedAttempt({});
    expect(await runAfterAttemptSaved(saved)).toEqual([]);
    expect((await readdir(saved.dataDir)).sort()).toEqual(['attempts', 'config.json']);
  });

  it('issues a certificate that verifies when signing.keyFile is configured and the attempt passed', async () => {
    const key = await generateKey(await tempDir('frontline-key-'), { org: 'Acme' });
    const saved = await savedAttempt({ signing: { keyFile: key.files.privatePem } });
    const lines = await runAfterAttemptSaved(saved);
    expect(lines).toHaveLength(1);
    const file = /written to (.*)$/.exec(lines[0] ?? '')?.[1] ?? '';
    expect(file.startsWith(saved.dataDir)).toBe(true);
    const verify = createVerifier({ trust: { issuers: [{ id: key.did }] }, statusLists: await loadStatusLists([join(saved.dataDir, 'status')]) });
    expect(verify(await readFile(file, 'utf8'), new Date())).toMatchObject({ ok: true });
  });

  it('issues nothing for an attempt that did not pass', async () => {
    const key = await generateKey(await tempDir('frontline-key-'), { org: 'Acme' });
    const saved = await savedAttempt({ signing: { keyFile: key.files.privatePem } }, false);
    expect(await runAfterAttemptSaved(saved)).toEqual([]);
  });

  it('queues the statements in the outbox when an LRS endpoint is configured, and says how many', async () => {
    const saved = await savedAttempt({ lrs: { endpoint: 'https://lrs.example/xapi', homePage: 'https://hr.example', activityBase: 'https://lms.example/fl' } });
    const lines = await runAfterAttemptSaved(saved);
    const { entries } = await readOutbox(saved.dataDir);
    expect(entries).toHaveLength(1);
    const statements = entries[0]?.content.statements ?? [];
    expect(statements.length).toBeGreaterThan(0);
    expect(lines).toEqual([`Queued ${statements.length} statements for the LRS; \`frontline sync\` sends them.`]);
    expect(JSON.stringify(statements)).toContain('https://lms.example/fl');
  });

  it('reports a hook that fails as a warning and still runs the others', async () => {
    const saved = await savedAttempt({ signing: { keyFile: '/nonexistent/key.pem' }, lrs: { endpoint: 'https://lrs.example/xapi' } });
    const lines = await runAfterAttemptSaved(saved);
    expect(lines[0]).toMatch(/^Queued \d+ statements/);
    expect(lines[1]).toMatch(/^warning: after saving the attempt: .*key\.pem/);
  });
});
