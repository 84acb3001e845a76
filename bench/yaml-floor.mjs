// The least any `validate` of a bank must do, as its own program: read the
// file, parse it with yaml's parseDocument (the same options and LineCounter as
// src/core/bank/parse-yaml.ts), hash the data with node:crypto, write one line.
// Bundled and loaded through the launcher's code cache as frontline is, so the
// difference between this and `frontline validate` is frontline's own cost.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as esbuild from 'esbuild';
import { root } from './lib.mjs';

const PROGRAM = `
const { readFileSync, writeSync } = require('node:fs');
const { createHash } = require('node:crypto');
const { LineCounter, parseDocument } = require('yaml');
const file = process.argv[2];
const text = readFileSync(file, 'utf8');
// As load-bank.ts does: yaml reads process.env once per token, and a plain copy answers faster.
const env = process.env;
process.env = { ...env };
const doc = parseDocument(text, { uniqueKeys: true, prettyErrors: false, merge: true, lineCounter: new LineCounter() });
const data = doc.toJS({ maxAliasCount: 1000 });
process.env = env;
if (doc.errors.length > 0) process.exit(3);
const hash = createHash('sha256').update(Buffer.from(JSON.stringify(data), 'utf8')).digest('hex');
writeSync(1, file + ': parsed, sha256:' + hash + '\\n');
`;

/** Builds the program in `dir`; returns the arguments for `node` that run it on a file. */
export function buildYamlFloor(dir) {
  const out = join(dir, 'yaml-floor');
  mkdirSync(out, { recursive: true });
  esbuild.buildSync({
    stdin: { contents: PROGRAM, resolveDir: root, loader: 'js', sourcefile: 'yaml-floor.cjs' },
    outfile: join(out, 'run.cjs'),
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    minifySyntax: true,
    define: { 'process.env.NODE_ENV': '"production"' },
    logLevel: 'error',
  });
  const launcher = join(out, 'launch.cjs');
  writeFileSync(
    launcher,
    `'use strict';\nrequire(${JSON.stringify(join(root, 'bin', 'code-cache.js'))}).cacheCompiledCode(${JSON.stringify(out)}, ${JSON.stringify(join(dir, 'yaml-floor-cache'))});\nrequire('./run.cjs');\n`,
  );
  return [launcher];
}
