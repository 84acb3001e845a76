import { resolve } from 'node:path';
import { bankTemplate } from '../../core/bank/template.js';
import { writeFileAtomic } from '../../store/atomic-write.js';
import { exists } from '../../store/file-system.js';
import { ioError, UserError } from '../../errors/user-error.js';
import { ExitCode } from '../../errors/exit-codes.js';
import { schemaReference } from '../../store/schema-reference.js';
import type { Run } from '../lazy-action.js';
import { printJson, writeOut } from '../output.js';

interface InitOptions {
  force?: boolean;
  json?: boolean;
}

export const run: Run<[string], InitOptions> = async ([file], options) => {
  if (!options.force && (await exists(file))) {
    throw new UserError(`${file}: already exists; not overwriting it`, { exitCode: ExitCode.usage, hint: 'pass --force to replace it' });
  }
  const schemaRef = await schemaReference(file);
  try {
    await writeFileAtomic(file, bankTemplate(schemaRef));
  } catch (error) {
    throw ioError(file, error, 'write');
  }
  if (options.json) printJson({ file: resolve(file), schema: schemaRef });
  else writeOut(`wrote ${file}\nnext: edit it, then run \`frontline validate ${file}\`\n`);
  return ExitCode.ok;
};
