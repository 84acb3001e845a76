import { access, readFile } from 'node:fs/promises';
import { dirname, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { bankTemplate } from '../../core/bank/template.js';
import { writeFileAtomic } from '../../store/atomic-write.js';
import { ioError, UserError } from '../errors.js';
import { ExitCode } from '../exit-codes.js';
import type { Run } from '../lazy-action.js';

interface InitOptions {
  force?: boolean;
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
  process.stdout.write(`wrote ${file}\nnext: edit it, then run \`frontline validate ${file}\`\n`);
  return ExitCode.ok;
};

async function exists(path: string): Promise<boolean> {
  try {
    await access(path);
    return true;
  } catch {
    return false;
  }
}

/**
 * The modeline path from the new bank to the installed schema. The bundle's
 * chunks and the sources sit at different depths, so look upwards for our package.json.
 */
async function schemaReference(file: string): Promise<string> {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    try {
      const pkg = JSON.parse(await readFile(resolve(dir, 'package.json'), 'utf8')) as { name?: string };
      if (pkg.name === 'frontline') {
        const schema = resolve(dir, 'schemas', 'question-bank.schema.json');
        const path = relative(dirname(resolve(file)), schema).split(sep).join('/');
        return path.startsWith('.') ? path : `./${path}`;
      }
    } catch {
      // No package.json here; keep climbing.
    }
    const parent = dirname(dir);
    // Not inside our package (should not happen): the layout of a bank in this repository.
    if (parent === dir) return '../schemas/question-bank.schema.json';
    dir = parent;
  }
}
