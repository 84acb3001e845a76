#!/usr/bin/env node
// Kept tiny: the real program is the esbuild bundle in dist/. This file is
// CommonJS (bin/package.json says so) like the bundle it loads: Node starts a
// CommonJS program without its ES module loader, a sixth of `verify`'s startup.
'use strict';
const { existsSync } = require('node:fs');
const { tmpdir } = require('node:os');
const { join } = require('node:path');
const { enableCompileCache } = require('node:module');

const cli = join(__dirname, '..', 'dist', 'cli');

// V8 keeps the code it compiled between runs (in the OS temp dir, checked
// against the source), so a command starts without recompiling commander, yaml
// and the validators. code-cache.js does it for the CLI's own CommonJS files on
// every Node version: its cache is made at exit, so it also holds the functions
// compiled during the run, and `validate` starts ~15% sooner than with Node's
// own compile cache (22.1+), which here takes the ES modules of take and
// preview. NODE_DISABLE_COMPILE_CACHE=1 turns both off.
enableCompileCache?.();
if (!process.env.NODE_DISABLE_COMPILE_CACHE) require('./code-cache.js').cacheCompiledCode(cli, join(tmpdir(), `frontline-code-cache-${process.getuid?.() ?? 'user'}`));

// take and preview are ES modules (Ink): main.cjs imports them with this, as
// import() in code from code-cache.js has no module loader to go to.
exports.importModule = (url) => import(url);

const main = join(cli, 'main.cjs');
if (!existsSync(main)) {
  process.stderr.write('frontline: not built yet: run `npm run build` (or `npm install`) first\n');
  process.exit(70);
}
require(main);
