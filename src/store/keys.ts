import { generateKeyPairSync, createPrivateKey, type KeyObject } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { didKeyFromPublicKey, verificationMethodOf } from '../core/credential/ed25519.js';
import type { IssuerProfile } from '../core/credential/certificate-types.js';
import { ioError, UserError } from '../errors/user-error.js';
import { ExitCode } from '../errors/exit-codes.js';
import { writeFileAtomic } from './atomic-write.js';
import { exists } from './file-system.js';

export const keyFiles = {
  privatePem: 'issuer-key.pem',
  publicPem: 'issuer-key.pub.pem',
  publicJwk: 'issuer-key.jwk.json',
  /** The issuer profile certificates carry; read by `issue` from the key's folder. */
  profile: 'issuer.json',
  /** The age X25519 identity sealed banks are encrypted to (age-keygen's format): `seal` and `issue` read it. */
  encryptionKey: 'issuer-age-key.txt',
} as const;

/** issuer.json: who the key signs for and where its revocation list is published. */
export interface IssuerFile extends IssuerProfile {
  statusListUrl: string;
}

export interface GeneratedKey {
  did: string;
  files: { privatePem: string; publicPem: string; publicJwk: string; profile: string; encryptionKey: string };
  profile: IssuerFile;
  /** The age recipient (`age1…`) of the encryption key. */
  recipient: string;
}

export interface GenerateKeyOptions {
  org: string;
  url?: string;
  statusListUrl?: string;
  /** Replace an existing key in `dir`. @default false */
  force?: boolean;
}

/**
 * A new Ed25519 key pair in `dir`: the private key as PKCS#8 PEM with mode
 * 0600, the public key as PEM and JWK, and the issuer profile with its did:key.
 */
export async function generateKey(dir: string, options: GenerateKeyOptions): Promise<GeneratedKey> {
  const files = {
    privatePem: join(dir, keyFiles.privatePem),
    publicPem: join(dir, keyFiles.publicPem),
    publicJwk: join(dir, keyFiles.publicJwk),
    profile: join(dir, keyFiles.profile),
    encryptionKey: join(dir, keyFiles.encryptionKey),
  };
  if (!options.force && (await exists(files.privatePem))) {
    throw new UserError(`${files.privatePem}: a key already exists`, {
      exitCode: ExitCode.exists,
      hint: 'certificates signed with it would stop verifying if it were lost; use another --out, or --force to replace it',
    });
  }
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  const did = didKeyFromPublicKey(publicKey);
  const profile: IssuerFile = {
    id: did,
    name: options.org,
    ...(options.url ? { url: options.url } : {}),
    statusListUrl: options.statusListUrl ?? defaultStatusListUrl(did, options.url),
  };
  const jwk = { ...publicKey.export({ format: 'jwk' }), kid: verificationMethodOf(did), alg: 'EdDSA', use: 'sig' };
  try {
    await writeFileAtomic(files.privatePem, privateKey.export({ format: 'pem', type: 'pkcs8' }) as string, { mode: 0o600 });
    await writeFileAtomic(files.publicPem, publicKey.export({ format: 'pem', type: 'spki' }) as string);
    await writeFileAtomic(files.publicJwk, `${JSON.stringify(jwk, null, 2)}\n`);
    await writeFileAtomic(files.profile, `${JSON.stringify(profile, null, 2)}\n`);
  } catch (error) {
    throw ioError(dir, error, 'write keys to');
  }
  const { recipient } = await writeEncryptionKey(files.encryptionKey);
  return { did, files, profile, recipient };
}

/** The age identity beside a signing key, and its public recipient. */
export interface EncryptionKey {
  path: string;
  /** `AGE-SECRET-KEY-1…` */
  identity: string;
  /** `age1…` */
  recipient: string;
}

export const encryptionKeyPath = (signingKeyPath: string): string => join(dirname(signingKeyPath), keyFiles.encryptionKey);

/** A new age X25519 identity, mode 0600, in age-keygen's format so `age -d -i` reads it too. */
async function writeEncryptionKey(path: string): Promise<EncryptionKey> {
  const age = await import('age-encryption');
  const identity = await age.generateX25519Identity();
  const recipient = await age.identityToRecipient(identity);
  const text = `# created: ${new Date().toISOString()}\n# public key: ${recipient}\n${identity}\n`;
  try {
    await writeFileAtomic(path, text, { mode: 0o600 });
  } catch (error) {
    throw ioError(path, error, 'write');
  }
  return { path, identity, recipient };
}

/**
 * The encryption key beside a signing key, refused when group or others can
 * read it (as the signing key is): it opens every sealed bank's answers.
 * With `create`, a key made before sealed banks existed gets one now (`seal`);
 * without, a missing one is an error (`issue`: nothing was sealed to it).
 */
