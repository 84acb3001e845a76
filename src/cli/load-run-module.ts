/** A command as src/cli/commands/manifest.json lists it. */
export interface CommandEntry {
  name: string;
  /** Its implementation: src/cli/run/<run>.ts. */
  run: string;
  /** Drawn with Ink: built as an ES module in dist/esm/, not CommonJS in dist/cli/run/. */
  ink: boolean;
  /** A part of a plain command drawn with Ink: src/cli/run/<screens>.ts, built as an ES module in dist/esm/. */
  screens?: string;
}

type ImportModule = (url: string) => Promise<unknown>;

/**
 * `import()` that esbuild cannot see. The CLI is a CommonJS bundle (Node starts
 * it without its ES module loader); Ink is ES modules with top-level await
 * (yoga), which Node 20 cannot require, so Ink commands are imported. The
 * launcher's own import() comes first: on Node 20 the bundle's code comes from
 * bin/code-cache.js, and import() written in it has no loader to go to.
 */
function importModule(url: string): Promise<unknown> {
  const launcher = require.main?.exports as { importModule?: ImportModule } | undefined;
  return (launcher?.importModule ?? (new Function('url', 'return import(url)') as ImportModule))(url);
}

/**
 * Loads a command's run module from the build beside the CLI bundle
 * (dist/cli/main.cjs): dist/esm/<run>.js for Ink commands, else
 * dist/cli/run/<run>.cjs. The require goes through a variable so that esbuild
 * leaves it to run time instead of bundling every command into main.cjs.
 */
export function loadRunModule(entry: CommandEntry): Promise<unknown> {
  if (entry.ink) return importModule(new URL(`../esm/${entry.run}.js`, import.meta.url).href);
  const requireFromBundle = require;
  return Promise.resolve(requireFromBundle(`./run/${entry.run}.cjs`) as unknown);
}
