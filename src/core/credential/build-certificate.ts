import { createHash } from 'node:crypto';
import type { AttemptRecord, Result } from '../attempt/types.js';
import { competencyFloor } from '../bank/defaults.js';
import type { Bank, DeliveryMode } from '../bank/types.js';
import {
  OB_V3_CONTEXT,
  VC_V2_CONTEXT,
  type Alignment,
  type BitstringStatusListEntry,
  type Certificate,
  type IdentityObject,
  type IssuerProfile,
  type ResultDescription,
} from './certificate-types.js';

/** identifierType of the employee id (OB 3.0 allows `ext:` types for what its list lacks). */
export const EMPLOYEE_ID_TYPE = 'ext:EmployeeId';
const BANK_HASH_TYPE = 'ext:BankHash';

export interface CertificateInput {
  bank: Bank;
  bankHash: string;
  attempt: AttemptRecord;
  /** Re-scored by the issuer, never the attempt's own `result`. */
  result: Result;
  /** How the attempt was delivered, as the issuer established it. */
  delivery: DeliveryMode;
  issuer: IssuerProfile;
  /** `urn:uuid:…` */
  id: string;
  status: { listUrl: string; index: number };
  /** Issue time (ISO 8601, UTC). */
  now: string;
  /** Salt for the e-mail hash; omit to leave the e-mail out. */
  emailSalt?: string;
}

/** `genre` of the evidence entry that names the delivery mode (its id ends in the mode), read by `verify --require-delivery`. */
export const DELIVERY_GENRE = 'Delivery';
export const ASSIGNMENT_GENRE = 'Assignment';

const DELIVERY_DESCRIPTIONS: Record<DeliveryMode, string> = {
  hosted: 'Taken on an exam host that kept the answer key, the clock, the form and the attempt count',
  sealed: "Taken offline from a bank whose answer key was sealed to the issuer, under a staff-signed assignment; the clock was the candidate's",
  open: 'Taken from a bank in clear on the candidate\'s machine (practice delivery)',
};

const urn = (...parts: string[]): string => `urn:frontline:${parts.map(encodeURIComponent).join(':')}`;

/** The unsigned OpenBadgeCredential for a passed, re-scored attempt. Pure. */
export function buildCertificate(input: CertificateInput): Certificate {
  const { bank, attempt, result } = input;
  const alignmentOf = new Map<string, Alignment>(
    bank.competencies.map((c) => [
      c.id,
      { type: ['Alignment'], targetName: c.title, targetUrl: urn('competency', bank.id, c.id), targetCode: c.id, targetType: 'ceasn:Competency' },
    ]),
  );
  const overallId = urn('result', bank.id, bank.version, 'overall');
  const descriptions: ResultDescription[] = [
    { id: overallId, type: ['ResultDescription'], name: 'Overall score', resultType: 'Percent', requiredValue: String(bank.policy.passMark), valueMin: '0', valueMax: '100' },
    ...bank.competencies.map((c): ResultDescription => ({
      id: urn('result', bank.id, bank.version, c.id),
      type: ['ResultDescription'],
      name: c.title,
      resultType: 'Percent',
      requiredValue: String(competencyFloor(c)),
      valueMin: '0',
      valueMax: '100',
      alignment: [alignmentOf.get(c.id) as Alignment],
    })),
  ];
  const scoreOf = new Map(result.competencies.map((c) => [c.id, c.percent]));
  const validUntil = bank.policy.certificate ? addMonthsUtc(input.now, bank.policy.certificate.validityMonths) : undefined;
  return {
    '@context': [VC_V2_CONTEXT, OB_V3_CONTEXT],
    id: input.id,
    type: ['VerifiableCredential', 'OpenBadgeCredential'],
    name: bank.title,
    issuer: { ...input.issuer, type: ['Profile'] },
    validFrom: input.now,
    ...(validUntil ? { validUntil } : {}),
    awardedDate: input.now,
    credentialSubject: {
      type: ['AchievementSubject'],
      identifier: identifiers(attempt, input.emailSalt),
      activityStartDate: attempt.startedAt,
      activityEndDate: attempt.endedAt,
      achievement: {
        id: urn('achievement', bank.id, bank.version),
        type: ['Achievement'],
        achievementType: 'Certificate',
        name: bank.title,
        description: bank.description ?? bank.title,
        humanCode: bank.courseCode ?? bank.id,
        version: bank.version,
        criteria: { narrative: criteriaNarrative(bank) },
        otherIdentifier: [
          { type: 'IdentifierEntry', identifier: bank.id, identifierType: 'ext:BankId' },
          { type: 'IdentifierEntry', identifier: input.bankHash, identifierType: BANK_HASH_TYPE },
        ],
        alignment: [...alignmentOf.values()],
        resultDescription: descriptions,
      },
      result: [
        { type: ['Result'], resultDescription: overallId, value: result.percent.toFixed(1), status: 'Completed' },
        ...bank.competencies.map((c) => ({
          type: ['Result'] as ['Result'],
          resultDescription: urn('result', bank.id, bank.version, c.id),
          value: (scoreOf.get(c.id) ?? 0).toFixed(1),
          alignment: [alignmentOf.get(c.id) as Alignment],
        })),
      ],
    },
    evidence: [
      {
        id: urn('attempt', attempt.id),
        type: ['Evidence'],
        name: 'Assessment attempt',
        description: `Attempt ${attempt.id} on ${bank.id} ${bank.version} (${input.bankHash}), re-scored by the issuer`,
        genre: 'Assessment',
      },
      {
        id: urn('delivery', input.delivery),
        type: ['Evidence'],
        name: `Delivery: ${input.delivery}`,
        description: DELIVERY_DESCRIPTIONS[input.delivery],
        genre: DELIVERY_GENRE,
      },
      // The assignment by id only: its accommodations stay with the issuer.
      ...(attempt.assignment
        ? [{ id: attempt.assignment.id, type: ['Evidence'] as ['Evidence'], name: 'Assignment', description: 'Assigned by the issuer: who, which form and when', genre: ASSIGNMENT_GENRE }]
        : []),
    ],
    credentialStatus: statusEntry(input.status.listUrl, input.status.index),
  };
}

