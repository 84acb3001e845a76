import { basename, extname } from 'node:path';
import { decodeBankBytes } from '../../core/bank/decode-text.js';
import { formatDiagnostic } from '../../core/bank/diagnostic.js';
import { parseBank } from '../../core/bank/parse-bank.js';
import { importedBankYaml } from '../../core/gift/bank-yaml.js';
import { giftToBank, slugify, type GiftFinding } from '../../core/gift/gift-to-bank.js';
import { startProgress } from '../progress.js';
import { splitGiftQuestions } from '../../core/gift/split-questions.js';
import { MAX_BANK_BYTES } from '../../store/bank-file.js';
import { readRegularFile } from '../../store/regular-file.js';
import { writeFileAtomic } from '../../store/atomic-write.js';
import { exists } from '../../store/file-system.js';
import { schemaReference } from '../../store/schema-reference.js';
import { ioError, UserError } from '../../errors/user-error.js';
import { ExitCode } from '../../errors/exit-codes.js';
import type { Run } from '../lazy-action.js';
import { paint, printJson, writeOut } from '../output.js';

interface ImportOptions {
  out?: string;
  competency?: string;
  id?: string;
  title?: string;
  force?: boolean;
  json?: boolean;
  quiet?: boolean;
}

/** A GIFT question is a few hundred bytes; 10,000 of them (the most one bank holds) stay well under this. */
const MAX_GIFT_BYTES = 8 * 1024 * 1024;
/** As many items as the largest bank validate is measured on (bench/validate.mjs). */
const MAX_GIFT_QUESTIONS = 10_000;
const ID = /^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/;
const BANK_ID = /^[a-z0-9][a-z0-9._-]{0,99}$/;

