import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { cruise, type IConfiguration, type ICruiseResult } from 'dependency-cruiser';
import extractTSConfig from 'dependency-cruiser/config-utl/extract-ts-config';
import { afterAll, describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../', import.meta.url));
const config = createRequire(import.meta.url)(join(root, '.dependency-cruiser.cjs')) as IConfiguration;

/** Cruises `files` (paths under baseDir) with the project's own rules; returns the names of the rules broken. */
async function brokenRules(baseDir: string, files: string[]): Promise<string[]> {
  const result = await cruise(
    files,
    { ...config.options, ruleSet: { forbidden: config.forbidden }, validate: true, baseDir },
    {},
    { tsConfig: extractTSConfig(join(baseDir, 'tsconfig.json')) },
  );
  const output = result.output as ICruiseResult;
  return output.summary.violations.map((v) => `${v.rule.name}: ${v.from} -> ${v.to}`);
}

describe('the layer rule (.dependency-cruiser.cjs)', () => {
  const tmp = mkdtempSync(join(tmpdir(), 'frontline-layers-'));
  afterAll(() => rmSync(tmp, { recursive: true, force: true }));

  /** A tree holding one module per layer, `from` importing `to` (as a value or as a type). */
  function plant(name: string, from: string, to: string, how: 'value' | 'type'): string {
    const dir = join(tmp, name);
    const write = (file: string, text: string) => {
      mkdirSync(dirname(join(dir, file)), { recursive: true });
      writeFileSync(join(dir, file), text);
    };
    write('tsconfig.json', JSON.stringify({ compilerOptions: { module: 'NodeNext', moduleResolution: 'NodeNext', strict: true } }));
    write('package.json', '{"type":"module"}');
    for (const layer of ['errors', 'core', 'store', 'app', 'ui', 'cli']) {
      const body = layer === from ? (how === 'type' ? `import type { T } from '../${to}/m.js';\nexport type U = T;\n` : `import { t } from '../${to}/m.js';\nexport const u = t;\n`) : '';
      write(`src/${layer}/m.ts`, `${body}export type T = string;\nexport const t = '${layer}';\n`);
    }
    return dir;
  }

  it.each([
    ['errors', 'core', 'errors-import-nothing-of-ours'],
    ['errors', 'cli', 'errors-import-nothing-of-ours'],
    ['core', 'store', 'core-is-pure'],
    ['core', 'app', 'core-is-pure'],
    ['core', 'ui', 'core-is-pure'],
    ['core', 'cli', 'core-is-pure'],
    ['store', 'app', 'store-below-app'],
    ['store', 'cli', 'store-below-app'],
    ['store', 'ui', 'store-below-app'],
    ['app', 'cli', 'app-below-front-ends'],
    ['app', 'ui', 'app-below-front-ends'],
    ['ui', 'store', 'ui-draws-core-only'],
    ['ui', 'app', 'ui-draws-core-only'],
    ['ui', 'cli', 'ui-draws-core-only'],
  ])('fails on a planted upward import %s -> %s (%s), as a value and as a type', async (from, to, rule) => {
    for (const how of ['value', 'type'] as const) {
      const dir = plant(`${from}-${to}-${how}`, from, to, how);
      expect(await brokenRules(dir, ['src'])).toEqual([`${rule}: src/${from}/m.ts -> src/${to}/m.ts`]);
    }
  });

  it.each([
    ['cli', 'app'],
    ['cli', 'store'],
    ['cli', 'ui'],
    ['app', 'store'],
    ['app', 'core'],
    ['store', 'core'],
    ['store', 'errors'],
    ['ui', 'core'],
    ['ui', 'errors'],
    ['core', 'errors'],
  ])('allows the downward import %s -> %s', async (from, to) => {
    expect(await brokenRules(plant(`${from}-${to}-down`, from, to, 'value'), ['src'])).toEqual([]);
  });

  it('fails on two modules that load each other', async () => {
    const dir = plant('cycle', 'core', 'errors', 'value');
    writeFileSync(join(dir, 'src/errors/m.ts'), "import { u } from './n.js';\nexport type T = string;\nexport const t = u;\n");
    writeFileSync(join(dir, 'src/errors/n.ts'), "import { t } from './m.js';\nexport const u = () => t;\n");
    expect(await brokenRules(dir, ['src'])).toContain('no-runtime-cycle: src/errors/m.ts -> src/errors/n.ts');
  });

  it('holds for the source tree', async () => {
    expect(await brokenRules(root, ['src'])).toEqual([]);
  }, 120_000);
});
