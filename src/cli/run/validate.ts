import type { Diagnostic } from '../../core/bank/diagnostic.js';
import { formatFinding } from '../../core/bank/diagnostic.js';
import type { Bank, ItemType } from '../../core/bank/types.js';
import { checkBankFile } from '../../app/load-bank.js';
import { ExitCode } from '../../errors/exit-codes.js';
import type { Run } from '../lazy-action.js';
import { paint, printJson, writeOut } from '../output.js';

interface ValidateOptions {
  json?: boolean;
}

export interface FileReport {
  file: string;
  ok: boolean;
  /** `sha256:...` of the canonical bank, null when the bank is not valid. */
  hash: string | null;
  /** Number of items, null when the bank is not valid. */
  items: number | null;
  itemTypes: Partial<Record<ItemType, number>> | null;
  errors: Diagnostic[];
  warnings: Diagnostic[];
  /** The file could not be read at all (missing, permission): exit 4 rather than 3. */
  unreadable: boolean;
}

export const run: Run<[string[]], ValidateOptions> = async ([files], options) => {
  const reports: FileReport[] = [];
  for (const file of files) reports.push(await validateFile(file));

  if (options.json) {
    printJson({ files: reports.map(({ unreadable: _unreadable, ...rest }) => rest) });
  } else {
    for (const report of reports) {
      const lines = [...report.errors, ...report.warnings].map(colourFinding);
      lines.push(summary(report));
      writeOut(`${lines.join('\n')}\n`);
    }
  }
  if (reports.some((r) => r.unreadable)) return ExitCode.io;
  if (reports.some((r) => !r.ok)) return ExitCode.invalidInput;
  return ExitCode.ok;
};

async function validateFile(file: string): Promise<FileReport> {
  const none = { hash: null, items: null, itemTypes: null, warnings: [] };
  const checked = await checkBankFile(file);
  if (checked.kind !== 'parsed') return { file, ok: false, ...none, errors: [checked.error], unreadable: checked.kind === 'unreadable' };
  const result = checked.result;
  if (!result.ok) return { file, ok: false, ...none, errors: result.errors, warnings: result.warnings, unreadable: false };
  return {
    file,
    ok: true,
    hash: result.hash,
    items: result.bank.items.length,
    itemTypes: countTypes(result.bank),
    errors: [],
    warnings: result.warnings,
    unreadable: false,
  };
}

function countTypes(bank: Bank): Partial<Record<ItemType, number>> {
  const counts: Partial<Record<ItemType, number>> = {};
  for (const item of bank.items) counts[item.type] = (counts[item.type] ?? 0) + 1;
  return counts;
}

function colourFinding(d: Diagnostic): string {
  const line = formatFinding(d);
  return d.severity === 'error' ? paint('red', line) : paint('yellow', line);
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

function summary(report: FileReport): string {
  const warnings = plural(report.warnings.length, 'warning');
  if (!report.ok) return `${report.file}: ${paint('red', 'invalid')}, ${plural(report.errors.length, 'error')}, ${warnings}`;
  const types = Object.entries(report.itemTypes ?? {})
    .map(([type, n]) => `${n} ${type}`)
    .join(', ');
  return `${report.file}: ${paint('green', 'ok')}, ${plural(report.items ?? 0, 'item')} (${types}), ${warnings}, hash ${report.hash}`;
}
