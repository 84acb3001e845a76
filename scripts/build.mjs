// Builds dist/ with esbuild, after compiling every schemas/*.schema.json into a
// standalone ajv validator (src/generated/), so no command compiles a schema at
// run time and ajv's compiler never loads.
//
// Every file is written to a temp name and renamed into place, and only when its
// content changed: tests and benchmarks build concurrently, and a process that
// starts mid-build must see either the old bundle or the new one, never half.
import { mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, join, relative } from 'node:path';
import Ajv from 'ajv';
import standaloneCode from 'ajv/dist/standalone/index.js';
import * as esbuild from 'esbuild';
import { compile as schemaToTypeScript } from 'json-schema-to-typescript';

const root = new URL('..', import.meta.url).pathname;
const pkg = JSON.parse(await readFile(join(root, 'package.json'), 'utf8'));

/**
 * Schemas whose every error is reported: `validate` lists all that is wrong with
 * a bank. Other records are judged by their first error, and collecting all of
 * them keeps ajv checking after the answer is known.
 */
const ALL_ERRORS = new Set(['question-bank']);

async function compileSchemas() {
  const dir = join(root, 'schemas');
  const out = join(root, 'src', 'generated');
  await mkdir(out, { recursive: true });
  for (const file of (await readdir(dir)).filter((f) => f.endsWith('.schema.json'))) {
    const original = JSON.parse(await readFile(join(dir, file), 'utf8'));
    const schema = withoutAnnotations(original);
    const name = basename(file, '.schema.json');
    const ajv = new Ajv({
      allErrors: ALL_ERRORS.has(name),
      strict: true,
      discriminator: true,
      code: { source: true, esm: true, optimize: true },
    });
    const validate = ajv.compile(schema);
    await writeIfChanged(join(out, `${name}.validate.js`), standaloneCode(ajv, validate));
    await writeIfChanged(
      join(out, `${name}.validate.d.ts`),
      "import type { ValidateFunction } from 'ajv';\ndeclare const validate: ValidateFunction;\nexport default validate;\n",
    );
    await writeIfChanged(join(out, `${name}.fields.js`), `export const fieldNames = ${JSON.stringify(fieldNames(original))};\n`);
    await writeIfChanged(join(out, `${name}.fields.d.ts`), '/** Every field name the schema defines, for "did you mean" hints. */\nexport declare const fieldNames: readonly string[];\n');
    // The schema's own TypeScript types, which tests/schemas/ holds our hand-written types to.
    const types = await schemaToTypeScript(original, 'SchemaRoot', { bannerComment: `// Generated from schemas/${file} by scripts/build.mjs.`, additionalProperties: false, format: false });
    await writeIfChanged(join(out, `${name}.schema-types.d.ts`), types);
  }
}

/**
 * Keywords that only document a schema. The standalone code embeds the schema
 * objects it consults (the root, for `additionalProperties`), descriptions and
 * all, and every command that validates pays to parse them: the bank schema's
 * descriptions are most of its size. Validation does not read them.
 */
const ANNOTATIONS = new Set(['title', 'description', '$comment', 'examples']);
/** Keywords whose value is a schema, a list of schemas, or a map of name to schema. */
const SUBSCHEMA = new Set(['additionalItems', 'additionalProperties', 'contains', 'else', 'if', 'items', 'not', 'propertyNames', 'then', 'unevaluatedItems', 'unevaluatedProperties']);
const SUBSCHEMA_LISTS = new Set(['allOf', 'anyOf', 'oneOf', 'prefixItems']);
const SUBSCHEMA_MAPS = new Set(['$defs', 'definitions', 'dependentSchemas', 'patternProperties', 'properties']);

function withoutAnnotations(schema) {
  if (schema === null || typeof schema !== 'object' || Array.isArray(schema)) return schema;
  const copy = {};
  for (const [keyword, value] of Object.entries(schema)) {
    if (ANNOTATIONS.has(keyword)) continue;
    if (SUBSCHEMA.has(keyword)) copy[keyword] = Array.isArray(value) ? value.map(withoutAnnotations) : withoutAnnotations(value);
    else if (SUBSCHEMA_LISTS.has(keyword)) copy[keyword] = value.map(withoutAnnotations);
    else if (SUBSCHEMA_MAPS.has(keyword)) copy[keyword] = Object.fromEntries(Object.entries(value).map(([name, sub]) => [name, withoutAnnotations(sub)]));
    else copy[keyword] = value;
  }
  return copy;
}

/** Names under every `properties` in the schema, in schema order (ties in "did you mean" go to the first); `$schema`, the editor hint, is not a field to suggest. */
function fieldNames(schema) {
  const names = new Set();
  const walk = (node) => {
    if (node === null || typeof node !== 'object') return;
    if (Array.isArray(node)) return node.forEach(walk);
    for (const [key, value] of Object.entries(node)) {
      if (key === 'properties' && value && typeof value === 'object') {
        for (const name of Object.keys(value)) if (name !== '$schema') names.add(name);
      }
      walk(value);
    }
  };
  walk(schema);
  return [...names];
}

async function writeIfChanged(file, contents) {
  const current = await readFile(file).catch(() => undefined);
  if (current && Buffer.compare(current, Buffer.from(contents)) === 0) return;
  await mkdir(dirname(file), { recursive: true });
  const temp = `${file}.${process.pid}.tmp`;
  await writeFile(temp, contents);
  await rename(temp, file);
}

