import type { KeyObject } from 'node:crypto';
import { statSync } from 'node:fs';
import { verificationMethodOf } from '../core/credential/ed25519.js';
import { signDocument } from '../core/credential/eddsa-jcs-2022.js';
import { buildStatusListCredential, emptyStatusList, setStatusBit } from '../core/credential/status-list.js';
import type { IssuerFile } from '../store/keys.js';
import { readOwnStatusList, statusListPath, writeStatusListFile } from '../store/status-list.js';

export interface Signer {
  key: KeyObject;
  issuer: IssuerFile;
}

/**
 * Writes the issuer's status list with the bits given, signed. The file is the
 * BitstringStatusListCredential to publish at `issuer.statusListUrl`.
 */
export async function writeStatusList(dataDir: string, signer: Signer, list: Uint8Array, now: string): Promise<string> {
  const url = signer.issuer.statusListUrl;
  const unsigned = buildStatusListCredential({ id: url, issuer: { id: signer.issuer.id, name: signer.issuer.name }, validFrom: now, list });
  const signed = signDocument(unsigned, signer.key, { verificationMethod: verificationMethodOf(signer.issuer.id), created: now });
  return writeStatusListFile(dataDir, url, signed);
}

/** Creates the issuer's list if missing, so that its certificates verify as not revoked from the start. */
export async function ensureStatusList(dataDir: string, signer: Signer, now: string): Promise<string> {
  const path = statusListPath(dataDir, signer.issuer.statusListUrl);
  try {
    statSync(path);
    return path;
  } catch {
    return writeStatusList(dataDir, signer, emptyStatusList(), now);
  }
}

export async function revokeIndex(dataDir: string, signer: Signer, index: number, now: string): Promise<string> {
  const list = await readOwnStatusList(dataDir, signer.issuer);
  return writeStatusList(dataDir, signer, setStatusBit(list, index, true), now);
}

