// Every way a sealed bank can be unusable gets one line naming the file, exit
// 39 (badSealedBank), no stack, and nothing written: issue signs nothing and
// records nothing, take starts no attempt.
import { createPrivateKey } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { armor } from 'age-encryption';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseBank } from '../../src/core/bank/parse-bank.js';
import { sealedBankHash, type SealedBank } from '../../src/core/bank/sealed-bank.js';
import { verificationMethodOf } from '../../src/core/credential/ed25519.js';
import { signDocument } from '../../src/core/credential/eddsa-jcs-2022.js';
import { ExitCode } from '../../src/errors/exit-codes.js';
import { makeAttempt } from '../core/credential/attempt-fixture.js';
import { spawnFrontline } from './pty-harness.js';
import { repoRoot, runCli } from './run-cli.js';

const home = mkdtempSync(join(tmpdir(), 'frontline-sealed-bad-'));
const dataDir = join(home, 'data');
const keys = join(home, 'keys');
const otherKeys = join(home, 'other-keys');
const key = join(keys, 'issuer-key.pem');
const cli = (...args: string[]) => runCli(args, { env: { FRONTLINE_HOME: dataDir } });
const bankFile = join(repoRoot, 'question-banks/cs-fundamentals.yaml');
const parsed = parseBank(readFileSync(bankFile, 'utf8'), bankFile);
if (!parsed.ok) throw new Error('cs-fundamentals does not parse');

let good: SealedBank;
let other: SealedBank;
let did: string;
let attemptFile: string;

beforeAll(() => {
  for (const [dir, org] of [[keys, 'Acme'], [otherKeys, 'Elsewhere Ltd']] as const) {
    expect(runCli(['keys', 'generate', '--org', org, '--out', dir], { env: { FRONTLINE_HOME: join(home, org) } }).status).toBe(0);
  }
  expect(cli('seal', bankFile, '--key', key, '-o', join(home, 'good.json')).status).toBe(0);
  expect(runCli(['seal', bankFile, '--key', join(otherKeys, 'issuer-key.pem'), '-o', join(home, 'other.json')], { env: { FRONTLINE_HOME: join(home, 'other-data') } }).status).toBe(0);
  good = JSON.parse(readFileSync(join(home, 'good.json'), 'utf8')) as SealedBank;
  other = JSON.parse(readFileSync(join(home, 'other.json'), 'utf8')) as SealedBank;
  did = good.issuer;
  const attempt = { ...makeAttempt(parsed.bank, parsed.hash, { id: 'sealed-bad' }), delivery: 'sealed' as const };
  attemptFile = join(home, 'attempt.json');
  writeFileSync(attemptFile, JSON.stringify({ ...attempt, bank: { ...attempt.bank, sealedHash: sealedBankHash(good) } }));
});
afterAll(() => rmSync(home, { recursive: true, force: true }));

/** Signed again by the issuer: what only the issuer could make, so the checks past the signature are reached. */
function resigned(doc: SealedBank): SealedBank {
  const { proof: _proof, ...unsigned } = doc;
  const privateKey = createPrivateKey(readFileSync(key, 'utf8'));
  return signDocument(unsigned as unknown as Record<string, unknown>, privateKey, { verificationMethod: verificationMethodOf(did), created: doc.sealedAt }) as unknown as SealedBank;
}

const withoutEnvelope = (): string => {
  const { envelope: _e, ...rest } = good;
  return JSON.stringify(rest);
};
/** A byte of the envelope's ciphertext changed: the armor's base64 stays valid. */
// One character of the payload changed, well after the header: a flip in the
// header's recipient stanza would read as "sealed to another key (or its key stanza is damaged)" instead.
const flipped = (envelope: string): string => {
  const lines = envelope.split('\n');
  const i = lines.length - 5;
  const ch = lines[i]![10] === 'A' ? 'B' : 'A';
  lines[i] = lines[i]!.slice(0, 10) + ch + lines[i]!.slice(11);
  return lines.join('\n');
};

/** The X25519 stanza's ephemeral share changed by one base64 letter: the header still parses, nothing unwraps. */
const damagedStanza = (envelope: string): string => {
  const header = Buffer.from(armor.decode(envelope));
  const at = header.indexOf('-> X25519 ') + '-> X25519 '.length;
  header[at] = header[at] === 0x41 ? 0x42 : 0x41;
  return armor.encode(header);
};

