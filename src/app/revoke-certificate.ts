import { toIsoSeconds } from '../core/credential/build-certificate.js';
import { findIssued, readRegistry, registryPath, settlePending, writeRegistry, type IssuedEntry } from '../store/certificates.js';
import { dirname, join } from 'node:path';
import { claimOrCheckOwner, ownerElsewhere } from '../store/key-owner.js';
import { keyFiles, loadIssuerProfile, loadPrivateKey } from '../store/keys.js';
import { withLock } from '../store/lock.js';
import { UserError } from '../errors/user-error.js';
import { ExitCode } from '../errors/exit-codes.js';
import { revokeIndex } from './status-list.js';

export interface RevokeRequest {
  dataDir: string;
  /** The certificate's id, with or without `urn:uuid:`. */
  id: string;
  reason: string;
  keyPath: string;
  /** @default issuer.json next to the key */
  issuerPath?: string;
  now?: Date;
}

export interface Revoked {
  entry: IssuedEntry;
  /** The signed status list written, to publish at `entry.statusListCredential`. */
  listFile: string;
  /** When the certificate had been revoked before: its earlier revocation, kept as it was. */
  already: IssuedEntry['revoked'];
}

/**
 * Marks a certificate revoked in the issuer's signed status list and in the
 * registry. Revoking again rewrites the list and keeps the first reason.
 * @throws UserError when the certificate is unknown here or the key is not its issuer's.
 */
export async function revokeCertificate(request: RevokeRequest): Promise<Revoked> {
  const { dataDir, id } = request;
  const reason = request.reason.trim();
  if (!reason) throw new UserError('revoke: --reason must not be empty', { exitCode: ExitCode.usage });
  // The registry and the status list are read, changed and written back under one lock:
  // concurrent revocations would otherwise each write back a list missing the others' bits.
  return withLock(registryPath(dataDir), async () => {
    // The certificate first: a data dir that never issued it must not claim the key by a mistaken revoke.
    const registry = await readRegistry(dataDir);
    // A certificate a crashed `issue` left on disk is recorded first, so it can be revoked.
    if (await settlePending(registry)) await writeRegistry(dataDir, registry);
    const entry = findIssued(registry, id);
    if (!entry) {
      const profilePath = request.issuerPath ?? join(dirname(request.keyPath), keyFiles.profile);
      const owner = await ownerElsewhere(dataDir, profilePath);
      if (owner !== undefined) {
        throw new UserError(`revoke: ${dataDir} does not own this key: its certificates are recorded in ${owner}`, {
          exitCode: ExitCode.notKeyOwner,
          hint: `revoke from that data dir (--data-dir ${owner})`,
        });
      }
      throw new UserError(`revoke: no certificate ${id} in ${registryPath(dataDir)}`, {
        exitCode: ExitCode.notFound,
        hint: 'revoke runs where the certificate was issued (same data dir); the id is the certificate\'s "id" field',
      });
    }
    const { key, did } = await loadPrivateKey(request.keyPath);
    const profilePath = request.issuerPath ?? join(dirname(request.keyPath), keyFiles.profile);
    await withLock(profilePath, () => claimOrCheckOwner(dataDir, profilePath, did), { what: `the issuer profile ${profilePath}` });
    if (did !== entry.issuer) throw new UserError(`revoke: ${id} was issued by ${entry.issuer}, but ${request.keyPath} is ${did}`);
    const issuer = await loadIssuerProfile(request.keyPath, did, request.issuerPath);
    if (issuer.statusListUrl !== entry.statusListCredential) {
      throw new UserError(`revoke: ${id} points to status list ${entry.statusListCredential}, but the issuer profile publishes ${issuer.statusListUrl}`);
    }
    const now = toIsoSeconds(request.now ?? new Date());
    const already = entry.revoked;
    const listFile = await revokeIndex(dataDir, { key, issuer }, entry.statusListIndex, now);
    if (!already) {
      entry.revoked = { at: now, reason };
      await writeRegistry(dataDir, registry);
    }
    return { entry, listFile, already };
  }, { what: `the certificate registry in ${dataDir}` });
}
