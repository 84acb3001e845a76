#!/usr/bin/env node
// Kept tiny: the real program is the esbuild bundle in dist/. This file is
// CommonJS (bin/package.json says so) like the bundle it loads: Node starts a
// CommonJS program without its ES module loader, a sixth of `verify`'s startup.
'use strict';
const { existsSync } = require('node:fs');
const { join } = require('node:path');

// From Node 22.1, V8 keeps the bytecode it compiled for the bundle between runs
// (in the OS temp dir, checked against the source), so a command starts without
// recompiling yaml and the validators (a tenth of `validate`'s startup there).
// Node 20 has no such API: there this line does nothing.
require('node:module').enableCompileCache?.();

const main = join(__dirname, '..', 'dist', 'cli', 'main.cjs');
if (!existsSync(main)) {
  process.stderr.write('frontline: not built yet: run `npm run build` (or `npm install`) first\n');
  process.exit(70);
}
require(main);