const cases: Array<[string, () => string, RegExp]> = [
  ['a sealed bank without its envelope', withoutEnvelope, /not a usable sealed bank: "envelope" is missing/],
  ['a truncated sealed bank', () => readFileSync(join(home, 'good.json'), 'utf8').slice(0, 5000), /not valid JSON .*truncated or corrupted/],
  ['a corrupted envelope (signature no longer matches)', () => JSON.stringify({ ...good, envelope: flipped(good.envelope) }), /altered after sealing/],
  ['a corrupted envelope the issuer signed', () => JSON.stringify(resigned({ ...good, envelope: flipped(good.envelope) })), /envelope does not open .*corrupted/],
  ['a truncated envelope the issuer signed', () => JSON.stringify(resigned({ ...good, envelope: good.envelope.slice(0, 200) })), /envelope is not age armor .*truncated or corrupted/],
  ['a sealed bank from another issuer', () => JSON.stringify(other), /sealed by did:key:\S+, not by did:key:/],
  ['an envelope sealed to another key', () => JSON.stringify(resigned({ ...good, envelope: other.envelope })), /sealed to another key/],
  ['a damaged key stanza the issuer signed', () => JSON.stringify(resigned({ ...good, envelope: damagedStanza(good.envelope) })), /sealed to another key, not to this issuer \(or its key stanza is damaged\)/],
  ['a named hash that is not the envelope\'s', () => JSON.stringify(resigned({ ...good, bank: { ...good.bank, hash: `sha256:${'0'.repeat(64)}` } })), /names bank sha256:0{64}, but its envelope holds sha256:/],
  ['a readable part that is not the envelope\'s', () => JSON.stringify(resigned({ ...good, delivery: { ...good.delivery, title: 'Another title' } })), /readable part is not the one its envelope holds/],
];

describe('issue refuses a sealed bank it cannot trust (exit 39, one line, nothing written)', () => {
  it('issues from the good sealed bank (the cases below differ from it in one way each)', () => {
    // The attempt fails on re-scoring or its assignment, but only after the sealed bank was opened.
    const r = cli('issue', attemptFile, '--bank', join(home, 'good.json'), '--key', key);
    expect(r.status).not.toBe(ExitCode.badSealedBank);
    expect(r.stderr).toMatch(/not issued \(/);
  });

  it.each(cases)('%s', (_name, make, reason) => {
    const file = join(home, `bad-${_name.replace(/\W+/g, '-')}.json`);
    const text = make();
    writeFileSync(file, text);
    // The attempt names the copy given, when it still parses: each case then meets the check it is about.
    const named = (() => {
      try {
        return sealedBankHash(JSON.parse(text) as SealedBank);
      } catch {
        return sealedBankHash(good);
      }
    })();
    const attempt = JSON.parse(readFileSync(attemptFile, 'utf8')) as { bank: Record<string, unknown> };
    const caseAttempt = join(home, 'case-attempt.json');
    writeFileSync(caseAttempt, JSON.stringify({ ...attempt, bank: { ...attempt.bank, sealedHash: named } }));
    const before = existsSync(join(dataDir, 'certificates')) ? readdirSync(join(dataDir, 'certificates')).length : 0;
    const registry = readFileSync(join(dataDir, 'assignment-registry.json'), 'utf8');
    const r = cli('issue', caseAttempt, '--bank', file, '--key', key);
    expect(r.status, r.stderr).toBe(ExitCode.badSealedBank);
    const first = r.stderr.split('\n')[0]!;
    expect(first).toContain(file);
    expect(first).toMatch(reason);
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(readFileSync(join(dataDir, 'assignment-registry.json'), 'utf8')).toBe(registry);
    expect(existsSync(join(dataDir, 'certificates')) ? readdirSync(join(dataDir, 'certificates')).length : 0).toBe(before);
  });

  it('a sealed attempt naming a copy never sealed here, with no bank given', () => {
    const file = join(home, 'stray-attempt.json');
    const attempt = JSON.parse(readFileSync(attemptFile, 'utf8')) as { bank: Record<string, unknown> };
    writeFileSync(file, JSON.stringify({ ...attempt, bank: { ...attempt.bank, sealedHash: `sha256:${'ab'.repeat(32)}` } }));
    const r = cli('issue', file, '--key', key);
    expect(r.status, r.stderr).toBe(ExitCode.badSealedBank);
    expect(r.stderr).toMatch(/no sealed copy sha256:(ab){32} was made here/);
  });

  it('preview --answers on a sealed bank says the answers are sealed', () => {
    const r = cli('preview', join(home, 'good.json'), '--answers');
    expect(r.status).toBe(ExitCode.usage);
    expect(r.stderr).toMatch(/the answers are sealed/);
    const plain = cli('preview', join(home, 'good.json'));
    expect(plain.status, plain.stderr).toBe(0);
    expect(plain.stdout).toContain(parsed.bank.items[0]!.stem.slice(0, 30));
  });
});

describe('take refuses a tampered sealed bank (exit 39) before anything starts', () => {
  it('a stem changed after sealing', async () => {
    const tampered = structuredClone(good);
    tampered.delivery.items[0]!.stem = 'Which answer is right? (It is a.)';
    const file = join(home, 'tampered.json');
    writeFileSync(file, JSON.stringify(tampered));
    const agent = join(home, 'agent');
    const s = spawnFrontline(['take', file], { home: agent });
    const { exitCode } = await s.exited;
    expect(exitCode).toBe(ExitCode.badSealedBank);
    expect(s.screenText().replace(/\s+/g, ' ')).toMatch(/tampered\.json: sealed bank refused: its signature does not match: it was altered after sealing/);
    expect(s.screenText()).not.toMatch(/\n\s+at /);
    expect(existsSync(join(agent, 'attempts'))).toBe(false);
    expect(existsSync(join(agent, 'journal')) ? readdirSync(join(agent, 'journal')) : []).toEqual([]);
  }, 30_000);
});
