import type { Run } from '../lazy-action.js';
import { printJson, writeErr, writeOut } from '../output.js';
import { resolveDataDir } from '../../store/data-dir.js';
import { listAttempts } from '../../store/attempts.js';
import { sanitizeText } from '../../core/text/sanitize.js';

interface Options {
  json?: boolean;
  bank?: string;
  employee?: string;
}

export const run: Run<[], Options> = async (_positionals, options, globals) => {
  const dataDir = resolveDataDir(globals);
  const { attempts, problems } = await listAttempts(dataDir);
  const shown = attempts.filter(
    ({ record }) => (!options.bank || record.bank.id === options.bank) && (!options.employee || record.candidate.employeeId === options.employee),
  );
  for (const problem of problems) writeErr(`frontline: skipped ${problem}\n`);

  if (options.json) {
    printJson({
      dataDir,
      attempts: shown.map(({ path, record }) => ({
        file: path,
        id: record.id,
        candidate: record.candidate,
        tags: record.tags ?? {},
        bank: record.bank,
        startedAt: record.startedAt,
        endedAt: record.endedAt,
        ended: record.ended,
        percent: record.result.percent,
        passMark: record.result.passMark,
        passed: record.result.passed,
      })),
    });
    return;
  }

  if (shown.length === 0) {
    writeOut(`No attempts yet in ${dataDir}\n`);
    return;
  }
  const rows = shown.map(({ record }) => [
    record.endedAt.slice(0, 16).replace('T', ' '),
    sanitizeText(`${record.candidate.name} (${record.candidate.employeeId})`),
    sanitizeText(`${record.bank.id}@${record.bank.version}`),
    `${record.result.percent.toFixed(1)}%`,
    record.result.passed ? 'passed' : 'not passed',
    record.ended === 'time-expired' ? 'time up' : 'submitted',
  ]);
  const header = ['ended (UTC)', 'candidate', 'bank', 'score', 'result', 'finish'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i] ?? 0)).join('  ').trimEnd();
  writeOut(`${[line(header), ...rows.map(line)].join('\n')}\n`);
};
