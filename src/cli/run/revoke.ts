import { toIsoSeconds } from '../../core/credential/build-certificate.js';
import { findIssued, readRegistry, registryPath, writeRegistry } from '../../store/certificates.js';
import { resolveDataDir } from '../../store/data-dir.js';
import { loadIssuerProfile, loadPrivateKey } from '../../store/keys.js';
import { revokeIndex } from '../../store/status-list.js';
import { UserError } from '../../errors/user-error.js';
import { ExitCode } from '../../errors/exit-codes.js';
import type { Run } from '../lazy-action.js';
import { printJson, writeOut } from '../output.js';

interface RevokeOptions {
  reason: string;
  key: string;
  issuer?: string;
  json?: boolean;
}

export const run: Run<[string], RevokeOptions> = async ([id], options, globals) => {
  const reason = options.reason.trim();
  if (!reason) throw new UserError('revoke: --reason must not be empty', { exitCode: ExitCode.usage });
  const dataDir = resolveDataDir(globals);
  const registry = await readRegistry(dataDir);
  const entry = findIssued(registry, id);
  if (!entry) {
    throw new UserError(`revoke: no certificate ${id} in ${registryPath(dataDir)}`, {
      exitCode: ExitCode.invalidInput,
      hint: 'revoke runs where the certificate was issued (same data dir); the id is the certificate\'s "id" field',
    });
  }
  const { key, did } = await loadPrivateKey(options.key);
  if (did !== entry.issuer) throw new UserError(`revoke: ${id} was issued by ${entry.issuer}, but ${options.key} is ${did}`);
  const issuer = await loadIssuerProfile(options.key, did, options.issuer);
  if (issuer.statusListUrl !== entry.statusListCredential) {
    throw new UserError(`revoke: ${id} points to status list ${entry.statusListCredential}, but the issuer profile publishes ${issuer.statusListUrl}`);
  }
  const now = toIsoSeconds(new Date());
  const already = entry.revoked;
  const listFile = await revokeIndex(dataDir, { key, issuer }, entry.statusListIndex, now);
  if (!already) {
    entry.revoked = { at: now, reason };
    await writeRegistry(dataDir, registry);
  }
  if (options.json) {
    printJson({ id: entry.id, revoked: entry.revoked, statusList: { file: listFile, url: entry.statusListCredential, index: entry.statusListIndex } });
    return ExitCode.ok;
  }
  writeOut(
    [
      already ? `${entry.id} was already revoked on ${already.at} (${already.reason})` : `Revoked ${entry.id} (${entry.employeeId}, ${entry.bank})`,
      `  status list ${listFile}`,
      `  publish it at ${entry.statusListCredential}, and give it to verifiers (verify --status <file>)`,
      '',
    ].join('\n'),
  );
  return ExitCode.ok;
};
