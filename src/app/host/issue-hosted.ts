import { bankHash } from '../../core/bank/hash.js';
import { issueCertificate } from '../issue-certificate.js';
import type { AfterAttemptSaved } from '../take/after-attempt.js';
import { UserError } from '../../errors/user-error.js';
import { ExitCode } from '../../errors/exit-codes.js';
import { signingKeyOf } from './init-host.js';

/**
 * The end of a test on the exam host: the host ran the attempt itself, so it
 * signs with the host key and delivery `hosted` (issueCertificate under the
 * registry lock; `hostAttested` is set only here, never for a file). A failed
 * attempt goes through the same checks, which record it against its
 * assignment: its number is used and the cooldown starts. One with written
 * replies waits for marks and is signed by `host issue` (issueMarked).
 */
export const issueHosted =
  (hostDir: string, connectAgain: string): AfterAttemptSaved =>
  async ({ record, bank, dataDir }) => {
    try {
      const issued = await issueCertificate({ dataDir, attempt: record, bank, bankHash: bankHash(bank), keyPath: signingKeyOf(hostDir), hostAttested: true });
      return [`Certificate ${issued.certificate.id} issued. Your copy: ${connectAgain} certificates > mine.json`];
    } catch (error) {
      if (record.result?.passed !== true && error instanceof UserError && error.exitCode === ExitCode.failed) return [];
      // Not a failure: the host issues it once a trainer has marked the written replies.
      if (error instanceof UserError && error.exitCode === ExitCode.awaitingMarking) return ['No certificate yet: it can be issued once your written replies are marked.'];
      throw error;
    }
  };
