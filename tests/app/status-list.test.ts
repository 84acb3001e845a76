import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { getStatusBit } from '../../src/core/credential/status-list.js';
import { allocateStatusIndex, findIssued, type IssuedEntry } from '../../src/store/certificates.js';
import { generateKey, loadPrivateKey } from '../../src/store/keys.js';
import { ensureStatusList, revokeIndex } from '../../src/app/status-list.js';
import { loadStatusLists, statusListPath } from '../../src/store/status-list.js';

async function signer() {
  const dir = await mkdtemp(join(tmpdir(), 'frontline-status-'));
  const generated = await generateKey(join(dir, 'keys'), { org: 'Acme', statusListUrl: 'https://acme.example/status/1' });
  const { key } = await loadPrivateKey(generated.files.privatePem);
  return { dataDir: join(dir, 'data'), signer: { key, issuer: generated.profile } };
}

describe('status list store', () => {
  it('creates an empty signed list, then revocation sets exactly that bit', async () => {
    const { dataDir, signer: s } = await signer();
    const path = await ensureStatusList(dataDir, s, '2026-11-20T10:00:00Z');
    let lists = await loadStatusLists([path]);
    expect(getStatusBit(lists.get('https://acme.example/status/1')!.list, 77)).toBe(false);
    await revokeIndex(dataDir, s, 77, '2026-11-21T10:00:00Z');
    lists = await loadStatusLists([join(dataDir, 'status')]);
    const list = lists.get('https://acme.example/status/1')!;
    expect(list.issuer).toBe(s.issuer.id);
    expect(getStatusBit(list.list, 77)).toBe(true);
    expect(getStatusBit(list.list, 76)).toBe(false);
    expect(statusListPath(dataDir, s.issuer.statusListUrl)).toBe(path);
  });

  it('refuses a list whose bits were edited after signing (it could hide a revocation)', async () => {
    const { dataDir, signer: s } = await signer();
    const path = await revokeIndex(dataDir, s, 5, '2026-11-21T10:00:00Z');
    const doc = JSON.parse(await readFile(path, 'utf8')) as { credentialSubject: { encodedList: string } };
    const clean = JSON.parse(await readFile(await ensureStatusList((await signer()).dataDir, (await signer()).signer, '2026-11-21T10:00:00Z'), 'utf8')) as typeof doc;
    doc.credentialSubject.encodedList = clean.credentialSubject.encodedList;
    await writeFile(path, JSON.stringify(doc));
    await expect(loadStatusLists([path])).rejects.toThrow(/signature/);
  });
});

describe('certificate registry', () => {
  const entry = (index: number, list = 'https://a/1'): IssuedEntry => ({
    id: `urn:uuid:${index}`, file: 'x', issuer: 'did:key:z', statusListCredential: list, statusListIndex: index,
    employeeId: 'E', bank: 'b@1', attempt: `a${index}`, issuedAt: '2026-01-01T00:00:00Z',
  });

  it('allocates indexes not yet used in that list', () => {
    const used = Array.from({ length: 2000 }, (_, i) => entry(i));
    for (let i = 0; i < 200; i += 1) expect(allocateStatusIndex(used, 'https://a/1')).toBeGreaterThanOrEqual(2000);
  });

  it('finds by full id or bare uuid', () => {
    const entries = [entry(1), { ...entry(2), id: 'urn:uuid:0b4cf0a6-5b36-4c6e-9d43-3f1c2a7e9d10' }];
    expect(findIssued(entries, '0b4cf0a6-5b36-4c6e-9d43-3f1c2a7e9d10')?.statusListIndex).toBe(2);
    expect(findIssued(entries, 'urn:uuid:1')?.statusListIndex).toBe(1);
    expect(findIssued(entries, 'nope')).toBeUndefined();
  });
});
