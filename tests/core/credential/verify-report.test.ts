import { describe, expect, it } from 'vitest';
import { renderReport, renderVerdict, type FileVerdict, type VerifyFormat, type VerifySummary } from '../../../src/core/credential/verify-report.js';

const valid: FileVerdict = {
  file: 'certs/a.json',
  ok: true,
  reason: 'ok',
  message: 'valid, issued by Acme Support',
  id: 'urn:uuid:1',
  issuer: { id: 'did:key:z6Mk1', name: 'Acme Support' },
  subject: { employeeId: 'E1042', name: 'Amara Osei' },
  achievement: { id: 'urn:a', name: 'Starter quiz', version: '1.0.0', courseCode: 'CS-1' },
  score: '100.0',
  validFrom: '2026-11-25T06:31:16Z',
};
const forged: FileVerdict = { file: 'certs/b\u001b[2J.json', ok: false, reason: 'bad-signature', message: 'the signature\ndoes not match "x"', subject: { name: 'Eve\u0007' } };
const summary: VerifySummary = { total: 2, valid: 1, invalid: 1, byReason: { ok: 1, 'bad-signature': 1 }, at: '2026-12-01T00:00:00.000Z', exitCode: 10 };
const text: VerifyFormat = { json: false, marks: { valid: 'VALID  ', invalid: 'INVALID' } };

describe('verify output', () => {
  it('--json is exactly JSON.stringify({ results, summary }, null, 2), built from per-result parts', () => {
    const rendered = [valid, forged].map((v) => renderVerdict(v, { json: true }));
    expect(renderReport(rendered, summary, { json: true })).toBe(`${JSON.stringify({ results: [valid, forged], summary }, null, 2)}\n`);
  });

  it('one line per certificate, untrusted text made safe, then the summary', () => {
    const out = renderReport([valid, forged].map((v) => renderVerdict(v, text)), summary, text);
    expect(out).toBe(
      [
        'VALID   certs/a.json  Amara Osei (E1042), Starter quiz 1.0.0, no expiry',
        'INVALID certs/b.json  bad-signature: the signature does not match "x"',
        '2 checked: 1 valid, 1 invalid (bad-signature 1)',
        '',
      ].join('\n'),
    );
  });

  it('a verdict longer than 80 columns continues on indented lines, broken at spaces only', () => {
    const long: FileVerdict = {
      file: 'certs/2026/leeds/0b4cf0a6-5b36-4c6e-9d43-3f1c2a7e9d10.json',
      ok: false,
      reason: 'revoked',
      message: "marked in the issuer's status list https://support.example.com/credentials/status/pmDg9v at index 4242",
    };
    const lines = renderVerdict(long, text).split('\n');
    expect(lines[0]).toBe(`INVALID ${long.file}`);
    for (const line of lines) expect(line.length, line).toBeLessThanOrEqual(80);
    expect(lines.slice(1).every((l) => l.startsWith('        ') && !l.startsWith('         '))).toBe(true);
    expect(lines.slice(1).map((l) => l.trim()).join(' ')).toBe(`revoked: ${long.message}`);
  });
});
