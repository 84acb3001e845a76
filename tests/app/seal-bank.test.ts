import { mkdtemp, readFile, readdir } from 'node:fs/promises';
import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Decrypter, armor } from 'age-encryption';
import { describe, expect, it } from 'vitest';
import { sealBank } from '../../src/app/seal-bank.js';
import { assemble } from '../../src/core/attempt/assemble.js';
import { parseBank } from '../../src/core/bank/parse-bank.js';
import { deliveryBankForTake, type SealedBank } from '../../src/core/bank/sealed-bank.js';
import type { Bank } from '../../src/core/bank/types.js';
import { readAssignmentRegistry } from '../../src/store/assignments.js';
import { generateKey, loadEncryptionKey } from '../../src/store/keys.js';

const banksDir = join(import.meta.dirname, '../../question-banks');

/** The shipped banks that certify sealed attempts: the ones `seal` exists for. */
const certificationBanks = (await readdir(banksDir))
  .filter((f) => f.endsWith('.yaml'))
  .map((f) => {
    const parsed = parseBank(readFileSync(join(banksDir, f), 'utf8'), f);
    if (!parsed.ok) throw new Error(`${f} does not parse`);
    return { file: f, bank: parsed.bank, hash: parsed.hash };
  })
  .filter(({ bank }) => bank.policy.delivery?.includes('sealed'));

/** Everything in a bank that scores it or gives its key away, as the strings a search would look for. */
function secretsOf(bank: Bank): { texts: string[]; answers: Array<{ item: string; answer: unknown }>; keys: number; points: number } {
  const texts: string[] = [];
  const answers: Array<{ item: string; answer: unknown }> = [];
  let keys = 0;
  let points = 0;
  for (const item of bank.items) {
    if (item.explanation) texts.push(item.explanation);
    if (item.points !== undefined) points += 1;
    switch (item.type) {
      case 'scenario':
        for (const step of item.steps) {
          for (const c of step.choices ?? []) {
            if (c.feedback) texts.push(c.feedback);
            if (c.redFlag) texts.push(c.redFlag);
            if (c.points) points += 1;
          }
        }
        break;
      case 'true-false':
        answers.push({ item: item.id, answer: item.answer });
        if (item.feedback?.true) texts.push(item.feedback.true);
        if (item.feedback?.false) texts.push(item.feedback.false);
        break;
      default:
        answers.push({ item: item.id, answer: 'answer' in item ? item.answer : null });
        if (item.type === 'written') {
          if (item.modelAnswer) texts.push(item.modelAnswer);
          break;
        }
        for (const o of item.options) {
          if (o.feedback) texts.push(o.feedback);
          if (o.redFlag) texts.push(o.redFlag);
          if ('key' in o) keys += 1;
        }
    }
  }
  return { texts, answers, keys, points };
}

/** Every property name in a JSON value, with the path it is under. */
function propertyNames(value: unknown, path = '', out: string[] = []): string[] {
  if (Array.isArray(value)) value.forEach((v, i) => propertyNames(v, `${path}[${i}]`, out));
  else if (typeof value === 'object' && value !== null) {
    for (const [k, v] of Object.entries(value)) {
      out.push(`${path}.${k}`);
      propertyNames(v, `${path}.${k}`, out);
    }
  }
  return out;
}

/** JSON as `seal` writes it escapes quotes and newlines: search for a text as it would appear there, and as written. */
const occurs = (haystack: string, text: string): boolean => haystack.includes(text) || haystack.includes(JSON.stringify(text).slice(1, -1));

