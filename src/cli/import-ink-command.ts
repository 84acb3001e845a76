/**
 * `import()` that esbuild cannot see. The CLI is a CommonJS bundle (Node starts
 * it without its ES module loader), and esbuild turns the `import()` of every
 * other command into `require()`; Ink is ES modules with top-level await
 * (yoga), which Node 20 cannot require, so these two commands are imported.
 */
const importModule = new Function('specifier', 'return import(specifier)') as (specifier: string) => Promise<unknown>;

/** Loads `take` or `preview` from the ES module build beside the CLI bundle (dist/esm/). */
export function importInkCommand<Module>(name: 'take' | 'preview'): Promise<Module> {
  return importModule(new URL(`../esm/${name}.js`, import.meta.url).href) as Promise<Module>;
}
