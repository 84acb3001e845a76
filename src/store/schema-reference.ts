import { readFile } from 'node:fs/promises';
import { dirname, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The `# yaml-language-server: $schema=` path from a bank about to be written to
 * the installed question-bank schema. The bundle's chunks and the sources sit at
 * different depths, so look upwards for our own package.json.
 */
export async function schemaReference(bankFile: string): Promise<string> {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    try {
      const pkg = JSON.parse(await readFile(resolve(dir, 'package.json'), 'utf8')) as { name?: string };
      if (pkg.name === 'frontline') {
        const schema = resolve(dir, 'schemas', 'question-bank.schema.json');
        const path = relative(dirname(resolve(bankFile)), schema).split(sep).join('/');
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
