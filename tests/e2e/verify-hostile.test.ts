import { execFileSync, spawnSync } from 'node:child_process';
import { closeSync, mkdirSync, mkdtempSync, openSync, rmSync, symlinkSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { statusEntry } from '../../src/core/credential/build-certificate.js';
import { verificationMethodOf } from '../../src/core/credential/ed25519.js';
import { signDocument } from '../../src/core/credential/eddsa-jcs-2022.js';
import { buildStatusListCredential, emptyStatusList } from '../../src/core/credential/status-list.js';
import { ISSUED_AT, issueTestCertificate, makeIssuer } from '../core/credential/certificate-fixture.js';
import { binPath, repoRoot } from './run-cli.js';

const GOOD = 20_000;
const home = mkdtempSync(join(tmpdir(), 'frontline-verify-hostile-'));
const certs = join(home, 'certs');
const issuer = makeIssuer();
const template = issueTestCertificate(issuer) as unknown as Record<string, unknown>;
const signedText = JSON.stringify(template, null, 2);

/** Each hostile file, and the start of the verdict it must get. */
const hostile: Array<[string, RegExp]> = [
  ['lone-surrogate.json', /^INVALID .*lone-surrogate\.json malformed: .*lone surrogate/],
  ['big-number.json', /^INVALID .*big-number\.json malformed: .*too large/],
  ['nested.json', /^INVALID .*nested\.json malformed: nested more than 64/],
  ['duplicate-key.json', /^INVALID .*duplicate-key\.json malformed: key "credentialSubject" appears twice/],
  ['bom.json', /^VALID .*bom\.json Amara Osei/],
  ['fifo.json', /^INVALID .*fifo\.json unreadable: cannot read: a named pipe \(FIFO\), not a file/],
  ['zero.json', /^INVALID .*zero\.json unreadable: cannot read: a device, not a file/],
  ['huge.json', /^INVALID .*huge\.json malformed: larger than 1 MB: not a certificate/],
  ['dangling.json', /^INVALID .*dangling\.json unreadable: cannot read: no such file or directory/],
];

let trust = '';
let status = '';

beforeAll(() => {
  const good = join(certs, 'good');
  mkdirSync(good, { recursive: true });
  // Signed in-process (a few seconds), each with its own id and status index, as `issue` would.
  const { proof: _proof, ...body } = template;
  for (let i = 0; i < GOOD; i += 1) {
    const doc = { ...body, id: `urn:uuid:00000000-0000-4000-8000-${String(i).padStart(12, '0')}`, credentialStatus: statusEntry(issuer.listUrl, i) };
    const cert = signDocument(doc, issuer.privateKey, { verificationMethod: verificationMethodOf(issuer.did), created: ISSUED_AT });
    writeFileSync(join(good, `${String(i).padStart(5, '0')}.json`), JSON.stringify(cert));
  }
  const bad = join(certs, 'bad');
  mkdirSync(bad);
  const put = (name: string, text: string) => writeFileSync(join(bad, name), text);
  put('lone-surrogate.json', signedText.replace('"Amara Osei"', '"Amara \\ud800 Osei"'));
  put('big-number.json', signedText.replace('{\n', '{\n  "x": 1e400,\n'));
  put('nested.json', `${'['.repeat(200_000)}${']'.repeat(200_000)}`);
  put('duplicate-key.json', signedText.replace('{\n', `{\n  "credentialSubject": {"id": "urn:fake"},\n`));
  put('bom.json', `\uFEFF${signedText}`);
  execFileSync('mkfifo', [join(bad, 'fifo.json')]);
  symlinkSync('/dev/zero', join(bad, 'zero.json'));
  // 600 MB as the file system reports it, without writing 600 MB (a sparse file).
  closeSync(openSync(join(bad, 'huge.json'), 'w'));
  truncateSync(join(bad, 'huge.json'), 600 * 1024 * 1024);
  symlinkSync(join(bad, 'missing'), join(bad, 'dangling.json'));
  // A folder named like a certificate, and two symbolic link loops.
  mkdirSync(join(bad, 'folder.json'));
  symlinkSync(certs, join(bad, 'loop-to-top'));
  symlinkSync(bad, join(bad, 'folder.json', 'loop-to-bad'));

  trust = join(home, 'trust.json');
  writeFileSync(trust, JSON.stringify({ issuers: [{ id: issuer.did, name: 'Acme Support' }] }));
  status = join(home, 'status');
  mkdirSync(status);
  const list = buildStatusListCredential({ id: issuer.listUrl, issuer: { id: issuer.did }, validFrom: ISSUED_AT, list: emptyStatusList() });
  writeFileSync(join(status, 'list.json'), JSON.stringify(signDocument(list, issuer.privateKey, { verificationMethod: verificationMethodOf(issuer.did), created: ISSUED_AT })));
}, 300_000);

afterAll(() => rmSync(home, { recursive: true, force: true }), 120_000);

describe.skipIf(process.platform === 'win32')('verify over 20,000 good certificates and every hostile file (issue 17.12, 17.13, 17.21)', () => {
  it('gives 20,000 VALID lines plus one verdict per hostile file, and terminates', () => {
    const run = spawnSync(process.execPath, [binPath, 'verify', certs, '--trust', trust, '--status', status, '--at', '2026-12-01T00:00:00Z'], {
      cwd: repoRoot,
      env: { ...process.env, NO_COLOR: '1', CI: undefined, FRONTLINE_HOME: join(home, 'data') },
      encoding: 'utf8',
      input: '',
      timeout: 240_000,
      maxBuffer: 64 * 1024 * 1024,
    });
    expect(run.error).toBeUndefined();
    expect(run.stderr).toBe('');
    // A verdict longer than 80 columns continues on lines indented by 8 spaces: one verdict per joined line.
    const lines = run.stdout.trimEnd().replace(/\n {8}/g, ' ').replace(/ +/g, ' ').split('\n');
    const summary = lines.pop()!;
    const goodLines = lines.filter((l) => l.includes(`${join(certs, 'good')}/`));
    expect(goodLines).toHaveLength(GOOD);
    expect(goodLines.every((l) => l.startsWith('VALID '))).toBe(true);
    const badLines = lines.filter((l) => !l.includes(`${join(certs, 'good')}/`));
    expect(badLines).toHaveLength(hostile.length);
    for (const [name, verdict] of hostile) expect(badLines.filter((l) => l.includes(`/${name} `)), name).toEqual([expect.stringMatching(verdict)]);
    expect(summary).toBe(`${GOOD + hostile.length} checked: ${GOOD + 1} valid, ${hostile.length - 1} invalid (malformed 5, unreadable 3)`);
    // Mixed reasons: 1 (failed).
    expect(run.status).toBe(1);
  }, 300_000);
});
