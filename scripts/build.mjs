// Builds dist/ with esbuild, after compiling every schemas/*.schema.json into a
// standalone ajv validator (src/generated/), so no command compiles a schema at
// run time and ajv's compiler never loads.
import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import Ajv from 'ajv';
import standaloneCode from 'ajv/dist/standalone/index.js';
import * as esbuild from 'esbuild';

const root = new URL('..', import.meta.url).pathname;
const pkg = JSON.parse(await readFile(join(root, 'package.json'), 'utf8'));

async function compileSchemas() {
  const dir = join(root, 'schemas');
  const out = join(root, 'src', 'generated');
  await mkdir(out, { recursive: true });
  for (const file of (await readdir(dir)).filter((f) => f.endsWith('.schema.json'))) {
    const schema = JSON.parse(await readFile(join(dir, file), 'utf8'));
    const ajv = new Ajv({
      allErrors: true,
      strict: true,
      discriminator: true,
      code: { source: true, esm: true, optimize: true },
    });
    const validate = ajv.compile(schema);
    const name = basename(file, '.schema.json');
    await writeFile(join(out, `${name}.validate.js`), standaloneCode(ajv, validate));
    await writeFile(
      join(out, `${name}.validate.d.ts`),
      "import type { ValidateFunction } from 'ajv';\ndeclare const validate: ValidateFunction;\nexport default validate;\n",
    );
  }
}

await compileSchemas();
await rm(join(root, 'dist'), { recursive: true, force: true });
await esbuild.build({
  absWorkingDir: root,
  entryPoints: { 'cli/main': 'src/cli/main.ts' },
  outdir: 'dist',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  minifySyntax: true,
  sourcemap: 'linked',
  jsx: 'automatic',
  define: {
    'process.env.NODE_ENV': '"production"',
    FRONTLINE_VERSION: JSON.stringify(pkg.version),
  },
  // Ink imports react-devtools-core only when DEV=true; it is not installed.
  external: ['react-devtools-core'],
  // Some CommonJS dependencies call require() for Node built-ins.
  banner: {
    js: "import { createRequire as __frontlineCreateRequire } from 'node:module'; const require = __frontlineCreateRequire(import.meta.url);",
  },
  logLevel: 'warning',
});
