/** One running attempt as `host status` shows it. Times are epoch ms. */
export interface RunningRow {
  attemptId: string;
  employeeId: string;
  name: string;
  bank: { id: string; version: string; title: string };
  startedAt: number;
  /** The deadline in force: the journal's, plus verified extensions. */
  deadline: number;
  extensionMinutes: number;
  /** Negative once the deadline has passed (a dropped session waiting for a resume that will end it). */
  remainingMs: number;
  /** Undefined when the bank could not be loaded to replay the journal. */
  answered: number | undefined;
  total: number;
}

export interface FinishedSummary {
  total: number;
  passed: number;
  /** Written replies still wait for marks: neither passed nor failed yet. */
  awaitingMarking: number;
  byBank: Array<{ bank: string; total: number; passed: number; awaitingMarking: number }>;
}

export function runningRow(
  header: { attemptId: string; candidate: { employeeId: string; name: string }; bank: { id: string; version: string; title: string }; startedAt: number; deadline: number; form: readonly unknown[] },
  facts: { extensionMs: number; answered: number | undefined; now: number },
): RunningRow {
  const deadline = header.deadline + facts.extensionMs;
  return {
    attemptId: header.attemptId,
    employeeId: header.candidate.employeeId,
    name: header.candidate.name,
    bank: { id: header.bank.id, version: header.bank.version, title: header.bank.title },
    startedAt: header.startedAt,
    deadline,
    extensionMinutes: facts.extensionMs / 60_000,
    remainingMs: deadline - facts.now,
    answered: facts.answered,
    total: header.form.length,
  };
}

/**
 * Attempts that ended at or after `since`, counted per bank (by id), banks in
 * name order. An attempt that ended awaiting marking and was certified since
 * (`host issue`, once marked) counts as passed: `certified` holds the attempt
 * ids the registry has a certificate for.
 */
export function summarizeFinished(
  records: ReadonlyArray<{ id: string; bank: { id: string }; endedAt: string; result?: { passed: boolean; status?: 'awaiting-marking' } }>,
  since: number,
  certified: ReadonlySet<string> = new Set(),
): FinishedSummary {
  const byBank = new Map<string, { total: number; passed: number; awaitingMarking: number }>();
  for (const r of records) {
    if (!(Date.parse(r.endedAt) >= since)) continue;
    const tally = byBank.get(r.bank.id) ?? { total: 0, passed: 0, awaitingMarking: 0 };
    tally.total += 1;
    if (r.result?.passed || certified.has(r.id)) tally.passed += 1;
    else if (r.result?.status === 'awaiting-marking') tally.awaitingMarking += 1;
    byBank.set(r.bank.id, tally);
  }
  const rows = [...byBank].map(([bank, t]) => ({ bank, ...t })).sort((a, b) => a.bank.localeCompare(b.bank));
  const sum = (key: 'total' | 'passed' | 'awaitingMarking') => rows.reduce((n, r) => n + r[key], 0);
  return { total: sum('total'), passed: sum('passed'), awaitingMarking: sum('awaitingMarking'), byBank: rows };
}

/** `1:05:09`, `12:30`, or `-0:42` past the deadline. */
export function formatRemaining(ms: number): string {
  const sign = ms < 0 ? '-' : '';
  const total = Math.floor(Math.abs(ms) / 1000);
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  const mm = h > 0 ? String(m).padStart(2, '0') : String(m);
  return `${sign}${h > 0 ? `${h}:` : ''}${mm}:${String(s).padStart(2, '0')}`;
}
