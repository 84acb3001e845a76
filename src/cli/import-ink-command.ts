type ImportModule = (url: string) => Promise<unknown>;

/**
 * `import()` that esbuild cannot see. The CLI is a CommonJS bundle (Node starts
 * it without its ES module loader), and esbuild turns the `import()` of every
 * other command into `require()`; Ink is ES modules with top-level await
 * (yoga), which Node 20 cannot require, so these two commands are imported.
 * The launcher's own import() comes first: on Node 20 the bundle's code comes
 * from bin/code-cache.js, and import() written in it has no loader to go to.
 */
function importModule(url: string): Promise<unknown> {
  const launcher = require.main?.exports as { importModule?: ImportModule } | undefined;
  return (launcher?.importModule ?? (new Function('url', 'return import(url)') as ImportModule))(url);
}

/** Loads `take` or `preview` from the ES module build beside the CLI bundle (dist/esm/). */
export function importInkCommand<Module>(name: 'take' | 'preview'): Promise<Module> {
  return importModule(new URL(`../esm/${name}.js`, import.meta.url).href) as Promise<Module>;
}
