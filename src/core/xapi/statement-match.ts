/**
 * Whether a statement an LRS returns is the one we sent (xAPI 1.0.3 Data §2.3.1,
 * "Statement Comparison Requirements"): the same properties with the same
 * values, except what an LRS sets itself (`stored`, `authority`, `version`, a
 * missing `timestamp` or `id`, an `objectType` it fills in). Timestamps
 * compare as instants, since an LRS may write them with other precision.
 */
export function sameStatement(sent: unknown, stored: unknown): boolean {
  return covers(sent, stored, '');
}

const LRS_SET = new Set(['stored', 'authority', 'version']);

function covers(sent: unknown, stored: unknown, key: string): boolean {
  if (key === 'timestamp' && typeof sent === 'string' && typeof stored === 'string') return Date.parse(sent) === Date.parse(stored);
  if (Array.isArray(sent)) {
    return Array.isArray(stored) && sent.length === stored.length && sent.every((value, i) => covers(value, stored[i], ''));
  }
  if (typeof sent === 'object' && sent !== null) {
    if (typeof stored !== 'object' || stored === null || Array.isArray(stored)) return false;
    const other = stored as Record<string, unknown>;
    const ours = sent as Record<string, unknown>;
    const added = Object.keys(other).filter((k) => ours[k] === undefined);
    if (!added.every((k) => k === 'objectType' || (key === '' && (LRS_SET.has(k) || k === 'timestamp' || k === 'id')))) return false;
    return Object.entries(ours).every(([k, v]) => (key === '' && LRS_SET.has(k)) || v === undefined || covers(v, other[k], k));
  }
  return Object.is(sent, stored);
}
