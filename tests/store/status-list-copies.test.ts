import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { verificationMethodOf } from '../../src/core/credential/ed25519.js';
import { signDocument } from '../../src/core/credential/eddsa-jcs-2022.js';
import { buildStatusListCredential, emptyStatusList, setStatusBit } from '../../src/core/credential/status-list.js';
import { createVerifier } from '../../src/core/credential/verify-certificate.js';
import { loadStatusLists } from '../../src/store/status-list.js';
import { issueTestCertificate, makeIssuer } from '../core/credential/certificate-fixture.js';

const root = mkdtempSync(join(tmpdir(), 'frontline-status-copies-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
const issuer = makeIssuer();
const certificate = JSON.stringify(issueTestCertificate(issuer, { index: 4242 }));

function writeList(path: string, at: string, revoked: number[]): void {
  let list = emptyStatusList();
  for (const i of revoked) list = setStatusBit(list, i, true);
  const unsigned = buildStatusListCredential({ id: issuer.listUrl, issuer: { id: issuer.did }, validFrom: at, list });
  writeFileSync(path, JSON.stringify(signDocument(unsigned, issuer.privateKey, { verificationMethod: verificationMethodOf(issuer.did), created: at })));
}

describe('a stale copy of a status list never un-revokes (issue 17.4)', () => {
  const dir = join(root, 'status');
  mkdirSync(dir);
  // The stale copy sorts last, so "the last file read wins" would pick it.
  writeList(join(dir, 'a-current.json'), '2026-11-25T00:00:00Z', [4242]);
  writeList(join(dir, 'z-stale.json'), '2026-11-01T00:00:00Z', []);

  it.each([
    ['one folder', [dir]],
    ['--status new --status old', [join(dir, 'a-current.json'), join(dir, 'z-stale.json')]],
    ['--status old --status new', [join(dir, 'z-stale.json'), join(dir, 'a-current.json')]],
  ])('%s: the certificate stays revoked, with no warning (the newest copy has every revocation)', async (_label, paths) => {
    const warnings: string[] = [];
    const lists = await loadStatusLists(paths, (w) => warnings.push(w));
    const verify = createVerifier({ trust: { issuers: [{ id: issuer.did }] }, statusLists: lists });
    expect(verify(certificate, new Date('2026-12-01T00:00:00Z'))).toMatchObject({ ok: false, reason: 'revoked' });
    expect(warnings).toEqual([]);
  });

  it('a newer copy that lost a revocation: still revoked, and a warning names both files', async () => {
    const odd = join(root, 'odd');
    mkdirSync(odd);
    writeList(join(odd, 'old.json'), '2026-11-01T00:00:00Z', [4242]);
    writeList(join(odd, 'new.json'), '2026-11-25T00:00:00Z', []);
    const warnings: string[] = [];
    const lists = await loadStatusLists([odd], (w) => warnings.push(w));
    const verify = createVerifier({ trust: { issuers: [{ id: issuer.did }] }, statusLists: lists });
    expect(verify(certificate, new Date('2026-12-01T00:00:00Z'))).toMatchObject({ ok: false, reason: 'revoked' });
    expect(warnings).toEqual([expect.stringMatching(/old\.json revokes entries that the newest, .*new\.json, does not/)]);
  });
});
