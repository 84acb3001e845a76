import { csvText } from '../text/csv-field.js';
import { terminalSafeJson } from '../text/sanitize.js';
import { EMPLOYEE_ID_TYPE } from './build-certificate.js';
import { deliveryOf } from './delivery-of.js';

export type ExportProfile = 'generic' | 'successfactors' | 'workday';
export const EXPORT_PROFILES: readonly ExportProfile[] = ['generic', 'successfactors', 'workday'];

/** Everything HR gets about one certificate, before a profile names the columns. */
export interface ExportRecord {
  employeeId: string;
  name: string;
  courseCode: string;
  courseTitle: string;
  courseVersion: string;
  credentialId: string;
  /** `valid`, or the verify reason (`revoked`, `expired`…), or `not-verified` without a trust list. */
  status: string;
  /** How it was earned: `hosted`, `sealed` or `open` (certificates from before the field: `open`). */
  delivery: string;
  /** UTC date (YYYY-MM-DD) the attempt ended. */
  completionDate: string;
  issuedAt: string;
  validUntil: string;
  score: string;
  passMark: string;
  /** Competency id → percent. */
  competencies: Array<{ id: string; name: string; score: string; floor: string }>;
  issuer: string;
  issuerId: string;
  sha256: string;
  file: string;
}

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown): string => (typeof v === 'string' ? v : '');
const list = (v: unknown): Json[] => (Array.isArray(v) ? v.filter(isObject) : []);

/** Reads what export needs from a (parsed) certificate; missing parts become empty strings. */
export function exportRecord(doc: Json, extra: { status: string; sha256: string; file: string }): ExportRecord {
  const subject = isObject(doc['credentialSubject']) ? doc['credentialSubject'] : {};
  const ids = list(subject['identifier']);
  const plain = (type: string) => str(ids.find((i) => i['identityType'] === type && i['hashed'] === false)?.['identityHash']);
  const achievement = isObject(subject['achievement']) ? subject['achievement'] : {};
  const descriptions = new Map(list(achievement['resultDescription']).map((d) => [str(d['id']), d]));
  const results = list(subject['result']);
  const overall = results.find((r) => r['status'] === 'Completed');
  const overallDescription = overall ? descriptions.get(str(overall['resultDescription'])) : undefined;
  const competencies = results
    .filter((r) => r !== overall)
    .map((r) => {
      const d = descriptions.get(str(r['resultDescription']));
      const alignment = list(r['alignment'])[0] ?? list(d?.['alignment'])[0];
      return { id: str(alignment?.['targetCode']), name: str(d?.['name']), score: str(r['value']), floor: str(d?.['requiredValue']) };
    });
  const issuer = doc['issuer'];
  return {
    employeeId: plain(EMPLOYEE_ID_TYPE),
    name: plain('name'),
    courseCode: str(achievement['humanCode']),
    courseTitle: str(achievement['name']),
    courseVersion: str(achievement['version']),
    credentialId: str(doc['id']),
    status: extra.status,
    delivery: deliveryOf(doc),
    completionDate: utcDate(str(subject['activityEndDate']) || str(doc['validFrom'])),
    issuedAt: str(doc['validFrom']),
    validUntil: str(doc['validUntil']),
    score: str(overall?.['value']),
    passMark: str(overallDescription?.['requiredValue']),
    competencies,
    issuer: isObject(issuer) ? str(issuer['name']) : '',
    issuerId: isObject(issuer) ? str(issuer['id']) : str(issuer),
    sha256: extra.sha256,
    file: extra.file,
  };
}

const utcDate = (iso: string): string => {
  const t = Date.parse(iso);
  return Number.isNaN(t) ? '' : new Date(t).toISOString().slice(0, 10);
};

const competencyCell = (r: ExportRecord): string => r.competencies.map((c) => `${c.id}=${c.score}`).join('; ');

/**
 * Column names and values per profile. `successfactors` follows SAP
 * SuccessFactors Learning's external learning event fields; `workday` the
 * fields of a worker certification. Both are starting points for the
 * customer's own import template, so names stay close to those systems'.
 */
function profileColumns(profile: ExportProfile): Array<[string, (r: ExportRecord) => string]> {
  switch (profile) {
    case 'generic':
      return [
        ['employee_id', (r) => r.employeeId],
        ['name', (r) => r.name],
        ['course_code', (r) => r.courseCode],
        ['course_title', (r) => r.courseTitle],
        ['course_version', (r) => r.courseVersion],
        ['credential_id', (r) => r.credentialId],
        ['status', (r) => r.status],
        ['delivery', (r) => r.delivery],
        ['completion_date_utc', (r) => r.completionDate],
        ['valid_until', (r) => r.validUntil],
        ['score', (r) => r.score],
        ['pass_mark', (r) => r.passMark],
        ['competency_scores', competencyCell],
        ['issuer', (r) => r.issuer],
        ['issuer_id', (r) => r.issuerId],
        ['sha256', (r) => r.sha256],
        ['file', (r) => r.file],
      ];
    case 'successfactors':
      return [
        ['StudentId', (r) => r.employeeId],
        ['ComponentId', (r) => r.courseCode],
        ['Description', (r) => `${r.courseTitle} ${r.courseVersion}`.trim()],
        ['CompletionDate', (r) => r.completionDate],
        ['CompletionTimezoneId', () => 'UTC'],
        ['CompletionStatus', (r) => (r.status === 'valid' ? 'PASSED' : r.status.toUpperCase())],
        ['Grade', (r) => r.score],
        ['InstructorName', (r) => r.issuer],
        ['Comments', (r) => `credential ${r.credentialId}; delivery ${r.delivery}; pass mark ${r.passMark}; ${competencyCell(r)}; sha256 ${r.sha256}`],
      ];
    case 'workday':
      return [
        ['Worker_ID', (r) => r.employeeId],
        ['Certification_Name', (r) => r.courseTitle],
        ['Certification_Code', (r) => r.courseCode],
        ['Certification_Number', (r) => r.credentialId],
        ['Issuer', (r) => r.issuer],
        ['Issued_Date', (r) => r.completionDate],
        ['Expiration_Date', (r) => r.validUntil.slice(0, 10)],
        ['Score', (r) => r.score],
        ['Verification_Status', (r) => r.status],
        ['Delivery_Mode', (r) => r.delivery],
        ['Competency_Scores', competencyCell],
        ['File_SHA256', (r) => r.sha256],
      ];
  }
}

/** One CSV field: see csvText (formulas neutralised, controls removed). */
export const csvField = csvText;

/** RFC 4180: CRLF after every record, header first. */
export function toCsv(records: readonly ExportRecord[], profile: ExportProfile): string {
  const columns = profileColumns(profile);
  const lines = [columns.map(([name]) => csvField(name)).join(',')];
  for (const r of records) lines.push(columns.map(([, get]) => csvField(get(r))).join(','));
  return `${lines.join('\r\n')}\r\n`;
}

/** One JSON object per line, keys as the profile names them; competencies as an object for the generic profile. */
export function toJsonl(records: readonly ExportRecord[], profile: ExportProfile): string {
  const columns = profileColumns(profile);
  return records
    .map((r) => {
      const row: Record<string, unknown> = Object.fromEntries(columns.map(([name, get]) => [name, get(r)]));
      if (profile === 'generic') row['competency_scores'] = Object.fromEntries(r.competencies.map((c) => [c.id, c.score]));
      // The same values, with what a terminal would act on (C1 controls, bidi overrides) as \u escapes.
      return `${terminalSafeJson(JSON.stringify(row))}\n`;
    })
    .join('');
}
