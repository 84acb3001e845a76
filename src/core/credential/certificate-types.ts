import type { DataIntegrityProof } from './eddsa-jcs-2022.js';

export const VC_V2_CONTEXT = 'https://www.w3.org/ns/credentials/v2';
export const OB_V3_CONTEXT = 'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json';

/** Who signs: the organisation and the did:key of its signing key. */
export interface IssuerProfile {
  /** did:key of the signing key. */
  id: string;
  name: string;
  url?: string;
  email?: string;
}

export interface IdentityObject {
  type: 'IdentityObject';
  identityHash: string;
  identityType: string;
  hashed: boolean;
  salt?: string;
}

export interface Alignment {
  type: ['Alignment'];
  targetName: string;
  targetUrl: string;
  targetCode: string;
  targetType: 'ceasn:Competency';
}

export interface ResultDescription {
  id: string;
  type: ['ResultDescription'];
  name: string;
  resultType: 'Percent';
  requiredValue: string;
  valueMin: '0';
  valueMax: '100';
  alignment?: Alignment[];
}

export interface CertificateResult {
  type: ['Result'];
  resultDescription: string;
  value: string;
  status?: 'Completed';
  alignment?: Alignment[];
}

export interface BitstringStatusListEntry {
  id: string;
  type: 'BitstringStatusListEntry';
  statusPurpose: 'revocation';
  statusListIndex: string;
  statusListCredential: string;
}

/** The OpenBadgeCredential frontline issues (schemas/certificate.schema.json). */
export interface Certificate {
  '@context': [typeof VC_V2_CONTEXT, typeof OB_V3_CONTEXT];
  id: string;
  type: ['VerifiableCredential', 'OpenBadgeCredential'];
  name: string;
  issuer: IssuerProfile & { type: ['Profile'] };
  validFrom: string;
  validUntil?: string;
  awardedDate: string;
  credentialSubject: {
    type: ['AchievementSubject'];
    identifier: IdentityObject[];
    activityStartDate: string;
    activityEndDate: string;
    achievement: {
      id: string;
      type: ['Achievement'];
      achievementType: 'Certificate';
      name: string;
      description: string;
      humanCode: string;
      version: string;
      criteria: { narrative: string };
      otherIdentifier: Array<{ type: 'IdentifierEntry'; identifier: string; identifierType: string }>;
      alignment: Alignment[];
      resultDescription: ResultDescription[];
    };
    result: CertificateResult[];
  };
  evidence: Array<{ id: string; type: ['Evidence']; name: string; description: string; genre: string }>;
  credentialStatus: BitstringStatusListEntry;
  /** An array of one: OB 3.0's schema requires `proof` to be an array. */
  proof?: DataIntegrityProof[];
}
