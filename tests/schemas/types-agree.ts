// Checked by `npm run typecheck` (tsc): each line fails to compile, naming the
// field, when our type and the type generated from its schema (src/generated/,
// made by scripts/build.mjs) name different fields anywhere. The written-out
// check, with planted fields, is tests/schemas/types-agree.test.ts.
import type { AttemptRecord } from '../../src/core/attempt/types.js';
import type { Bank } from '../../src/core/bank/types.js';
import type { SealedBank } from '../../src/core/bank/sealed-bank.js';
import type { Certificate } from '../../src/core/credential/certificate-types.js';
import type { FrontlineAttemptRecord } from '../../src/generated/attempt.schema-types.js';
import type { FrontlineCertificate } from '../../src/generated/certificate.schema-types.js';
import type { FrontlineQuestionBank } from '../../src/generated/question-bank.schema-types.js';
import type { FrontlineSealedBank } from '../../src/generated/sealed-bank.schema-types.js';
import type { Drift } from './drift.js';

type Agree<T extends never> = T;

export type AttemptAgrees = Agree<Drift<AttemptRecord, FrontlineAttemptRecord>>;
export type BankAgrees = Agree<Drift<Bank, FrontlineQuestionBank>>;
export type CertificateAgrees = Agree<Drift<Certificate, FrontlineCertificate>>;
export type SealedBankAgrees = Agree<Drift<SealedBank, FrontlineSealedBank>>;
