import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { issueOnProctoredMachine } from '../../src/app/issue-certificate.js';
import type { SavedAttempt } from '../../src/app/take/after-attempt.js';
import { createVerifier } from '../../src/core/credential/verify-certificate.js';
import { generateKey } from '../../src/store/keys.js';
import { loadStatusLists } from '../../src/store/status-list.js';
import { makeAttempt } from '../core/credential/attempt-fixture.js';
import { loadShippedBank } from '../core/credential/certificate-fixture.js';

const { bank, hash } = loadShippedBank();

async function saved(settings: Record<string, unknown>, pass = true): Promise<SavedAttempt> {
  const dataDir = await mkdtemp(join(tmpdir(), 'frontline-proctored-'));
  const config = { get: (key: string) => settings[key] } as unknown as SavedAttempt['config'];
  return { record: makeAttempt(bank, hash, { pass }), savedTo: join(dataDir, 'a.json'), bank, dataDir, config };
}

describe('issuing at the end of take (proctored machine)', () => {
  it('does nothing without a configured key', async () => {
    expect(await issueOnProctoredMachine(await saved({}))).toEqual([]);
  });

  it('does nothing for a failed attempt', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'frontline-key-'));
    const key = await generateKey(dir, { org: 'Acme' });
    expect(await issueOnProctoredMachine(await saved({ 'signing.keyFile': key.files.privatePem }, false))).toEqual([]);
  });

  it('issues a certificate that verifies, naming the issuer from config when the key has no issuer.json', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'frontline-key-'));
    const key = await generateKey(dir, { org: 'From issuer.json' });
    await rm(key.files.profile);
    const s = await saved({ 'signing.keyFile': key.files.privatePem, 'issuer.name': 'Acme Leeds' });
    const lines = await issueOnProctoredMachine(s);
    expect(lines[0]).toMatch(/^Certificate urn:uuid:.* written to /);
    const file = lines[0]!.replace(/^.* written to /, '');
    const text = await readFile(file, 'utf8');
    expect(JSON.parse(text)).toMatchObject({ issuer: { id: key.did, name: 'Acme Leeds' } });
    const verify = createVerifier({ trust: { issuers: [{ id: key.did }] }, statusLists: await loadStatusLists([join(s.dataDir, 'status')]) });
    expect(verify(text, new Date())).toMatchObject({ ok: true });
  });
});
