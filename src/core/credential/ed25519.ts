import { createPrivateKey, createPublicKey, type KeyObject } from 'node:crypto';
import { decodeBase58btc, encodeBase58btc } from './base58btc.js';

// Multicodec varint prefixes (https://github.com/multiformats/multicodec).
const ED25519_PUB = Uint8Array.of(0xed, 0x01);
const ED25519_PRIV = Uint8Array.of(0x80, 0x26);
// DER headers that turn raw 32-byte Ed25519 keys into SPKI / PKCS#8 for node:crypto.
const SPKI_HEADER = Buffer.from('302a300506032b6570032100', 'hex');
const PKCS8_HEADER = Buffer.from('302e020100300506032b657004220420', 'hex');

export const publicKeyFromRaw = (raw: Uint8Array): KeyObject =>
  createPublicKey({ key: Buffer.concat([SPKI_HEADER, raw]), format: 'der', type: 'spki' });

export const privateKeyFromSeed = (seed: Uint8Array): KeyObject =>
  createPrivateKey({ key: Buffer.concat([PKCS8_HEADER, seed]), format: 'der', type: 'pkcs8' });

/** The 32 raw public-key bytes of an Ed25519 public or private KeyObject. */
export function rawPublicKey(key: KeyObject): Uint8Array {
  const publicKey = key.type === 'private' ? createPublicKey(key) : key;
  const der = publicKey.export({ format: 'der', type: 'spki' });
  return new Uint8Array(der.subarray(SPKI_HEADER.length));
}

/** `z6Mk…`: the Multikey form of an Ed25519 public key. */
export function publicKeyMultibase(raw: Uint8Array): string {
  return `z${encodeBase58btc(concat(ED25519_PUB, raw))}`;
}

export function didKeyFromPublicKey(key: KeyObject): string {
  return `did:key:${publicKeyMultibase(rawPublicKey(key))}`;
}

/** The verification method a did:key document gives its only key. */
export function verificationMethodOf(did: string): string {
  return `${did}#${did.slice('did:key:'.length)}`;
}

/** @returns the raw 32-byte key, or null when `multibase` is not a base58btc Ed25519 Multikey. */
export function decodePublicKeyMultibase(multibase: string): Uint8Array | null {
  return decodeMulticodec(multibase, ED25519_PUB);
}

/** @returns the 32-byte seed of a base58btc `ed25519-priv` Multikey, or null. */
export function decodePrivateKeyMultibase(multibase: string): Uint8Array | null {
  return decodeMulticodec(multibase, ED25519_PRIV);
}

/**
 * Splits `did:key:z6Mk…#z6Mk…` into its DID and raw key. Only Ed25519 did:key
 * methods are accepted: resolving any other DID would need the network.
 */
export function parseDidKeyMethod(method: string): { did: string; raw: Uint8Array } | null {
  const match = /^did:key:(z[1-9A-HJ-NP-Za-km-z]+)(?:#(z[1-9A-HJ-NP-Za-km-z]+))?$/.exec(method);
  if (!match) return null;
  const [, id, fragment] = match as unknown as [string, string, string | undefined];
  if (fragment !== undefined && fragment !== id) return null;
  const raw = decodePublicKeyMultibase(id);
  return raw ? { did: `did:key:${id}`, raw } : null;
}

function decodeMulticodec(multibase: string, prefix: Uint8Array): Uint8Array | null {
  if (!multibase.startsWith('z')) return null;
  const bytes = decodeBase58btc(multibase.slice(1));
  if (!bytes || bytes.length !== prefix.length + 32) return null;
  for (let i = 0; i < prefix.length; i += 1) if (bytes[i] !== prefix[i]) return null;
  return bytes.subarray(prefix.length);
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length + b.length);
  out.set(a);
  out.set(b, a.length);
  return out;
}
