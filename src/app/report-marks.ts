import { stat } from 'node:fs/promises';
import { basename } from 'node:path';
import type { Mark } from '../core/attempt/marking.js';
import { checkMarkLines } from '../core/analytics/written-report.js';
import type { Bank } from '../core/bank/types.js';
import { ioError } from '../errors/user-error.js';
import { marksPath, readMarksFile } from '../store/marks.js';

export interface ReportMarks {
  marks: Mark[];
  /** The file's name, as warnings name it. */
  file: string;
  /** `file:LINE: why` for each line that is not a mark or does not fit its rubric. */
  warnings: string[];
}

/**
 * The trainers' marks on the bank's written replies, for `report`: from
 * `--marks <file>` when given (it must exist), else marks.jsonl in the data
 * dir (none there is no marks). Bad lines become warnings, never a failure:
 * one hand-edited line must not hide every other mark.
 */
export async function readReportMarks(bank: Bank, dataDir: string, file?: string): Promise<ReportMarks> {
  const path = file ?? marksPath(dataDir);
  if (file !== undefined) {
    try {
      await stat(file);
    } catch (error) {
      throw ioError(file, error);
    }
  }
  const { entries, problems } = await readMarksFile(path);
  const name = basename(path);
  const checked = checkMarkLines(bank, entries, name);
  const line = (warning: string): number => Number(/^:(\d+):/.exec(warning.slice(name.length))?.[1] ?? 0);
  // In file order, whichever check found them.
  const warnings = [...problems, ...checked.warnings].sort((a, b) => line(a) - line(b));
  return { marks: checked.marks, file: name, warnings };
}
