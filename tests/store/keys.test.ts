import { chmod, mkdtemp, readFile, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateKeyPairSync, sign, verify, createPublicKey } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { UserError } from '../../src/errors/user-error.js';
import { ExitCode } from '../../src/errors/exit-codes.js';
import { parseDidKeyMethod, publicKeyFromRaw } from '../../src/core/credential/ed25519.js';
import { rm } from 'node:fs/promises';
import { Decrypter, Encrypter } from 'age-encryption';
import { generateKey, loadEncryptionKey, loadIssuerProfile, loadPrivateKey } from '../../src/store/keys.js';

const tempDir = () => mkdtemp(join(tmpdir(), 'frontline-keys-'));

describe.skipIf(process.platform === 'win32')('keys', () => {
  it('writes the private key 0600 and the public key as did:key, JWK and PEM that agree', async () => {
    const dir = await tempDir();
    const key = await generateKey(dir, { org: 'Acme Support' });
    expect((await stat(key.files.privatePem)).mode & 0o777).toBe(0o600);
    const { key: privateKey, did } = await loadPrivateKey(key.files.privatePem);
    expect(did).toBe(key.did);
    const fromDid = publicKeyFromRaw(parseDidKeyMethod(did)!.raw);
    const fromPem = createPublicKey(await readFile(key.files.publicPem, 'utf8'));
    const fromJwk = createPublicKey({ key: JSON.parse(await readFile(key.files.publicJwk, 'utf8')), format: 'jwk' });
    const signature = sign(null, Buffer.from('x'), privateKey);
    for (const pub of [fromDid, fromPem, fromJwk]) expect(verify(null, Buffer.from('x'), pub, signature)).toBe(true);
    expect(await loadIssuerProfile(key.files.privatePem, did)).toMatchObject({ id: did, name: 'Acme Support' });
  });

  it.each([0o640, 0o604, 0o644, 0o660])('refuses a private key with mode %o (exit insecureKey)', async (mode) => {
    const dir = await tempDir();
    const key = await generateKey(dir, { org: 'Acme' });
    await chmod(key.files.privatePem, mode);
    const error = await loadPrivateKey(key.files.privatePem).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UserError);
    expect((error as UserError).exitCode).toBe(ExitCode.insecureKey);
    expect((error as UserError).hint).toContain('chmod 600');
  });

  it('will not overwrite an existing key without force', async () => {
    const dir = await tempDir();
    await generateKey(dir, { org: 'Acme' });
    await expect(generateKey(dir, { org: 'Acme' })).rejects.toThrow(/already exists/);
    await expect(generateKey(dir, { org: 'Acme', force: true })).resolves.toBeTruthy();
  });

  it('refuses a key that is not Ed25519', async () => {
    const dir = await tempDir();
    const path = join(dir, 'rsa.pem');
    const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    await writeFile(path, privateKey.export({ format: 'pem', type: 'pkcs8' }), { mode: 0o600 });
    await expect(loadPrivateKey(path)).rejects.toThrow(/expected an Ed25519 key/);
  });

  it('refuses an issuer profile written for another key', async () => {
    const a = await generateKey(await tempDir(), { org: 'A' });
    const b = await generateKey(await tempDir(), { org: 'B' });
    await expect(loadIssuerProfile(a.files.privatePem, a.did, b.files.profile)).rejects.toThrow(/describes/);
  });

  it('writes an age encryption key 0600 beside the signing key, in age-keygen format, that decrypts what is encrypted to its recipient', async () => {
    const dir = await tempDir();
    const key = await generateKey(dir, { org: 'Acme' });
    expect((await stat(key.files.encryptionKey)).mode & 0o777).toBe(0o600);
    const text = await readFile(key.files.encryptionKey, 'utf8');
    expect(text).toMatch(new RegExp(`^# created: .*\n# public key: ${key.recipient}\nAGE-SECRET-KEY-1[0-9A-Z]+\n$`));
    const loaded = await loadEncryptionKey(key.files.privatePem, { create: false });
    expect(loaded).toMatchObject({ recipient: key.recipient, created: false });
    const e = new Encrypter();
    e.addRecipient(key.recipient);
    const d = new Decrypter();
    d.addIdentity(loaded.identity);
    expect(await d.decrypt(await e.encrypt('sealed'), 'text')).toBe('sealed');
  });

  it.each([0o640, 0o604, 0o644])('refuses an encryption key with mode %o (exit insecureKey)', async (mode) => {
    const key = await generateKey(await tempDir(), { org: 'Acme' });
    await chmod(key.files.encryptionKey, mode);
    await expect(loadEncryptionKey(key.files.privatePem, { create: false })).rejects.toMatchObject({ exitCode: ExitCode.insecureKey });
  });

  it('gives a key folder from before sealed banks an encryption key when asked to (seal), and refuses without (issue: exit 39)', async () => {
    const key = await generateKey(await tempDir(), { org: 'Acme' });
    await rm(key.files.encryptionKey);
    await expect(loadEncryptionKey(key.files.privatePem, { create: false })).rejects.toMatchObject({ exitCode: ExitCode.badSealedBank });
    const made = await loadEncryptionKey(key.files.privatePem, { create: true });
    expect(made.created).toBe(true);
    expect((await stat(made.path)).mode & 0o777).toBe(0o600);
    expect(await loadEncryptionKey(key.files.privatePem, { create: true })).toMatchObject({ created: false, recipient: made.recipient });
  });
});
