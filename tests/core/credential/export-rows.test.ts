import { describe, expect, it } from 'vitest';
import { csvField, exportRecord, toCsv, toJsonl } from '../../../src/core/credential/export-rows.js';
import { issueTestCertificate, loadShippedBank, makeIssuer } from './certificate-fixture.js';

const certificate = issueTestCertificate(makeIssuer()) as unknown as Record<string, unknown>;
const record = exportRecord(certificate, { status: 'valid', sha256: 'ab'.repeat(32), file: 'c.json' });

/** A small RFC 4180 reader, to check that what we write reads back. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i += 1) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i += 1;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\r' && text[i + 1] === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i += 1;
    } else field += c;
  }
  return rows;
}

describe('export', () => {
  const { bank } = loadShippedBank();

  it('reads employee, course, scores and pass mark from the certificate', () => {
    expect(record).toMatchObject({
      employeeId: 'E1042',
      name: 'Amara Osei',
      courseCode: bank.courseCode,
      courseVersion: bank.version,
      completionDate: '2026-11-20',
      score: '100.0',
      passMark: String(bank.policy.passMark),
      issuer: 'Acme Support',
    });
    expect(record.competencies.map((c) => c.id)).toEqual(bank.competencies.map((c) => c.id));
  });

  it.each(['generic', 'successfactors', 'workday'] as const)('%s CSV: header plus one CRLF-terminated row that reads back', (profile) => {
    const csv = toCsv([record, record], profile);
    expect(csv.endsWith('\r\n')).toBe(true);
    const rows = parseCsv(csv);
    expect(rows).toHaveLength(3);
    expect(new Set(rows.map((r) => r.length)).size).toBe(1);
    expect(rows[1]).toContain('E1042');
  });

  it('jsonl: one object per line', () => {
    const lines = toJsonl([record, record], 'generic').trimEnd().split('\n');
    expect(lines).toHaveLength(2);
    expect(JSON.parse(lines[0]!)).toMatchObject({ employee_id: 'E1042', competency_scores: { understanding: '100.0' } });
  });

  it.each([
    ['=HYPERLINK("http://x")', `"'=HYPERLINK(""http://x"")"`],
    ['+1+1', "'+1+1"],
    ['-2', "'-2"],
    ['@SUM(A1)', "'@SUM(A1)"],
    ['\tx', '  x'],
    ['\u001b[2J\u009b31mred\u202Eeman', 'redeman'],
    ['a,b', '"a,b"'],
    ['say "hi"', '"say ""hi"""'],
    ['two\nlines', '"two\nlines"'],
    ['plain', 'plain'],
  ])('csvField(%j) = %s', (input, expected) => expect(csvField(input)).toBe(expected));

  it('a name that is a formula comes out inert in the CSV', () => {
    const evil = { ...record, name: '=cmd|"/c calc"!A0' };
    const row = parseCsv(toCsv([evil], 'generic'))[1]!;
    expect(row[1]).toBe(`'=cmd|"/c calc"!A0`);
  });
});
