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

// V8 keeps the code it compiled for the bundle between runs (in the OS temp
// dir, checked against the source), so a command starts without recompiling
// commander, yaml and the validators: Node does this itself from 22.1, and
// code-cache.js does it on Node 20. NODE_DISABLE_COMPILE_CACHE=1 turns it off.
if (enableCompileCache) enableCompileCache();
else if (!process.env.NODE_DISABLE_COMPILE_CACHE) require('./code-cache.js').cacheCompiledCode(cli, join(tmpdir(), `frontline-code-cache-${process.getuid?.() ?? 'user'}`));

// take and preview are ES modules (Ink): main.cjs imports them with this, as
// import() in code from code-cache.js has no module loader to go to.
exports.importModule = (url) => import(url);

const main = join(cli, 'main.cjs');
if (!existsSync(main)) {
  process.stderr.write('frontline: not built yet: run `npm run build` (or `npm install`) first\n');
  process.exit(70);
}
require(main);
