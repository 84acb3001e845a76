#!/usr/bin/env node
// Kept tiny: the real program is the esbuild bundle in dist/.
import { existsSync } from 'node:fs';

const main = new URL('../dist/cli/main.js', import.meta.url);
if (!existsSync(main)) {
  process.stderr.write('frontline: not built yet: run `npm run build` (or `npm install`) first\n');
  process.exit(70);
}
await import(main.href);
