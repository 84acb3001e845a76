import { loadBankOrThrow } from '../../app/load-bank.js';
import { sealBank } from '../../app/seal-bank.js';
import { orderingInAnswerOrder } from '../../core/bank/sealed-bank.js';
import { sanitizeText } from '../../core/text/sanitize.js';
import { resolveDataDir } from '../../store/data-dir.js';
import { ExitCode } from '../../errors/exit-codes.js';
import type { Run } from '../lazy-action.js';
import { printJson, writeErr, writeOut } from '../output.js';

interface SealOptions {
  key: string;
  out: string;
  issuer?: string;
  force?: boolean;
  json?: boolean;
}

export const run: Run<[string], SealOptions> = async ([bankPath], options, globals) => {
  const loaded = await loadBankOrThrow(bankPath);
  const sealed = await sealBank({
    dataDir: resolveDataDir(globals),
    bank: loaded.bank,
    bankHash: loaded.hash,
    keyPath: options.key,
    ...(options.issuer ? { issuerPath: options.issuer } : {}),
    out: options.out,
    force: options.force === true,
  });
  // The readable part keeps options in the order written: written in the answer's order, they give it away.
  for (const id of orderingInAnswerOrder(loaded.bank)) {
    writeErr(sanitizeText(`frontline: warning: ${bankPath}: ordering item "${id}" lists its options in the answer's order, which the sealed copy shows\n`));
  }
  if (options.json) {
    printJson({ file: sealed.file, sealedHash: sealed.sealedHash, bankHash: loaded.hash, copy: sealed.copy, encryptionKey: sealed.encryptionKey });
    return ExitCode.ok;
  }
  const lines = [
    sanitizeText(`Sealed ${loaded.bank.id} ${loaded.bank.version} to ${sealed.sealed.issuer}`),
    `  sealed bank  ${sealed.file}  (give this to agents with their assignments)`,
    `  kept copy    ${sealed.copy}  (issue opens it)`,
    `  bank hash    ${loaded.hash}`,
    `  sealed hash  ${sealed.sealedHash}`,
    ...(sealed.encryptionKey.created ? [`  new encryption key ${sealed.encryptionKey.path} (mode 0600: keep it with the signing key)`] : []),
  ];
  writeOut(`${lines.join('\n')}\n`);
  return ExitCode.ok;
};
