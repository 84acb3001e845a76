import { revokeCertificate } from '../../app/revoke-certificate.js';
import { resolveDataDir } from '../../store/data-dir.js';
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
  const { entry, listFile, already } = await revokeCertificate({
    dataDir: resolveDataDir(globals),
    id,
    reason: options.reason,
    keyPath: options.key,
    ...(options.issuer ? { issuerPath: options.issuer } : {}),
  });
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
