#!/usr/bin/env node
// Kept tiny: the real program is the esbuild bundle in dist/.
import { existsSync } from 'node:fs';
import module from 'node:module';

// From Node 22.1, V8 keeps the bytecode it compiled for the bundle between runs
// (in the OS temp dir, checked against the source), so a command starts without
// recompiling yaml and the validators (a tenth of `validate`'s startup there).
// Node 20 has no such API: there this line does nothing.
module.enableCompileCache?.();

const main = new URL('../dist/cli/main.js', import.meta.url);
if (!existsSync(main)) {
  process.stderr.write('frontline: not built yet: run `npm run build` (or `npm install`) first\n');
  process.exit(70);
}
await import(main.href);