export const run: Run<[string, string], ImportOptions> = async ([format, file], opts) => {
  if (format.toLowerCase() !== 'gift') {
    throw new UserError(`import: unknown format "${format}"`, { exitCode: ExitCode.usage, hint: 'supported: gift' });
  }
  if (opts.out === undefined) {
    throw new UserError("import: required option '-o, --out <file>' not specified", { exitCode: ExitCode.usage, hint: `frontline import gift ${file} -o banks/imported.yaml` });
  }
  const options = { ...opts, out: opts.out };
  const competency = options.competency ?? 'general';
  if (!ID.test(competency)) {
    throw new UserError(`--competency: "${competency}" is not an id (letters, digits, ".", "_", "-")`, { exitCode: ExitCode.usage });
  }
  const bankId = options.id ?? (slugify(basename(options.out, extname(options.out))) || 'imported');
  if (!BANK_ID.test(bankId)) {
    throw new UserError(`--id: "${bankId}" is not a bank id (lowercase letters, digits, ".", "_", "-")`, { exitCode: ExitCode.usage });
  }
  if (!options.force && (await exists(options.out))) {
    throw new UserError(`${options.out}: already exists`, { exitCode: ExitCode.io, hint: 'choose another -o file, or pass --force to overwrite it' });
  }

  const read = readRegularFile(file, MAX_GIFT_BYTES);
  if (!read.ok) {
    if (read.kind === 'io') throw ioError(file, read.cause);
    throw new UserError(`${file}: cannot import: ${read.message}`, {
      exitCode: read.kind === 'too-large' ? ExitCode.invalidInput : ExitCode.io,
      hint: read.kind === 'too-large' ? `a bank holds at most ${MAX_GIFT_QUESTIONS.toLocaleString('en-US')} questions; split the GIFT file and import each part` : undefined,
    });
  }
  // Same rule as banks: UTF-8 only, and a file in another encoding is named as such instead of mis-read.
  const decoded = decodeBankBytes(read.bytes, file, 'GIFT');
  if (!decoded.ok) throw new UserError(formatDiagnostic(decoded.error), { exitCode: ExitCode.invalidInput, hint: 'Moodle exports GIFT as UTF-8; re-save the file as UTF-8' });
  const source = decoded.text;

  const questions = splitGiftQuestions(source).length;
  if (questions > MAX_GIFT_QUESTIONS) {
    throw new UserError(`${file}: ${questions.toLocaleString('en-US')} questions, more than the ${MAX_GIFT_QUESTIONS.toLocaleString('en-US')} one bank may hold`, {
      exitCode: ExitCode.invalidInput,
      hint: 'split the GIFT file and import each part as its own bank',
    });
  }
  const title = options.title ?? titleFromFile(file);
  const progress = startProgress('converting', 'questions', { quiet: options.json === true || options.quiet === true });
  // The conversion is one synchronous loop: let the progress library finish loading before it starts.
  await new Promise((resolve) => setImmediate(resolve));
  let imported: ReturnType<typeof giftToBank>;
  try {
    imported = giftToBank(source, { bankId, title, competency, onProgress: (done, total) => progress.update(done, total) });
  } finally {
    progress.stop();
  }
  const skipped = imported.findings.filter((f) => f.kind === 'skipped');
  const converted = imported.bank?.items.length ?? 0;

  if (!imported.bank) {
    if (options.json) printJson(report(file, options.out, imported.questions, 0, imported.findings, false));
    else printFindings(file, imported.findings);
    throw new UserError(`${file}: no question could be converted (${imported.questions} seen)`, { exitCode: ExitCode.invalidInput });
  }

  const yaml = importedBankYaml(imported.bank, { schemaRef: await schemaReference(options.out), source: file, findings: imported.findings });
  // Never write a bank `validate` would refuse for its size (a 10.8 MB GIFT file once became a 43 MB bank).
  if (Buffer.byteLength(yaml) > MAX_BANK_BYTES) {
    throw new UserError(`${file}: the converted bank would be ${(Buffer.byteLength(yaml) / 1024 / 1024).toFixed(1)} MB, over the ${MAX_BANK_BYTES / 1024 / 1024} MB a bank may be`, {
      exitCode: ExitCode.invalidInput,
      hint: 'split the GIFT file and import each part as its own bank',
    });
  }
  // The converter's output must be a bank `validate` accepts; if not, that is our bug, not the trainer's.
  const check = parseBank(yaml, options.out);
  if (!check.ok) throw new Error(`converted bank does not validate: ${check.errors.map(formatDiagnostic).join('; ')}`);

  try {
    await writeFileAtomic(options.out, yaml);
  } catch (error) {
    throw ioError(options.out, error, 'write');
  }

  if (options.json) printJson({ ...report(file, options.out, imported.questions, converted, imported.findings, true), warnings: check.warnings.length });
  else {
    printFindings(file, imported.findings);
    writeOut(`wrote ${options.out}: ${converted} of ${imported.questions} question(s) converted, ${skipped.length} not converted\n`);
    if (check.warnings.length > 0) {
      writeOut(`frontline validate ${options.out} has ${check.warnings.length} warning(s) for you to review (e.g. items without an explanation)\n`);
    }
  }
  return ExitCode.ok;
};

function report(file: string, out: string, questions: number, converted: number, findings: GiftFinding[], written: boolean) {
  return {
    file,
    out: written ? out : null,
    questions,
    converted,
    skipped: findings.filter((f) => f.kind === 'skipped').map(({ line, message }) => ({ line, message })),
    changed: findings.filter((f) => f.kind === 'changed').map(({ line, itemId, message }) => ({ line, itemId, message })),
  };
}

function printFindings(file: string, findings: GiftFinding[]): void {
  const lines = findings.map((f) =>
    f.kind === 'skipped'
      ? `${file}:${f.line}: ${paint('yellow', 'not converted')}: ${f.message}`
      : `${file}:${f.line}: changed (${f.itemId}): ${f.message}`,
  );
  if (lines.length > 0) writeOut(`${lines.join('\n')}\n`);
}

function titleFromFile(file: string): string {
  const name = basename(file, extname(file)).replace(/[-_]+/g, ' ').trim();
  return name ? name[0]!.toUpperCase() + name.slice(1) : 'Imported questions';
}