export function statusEntry(listUrl: string, index: number): BitstringStatusListEntry {
  return {
    id: `${listUrl}#${index}`,
    type: 'BitstringStatusListEntry',
    statusPurpose: 'revocation',
    statusListIndex: String(index),
    statusListCredential: listUrl,
  };
}

function identifiers(attempt: AttemptRecord, emailSalt: string | undefined): IdentityObject[] {
  const out: IdentityObject[] = [
    { type: 'IdentityObject', identityHash: attempt.candidate.employeeId, identityType: EMPLOYEE_ID_TYPE, hashed: false },
    { type: 'IdentityObject', identityHash: attempt.candidate.name, identityType: 'name', hashed: false },
  ];
  const email = attempt.candidate.email;
  if (email && emailSalt !== undefined) {
    // OB 3.0 IdentityObject: "sha256$" + hex SHA-256 of the identity followed by the salt.
    const hash = createHash('sha256').update(email.trim().toLowerCase() + emailSalt, 'utf8').digest('hex');
    out.push({ type: 'IdentityObject', identityHash: `sha256$${hash}`, identityType: 'emailAddress', hashed: true, salt: emailSalt });
  }
  return out;
}

function criteriaNarrative(bank: Bank): string {
  const floors = bank.competencies.filter((c) => competencyFloor(c) > 0).map((c) => `${c.title} ${competencyFloor(c)}%`);
  const parts = [`Score at least ${bank.policy.passMark}% overall on a timed assessment drawn from "${bank.title}" ${bank.version}`];
  if (floors.length > 0) parts.push(`at least ${floors.join(', ')}`);
  parts.push('with no response that an assessor marked as a critical error');
  return `${parts.join('; ')}.`;
}

/** Adds calendar months in UTC, clamping to the month's last day (31 Jan + 1 month = 28/29 Feb). */
export function addMonthsUtc(iso: string, months: number): string {
  const date = new Date(iso);
  const day = date.getUTCDate();
  const target = new Date(date);
  target.setUTCDate(1);
  target.setUTCMonth(target.getUTCMonth() + months);
  const lastDay = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(day, lastDay));
  return toIsoSeconds(target);
}

/** ISO 8601 without milliseconds: XML Schema dateTimeStamp, as VC 2.0 examples write it. */
export const toIsoSeconds = (date: Date): string => date.toISOString().replace(/\.\d{3}Z$/, 'Z');