export async function loadEncryptionKey(signingKeyPath: string, options: { create: boolean }): Promise<EncryptionKey & { created: boolean }> {
  const path = encryptionKeyPath(signingKeyPath);
  let mode: number;
  let text: string;
  try {
    mode = (await stat(path)).mode;
    text = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT' && options.create) return { ...(await writeEncryptionKey(path)), created: true };
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
      throw new UserError(`${path}: no encryption key beside ${signingKeyPath}, so nothing was sealed to this issuer`, {
        exitCode: ExitCode.badSealedBank,
        hint: 'sealed banks open only with the key folder of the issuer that ran `frontline seal`',
      });
    }
    throw ioError(path, error);
  }
  if (process.platform !== 'win32' && (mode & 0o077) !== 0) {
    throw new UserError(`${path}: encryption key is readable by group or others (mode ${(mode & 0o777).toString(8).padStart(4, '0')})`, {
      exitCode: ExitCode.insecureKey,
      hint: `chmod 600 ${path}`,
    });
  }
  const identity = text.split(/\r?\n/).find((line) => line.startsWith('AGE-SECRET-KEY-1'));
  const age = await import('age-encryption');
  let recipient: string | undefined;
  try {
    recipient = identity === undefined ? undefined : await age.identityToRecipient(identity);
  } catch {
    recipient = undefined;
  }
  if (identity === undefined || recipient === undefined) {
    throw new UserError(`${path}: not an age identity (expected a line AGE-SECRET-KEY-1…)`, { exitCode: ExitCode.invalidInput });
  }
  return { path, identity, recipient, created: false };
}

/**
 * `statusListCredential` must be a URL that a verifier could fetch. frontline
 * itself matches lists by this URL against local files, so the default need
 * not resolve; `.invalid` (RFC 2606) says plainly that it does not.
 */
export function defaultStatusListUrl(did: string, orgUrl?: string): string {
  const short = did.slice('did:key:z6Mk'.length, 'did:key:z6Mk'.length + 12);
  return orgUrl ? `${orgUrl.replace(/\/+$/, '')}/credentials/status/${short}` : `https://status.invalid/frontline/${short}`;
}

/**
 * Loads a private key, refusing one that group or others can read (as ssh
 * does): a copied or shared signing key can issue certificates for anyone.
 */
export async function loadPrivateKey(path: string): Promise<{ key: KeyObject; did: string }> {
  let mode: number;
  let text: string;
  try {
    mode = (await stat(path)).mode;
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw ioError(path, error);
  }
  if (process.platform !== 'win32' && (mode & 0o077) !== 0) {
    throw new UserError(`${path}: private key is readable by group or others (mode ${(mode & 0o777).toString(8).padStart(4, '0')})`, {
      exitCode: ExitCode.insecureKey,
      hint: `chmod 600 ${path}`,
    });
  }
  let key: KeyObject;
  try {
    key = createPrivateKey(text);
  } catch {
    throw new UserError(`${path}: not a PEM private key`, { exitCode: ExitCode.invalidInput });
  }
  if (key.asymmetricKeyType !== 'ed25519') {
    throw new UserError(`${path}: expected an Ed25519 key, found ${key.asymmetricKeyType ?? 'an unknown type'}`, { exitCode: ExitCode.invalidInput });
  }
  return { key, did: didKeyFromPublicKey(key) };
}

/**
 * The issuer profile next to a key (or at `path`), checked against the key it
 * must describe. Without one, `fallbackName` (config `issuer.name`) names the
 * issuer and the status list URL is the default for the key.
 */
export async function loadIssuerProfile(
  keyPath: string,
  did: string,
  path = join(dirname(keyPath), keyFiles.profile),
  fallbackName?: string,
): Promise<IssuerFile> {
  let data: unknown;
  try {
    data = JSON.parse(await readFile(path, 'utf8'));
  } catch (error) {
    if (error instanceof SyntaxError) throw new UserError(`${path}: not valid JSON (${error.message})`);
    if (fallbackName && (error as NodeJS.ErrnoException).code === 'ENOENT') {
      return { id: did, name: fallbackName, statusListUrl: defaultStatusListUrl(did) };
    }
    throw new UserError(`${path}: cannot read the issuer profile`, {
      exitCode: ExitCode.io,
      hint: 'it is written by `frontline keys generate --org <name>`; pass --issuer <file> if it lives elsewhere',
      cause: error,
    });
  }
  let p = data as Partial<IssuerFile> | null;
  // A profile that only records which data dir owns the key (written by the first `issue` without one).
  if (fallbackName && typeof p === 'object' && p !== null && p.name === undefined && p.statusListUrl === undefined) {
    p = { ...p, name: fallbackName, statusListUrl: defaultStatusListUrl(did) };
  }
  if (typeof p !== 'object' || p === null || typeof p.name !== 'string' || p.name.trim() === '' || typeof p.statusListUrl !== 'string') {
    throw new UserError(`${path}: an issuer profile needs "name" and "statusListUrl"`);
  }
  if (!isUrl(p.statusListUrl)) throw new UserError(`${path}: statusListUrl: expected an absolute URL, found "${p.statusListUrl}"`);
  if (p.id !== undefined && p.id !== did) {
    throw new UserError(`${path}: describes ${p.id}, but the key is ${did}`, { hint: 'use the issuer.json written with this key' });
  }
  return {
    id: did,
    name: p.name,
    ...(typeof p.url === 'string' ? { url: p.url } : {}),
    ...(typeof p.email === 'string' ? { email: p.email } : {}),
    statusListUrl: p.statusListUrl,
  };
}

export function isUrl(text: string): boolean {
  try {
    return /^https?:$/.test(new URL(text).protocol);
  } catch {
    return false;
  }
}