async function filesUnder(dir) {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true }).catch(() => []);
  return entries.filter((e) => e.isFile()).map((e) => join(e.parentPath ?? e.path, e.name));
}

await compileSchemas();
const dist = join(root, 'dist');
/** Every command, and whether it draws with Ink (src/cli/commands/manifest.json; the CLI registers the same list). */
const { commands } = JSON.parse(await readFile(join(root, 'src', 'cli', 'commands', 'manifest.json'), 'utf8'));
/** Commands that draw with Ink: ES modules, as Ink and yoga (top-level await) must be on Node 20. */
const inkCommands = [...commands.filter((c) => c.ink).map((c) => c.run), ...commands.flatMap((c) => (c.screens ? [c.screens] : []))];
/** Every other command's run module: one CommonJS file each, required by main.cjs when it runs. */
const plainCommands = commands.filter((c) => !c.ink).map((c) => c.run);

const shared = {
  write: false,
  absWorkingDir: root,
  outdir: 'dist',
  bundle: true,
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
  // yaml's Node build is CommonJS, which esbuild can neither tree-shake nor
  // hoist, so every command that reads a bank ran its module wrappers. The ESM
  // build is the same code (it only drops two LOG_* debugging env lookups and
  // warns through console.warn instead of process.emitWarning) and loads in
  // about 60% of the instructions.
  alias: { yaml: './node_modules/yaml/browser/dist/index.js' },
  logLevel: 'warning',
};

/**
 * The CLI and every command but take and preview, as CommonJS: Node starts a
 * CommonJS program without its ES module loader and reads `node:fs` and
 * `node:crypto` without building ES module facades of them (which touch every
 * lazy getter: fs loads its streams for that). One file per command, each
 * loaded by `require()` when its command runs.
 */
/**
 * Parts of a command too heavy for its own file, loaded by import('./<name>.js')
 * only when an option needs them: report's --html (Vega, ~2 MB), so that every
 * other report run does not parse it.
 */
const LAZY_PARTS = ['report-html'];

const cli = esbuild.build({
  ...shared,
  entryPoints: {
    'cli/main': 'src/cli/main.ts',
    ...Object.fromEntries([...plainCommands, ...LAZY_PARTS].map((name) => [`cli/run/${name}`, `src/cli/run/${name}.ts`])),
  },
  format: 'cjs',
  outExtension: { '.js': '.cjs' },
  // Vega's Node build of vega-canvas awaits import('canvas') at top level, which CommonJS cannot hold; the
  // browser build is the same minus that optional native canvas, which report --html does not use (SVG only).
  alias: { ...shared.alias, 'vega-canvas': './node_modules/vega-canvas/build/vega-canvas.browser.js' },
  // import() becomes require(): a command's file loads without the ES module loader.
  supported: { 'dynamic-import': false },
  inject: ['scripts/import-meta-url.js'],
  define: { ...shared.define, 'import.meta.url': 'importMetaUrl' },
  plugins: [
    {
      name: 'frontline-cli',
      setup(build) {
        // A lazy part is its own file beside the command's.
        build.onResolve({ filter: /^\.\/[\w-]+\.js$/ }, (args) =>
          args.importer.startsWith(join(root, 'src', 'cli', 'run')) && LAZY_PARTS.includes(basename(args.path, '.js'))
            ? { path: `./${basename(args.path, '.js')}.cjs`, external: true }
            : undefined,
        );
        // commander requires child_process (net, streams: ~4 ms) for executable
        // subcommands, which frontline does not have; load it only if spawn is called.
        build.onResolve({ filter: /^(node:)?child_process$/ }, (args) =>
          args.importer.includes(join('node_modules', 'commander')) ? { path: 'lazy-child-process', namespace: 'frontline' } : undefined,
        );
        build.onLoad({ filter: /^lazy-child-process$/, namespace: 'frontline' }, () => ({
          contents: "exports.spawn = (...args) => require('node:child_process').spawn(...args);",
          loader: 'js',
        }));
      },
    },
  ],
});

/** The Ink commands (take, preview): ES modules, split into chunks that share Ink and React. */
const ink = esbuild.build({
  ...shared,
  entryPoints: Object.fromEntries(inkCommands.map((name) => [`esm/${name}`, `src/cli/run/${name}.ts`])),
  format: 'esm',
  splitting: true,
  chunkNames: 'esm/[name]-[hash]',
  // Some CommonJS dependencies call require() for Node built-ins.
  banner: {
    js: "import { createRequire as __frontlineCreateRequire } from 'node:module'; const require = __frontlineCreateRequire(import.meta.url);",
  },
});

// The entry point last, so the new main.cjs never names a command file or chunk
// that is not there yet; then remove what this build no longer produces.
const outputs = [...(await cli).outputFiles, ...(await ink).outputFiles].sort((a, b) => Number(a.path.endsWith('main.cjs')) - Number(b.path.endsWith('main.cjs')));
for (const file of outputs) await writeIfChanged(file.path, file.contents);
const produced = new Set(outputs.map((f) => f.path));
for (const file of await filesUnder(dist)) {
  if (!produced.has(file) && !file.endsWith('.tmp')) await rm(file, { force: true });
}
if (process.env.FRONTLINE_BUILD_VERBOSE) console.log(`built ${outputs.length} files in ${relative(root, dist)}/`);