describe('frontline seal on each shipped certification bank', () => {
  it('finds the certification banks (four ship with delivery: [hosted, sealed])', () => {
    expect(certificationBanks.map((b) => b.file).sort()).toEqual(['complaint-handling.yaml', 'cs-fundamentals.yaml', 'live-chat.yaml', 'service-metrics.yaml']);
  });

  it.each(certificationBanks)('$file: the sealed file holds no answer, rating key, red flag, points, feedback or explanation', async ({ bank, hash }) => {
    const dir = await mkdtemp(join(tmpdir(), 'frontline-seal-'));
    const key = await generateKey(join(dir, 'keys'), { org: 'Acme' });
    const out = join(dir, 'bank.sealed.json');
    await sealBank({ dataDir: join(dir, 'data'), bank, bankHash: hash, keyPath: key.files.privatePem, out });
    const text = await readFile(out, 'utf8');
    const sealed = JSON.parse(text) as SealedBank;
    const secrets = secretsOf(bank);

    // The search finds them in the bank as written: a search that cannot find anything proves nothing.
    const clear = JSON.stringify(bank, null, 2);
    expect(secrets.texts.length).toBeGreaterThan(20);
    for (const t of secrets.texts) expect(occurs(clear, t), t).toBe(true);

    for (const t of secrets.texts) expect(occurs(text, t), `found in the sealed file: ${t}`).toBe(false);
    const names = propertyNames(sealed.delivery);
    const leaking = names.filter((n) => /\.(answer|key|points|redFlag|explanation|scoring|lintAccept|weight|floor|modules)$/.test(n) || /\.items\[\d+\](\.options\[\d+\]|\.steps\[\d+\]\.choices\[\d+\])?\.feedback$/.test(n));
    expect(leaking).toEqual([]);
    // Every answer is absent as an answer: each item in clear is its stem, options and graph only.
    for (const { item } of secrets.answers) {
      const clearItem = sealed.delivery.items.find((i) => i.id === item);
      expect(clearItem, item).toBeDefined();
      expect(Object.keys(clearItem!).filter((k) => !['id', 'type', 'competency', 'case', 'stem', 'timeLimitSeconds', 'tags', 'options', 'scale', 'start', 'steps', 'channel', 'words'].includes(k))).toEqual([]);
    }
    // Ordering answers are orders: the clear option order must not be one.
    for (const item of bank.items) {
      if (item.type !== 'ordering') continue;
      const shown = sealed.delivery.items.find((i) => i.id === item.id)!.options!.map((o) => o.id);
      expect(shown, item.id).not.toEqual(item.answer);
    }
    expect(secrets.keys + secrets.points).toBeGreaterThan(0);

    // The envelope opens with the issuer's key to the very bank named.
    const identity = (await loadEncryptionKey(key.files.privatePem, { create: false })).identity;
    const decrypter = new Decrypter();
    decrypter.addIdentity(identity);
    const opened = parseBank(await decrypter.decrypt(armor.decode(sealed.envelope), 'text'), 'envelope');
    expect(opened.ok && opened.hash).toBe(hash);
    expect(sealed.bank.hash).toBe(hash);

    const registry = await readAssignmentRegistry(join(dir, 'data'));
    expect(registry.seals?.map((s) => s.bank)).toEqual([hash]);
  });

  it.each(certificationBanks)('$file: take assembles the same items from the sealed copy as issue does from the full bank', async ({ bank, hash }) => {
    const dir = await mkdtemp(join(tmpdir(), 'frontline-seal-'));
    const key = await generateKey(join(dir, 'keys'), { org: 'Acme' });
    const sealed = await sealBank({ dataDir: join(dir, 'data'), bank, bankHash: hash, keyPath: key.files.privatePem, out: join(dir, 's.json') });
    const delivery = deliveryBankForTake(sealed.sealed.delivery);
    for (const seed of ['a', 'b', 'c', 'd', 'e']) {
      const full = assemble(bank, seed);
      const delivered = assemble(delivery, seed);
      expect(delivered.map((e) => e.itemId)).toEqual(full.map((e) => e.itemId));
      // Only an ordering item's start may differ: the full bank avoids starting in the answer's order.
      full.forEach((entry, i) => {
        const type = bank.items.find((it) => it.id === entry.itemId)!.type;
        if (type !== 'ordering') expect(delivered[i]).toEqual(entry);
      });
    }
  });
});
